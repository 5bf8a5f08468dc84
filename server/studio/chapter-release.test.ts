import { beforeEach, expect, it } from 'vitest';
import { describeOnEngines } from '../../testing/test-database';
import { syncCatalog } from '../catalog/catalog-sync';
import { loadedStory } from '../catalog/loaded-story-builder';
import { Chapter, ChapterVersion, Story } from '../database/entities';
import { ManualClock } from '../shared/clock';
import { releaseDueChapters } from './chapter-release';
import { createStudioStory, createWriter, insertVersion } from './release-test-kit';

const T0 = new Date('2026-06-01T12:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describeOnEngines('releaseDueChapters', (db) => {
  const em = () => db().orm.em;
  let storyId: string;
  let n = 0;
  const chapterRow = (id: string) => em().fork().findOne(Chapter, { id }, { populate: ['bundle'] });
  const storyRow = (id: string) => em().fork().findOneOrFail(Story, { id });
  const versionRow = (chapterId: string, version: number) => em().fork().findOneOrFail(ChapterVersion, { chapterId, version });

  beforeEach(async () => {
    storyId = `tide-${++n}`;
    const writer = await createWriter(em());
    await createStudioStory(em(), writer.id, storyId);
  });

  it('does nothing before releaseAt, then makes the version what readers get and lists the story', async () => {
    const v1 = await insertVersion(em(), { storyId, chapterId: `${storyId}-ch1`, version: 1, releaseAt: at(60) });

    expect(await releaseDueChapters(em(), at(59))).toEqual([]);
    expect(await chapterRow(`${storyId}-ch1`)).toBeNull();
    expect((await storyRow(storyId)).listed).toBe(false);

    const released = await releaseDueChapters(em(), at(61));

    expect(released).toEqual([{ storyId, chapterId: `${storyId}-ch1`, version: 1, sha256: v1.sha256 }]);
    const chapter = await chapterRow(`${storyId}-ch1`);
    expect(chapter).toMatchObject({ number: 1, title: 'Chapter 1', sha256: v1.sha256, listed: true });
    expect(chapter?.story.id).toBe(storyId);
    expect(chapter?.bundle).toEqual(v1.bundle);
    const story = await storyRow(storyId);
    expect(story.listed).toBe(true);
    expect(story.publishedAt.toISOString()).toBe(at(61).toISOString());
    expect((await versionRow(`${storyId}-ch1`, 1)).releasedAt?.toISOString()).toBe(at(61).toISOString());
  });

  it('is idempotent: a second run releases nothing and changes nothing', async () => {
    await insertVersion(em(), { storyId, chapterId: `${storyId}-ch1`, version: 1, releaseAt: at(0) });
    await releaseDueChapters(em(), at(1));
    const before = await chapterRow(`${storyId}-ch1`);

    expect(await releaseDueChapters(em(), at(100))).toEqual([]);

    const after = await chapterRow(`${storyId}-ch1`);
    expect(after?.updatedAt.getTime()).toBe(before?.updatedAt.getTime());
    expect((await storyRow(storyId)).publishedAt.toISOString()).toBe(at(1).toISOString());
  });

  it('releases the newest due version; an older pending one is superseded, a newer scheduled one waits its turn', async () => {
    const chapterId = `${storyId}-ch1`;
    await insertVersion(em(), { storyId, chapterId, version: 1, releaseAt: at(3600) });
    const v2 = await insertVersion(em(), { storyId, chapterId, version: 2, releaseAt: at(10) });
    const v3 = await insertVersion(em(), { storyId, chapterId, version: 3, releaseAt: at(600) });

    expect(await releaseDueChapters(em(), at(20))).toEqual([{ storyId, chapterId, version: 2, sha256: v2.sha256 }]);
    expect((await chapterRow(chapterId))?.sha256).toBe(v2.sha256);
    // Version 1 was scheduled later, but version 2 replaced it: it must never come back over 2 or 3.
    expect((await versionRow(chapterId, 1)).releasedAt).not.toBeNull();
    expect((await versionRow(chapterId, 3)).releasedAt).toBeNull();

    expect(await releaseDueChapters(em(), at(601))).toEqual([{ storyId, chapterId, version: 3, sha256: v3.sha256 }]);
    expect(await releaseDueChapters(em(), at(3601))).toEqual([]);
    expect((await chapterRow(chapterId))?.sha256).toBe(v3.sha256);
  });

  it('keeps the publishedAt of a story that is already listed when a later chapter is released', async () => {
    await insertVersion(em(), { storyId, chapterId: `${storyId}-ch1`, version: 1, releaseAt: at(0) });
    await insertVersion(em(), { storyId, chapterId: `${storyId}-ch2`, number: 2, version: 1, releaseAt: at(3600) });
    await releaseDueChapters(em(), at(1));

    expect((await releaseDueChapters(em(), at(3601))).map((r) => r.chapterId)).toEqual([`${storyId}-ch2`]);

    expect((await storyRow(storyId)).publishedAt.toISOString()).toBe(at(1).toISOString());
    const listed = await em().fork().find(Chapter, { story: storyId, listed: true }, { orderBy: { number: 'asc' } });
    expect(listed.map((c) => c.number)).toEqual([1, 2]);
  });

  it('releases each chapter exactly once when two processes run it at the same moment', async () => {
    const chapters = [1, 2, 3].map((i) => `${storyId}-ch${i}`);
    for (const [i, chapterId] of chapters.entries()) await insertVersion(em(), { storyId, chapterId, number: i + 1, version: 1, releaseAt: at(0) });

    const [first, second] = await Promise.all([releaseDueChapters(em(), at(5)), releaseDueChapters(em(), at(5))]);

    expect([...first!, ...second!].map((r) => r.chapterId).sort()).toEqual(chapters);
    const rows = await em().fork().find(Chapter, { story: storyId });
    expect(rows.map((c) => c.id).sort()).toEqual(chapters);
  });

  it("never takes over another story's chapter id: that version stays pending", async () => {
    await syncCatalog(em(), [loadedStory({ id: `content-${n}`, chapters: [{ number: 1, id: `${storyId}-taken` }] })], new ManualClock());
    await insertVersion(em(), { storyId, chapterId: `${storyId}-taken`, version: 1, releaseAt: at(0) });

    expect(await releaseDueChapters(em(), at(1))).toEqual([]);

    expect((await chapterRow(`${storyId}-taken`))?.story.id).toBe(`content-${n}`);
    expect((await versionRow(`${storyId}-taken`, 1)).releasedAt).toBeNull();
    expect((await storyRow(storyId)).listed).toBe(false);
  });
});
