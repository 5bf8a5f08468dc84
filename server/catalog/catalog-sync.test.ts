import { beforeEach, describe, expect, it } from 'vitest';
import { Chapter, ChapterDraft, ChapterVersion, Story, StudioAsset, User } from '../database/entities';
import { createStudioStory, createWriter, insertVersion, upsertDraft } from '../studio/release-test-kit';
import { releaseDueChapters } from '../studio/chapter-release';
import { ORIGINALS_DISPLAY_NAME, ORIGINALS_USER_ID } from './originals-account';
import { ManualClock } from '../shared/clock';
import { describeOnEngines } from '../../testing/test-database';
import { syncCatalog } from './catalog-sync';
import { loadedStory } from './loaded-story-builder';

describeOnEngines('syncCatalog', (db) => {
  let clock: ManualClock;
  const em = () => db().orm.em;
  const storyRow = (id: string) => em().fork().findOneOrFail(Story, { id });
  const chapterRow = (id: string) => em().fork().findOneOrFail(Chapter, { id }, { populate: ['bundle'] });

  beforeEach(async () => {
    clock = new ManualClock('2026-03-01T10:00:00Z');
    const fork = em().fork();
    for (const entity of [ChapterVersion, ChapterDraft, StudioAsset, Chapter, Story]) await fork.nativeDelete(entity, {});
  });

  it('inserts new stories and chapters, with publishedAt from the manifest or now', async () => {
    const report = await syncCatalog(em(), [loadedStory({ id: 'alpha', chapters: [1, 2], publishedAt: '2025-05-01' }), loadedStory({ id: 'beta', genre: 'Science Fiction' })], clock);

    expect(report).toMatchObject({ storiesAdded: ['alpha', 'beta'], storiesUpdated: [], chaptersAdded: ['alpha-ch1', 'alpha-ch2', 'beta-ch1'], rejected: [] });
    expect((await storyRow('alpha')).publishedAt.toISOString()).toBe('2025-05-01T00:00:00.000Z');
    const beta = await storyRow('beta');
    expect(beta.publishedAt.toISOString()).toBe('2026-03-01T10:00:00.000Z');
    expect(beta).toMatchObject({ genre: 'science-fiction', plays: 0, listed: true, coverPath: null });
    const chapter = await chapterRow('alpha-ch2');
    expect(chapter).toMatchObject({ number: 2, title: 'Chapter 2', listed: true });
    expect(chapter.bundle).toMatchObject({ id: 'alpha-ch2', startSceneId: 'opening' });
  });

  it('is idempotent: a second run with the same content changes nothing', async () => {
    const content = [loadedStory({ id: 'alpha', chapters: [1, 2] })];
    await syncCatalog(em(), content, clock);
    const before = await storyRow('alpha');
    clock.advance(3600);

    const report = await syncCatalog(em(), content, clock);

    expect(report).toEqual({ storiesAdded: [], storiesUpdated: [], storiesUnlisted: [], chaptersAdded: [], chaptersUpdated: [], chaptersUnlisted: [], rejected: [] });
    expect((await storyRow('alpha')).updatedAt.getTime()).toBe(before.updatedAt.getTime());
  });

  it('updates changed metadata and a chapter whose sha changed, keeping publishedAt and plays', async () => {
    await syncCatalog(em(), [loadedStory({ id: 'alpha', chapters: [1, 2] })], clock);
    await em().fork().nativeUpdate(Story, { id: 'alpha' }, { plays: 42 });
    clock.advance(86_400);

    const edited = loadedStory({ id: 'alpha', title: 'Alpha, revised', cover: 'art/cover.png', publishedAt: '2020-01-01', chapters: [1, { number: 2, line: 'A rewritten line.' }] });
    const report = await syncCatalog(em(), [edited], clock);

    expect(report).toMatchObject({ storiesUpdated: ['alpha'], chaptersUpdated: ['alpha-ch2'], chaptersAdded: [] });
    const story = await storyRow('alpha');
    expect(story).toMatchObject({ title: 'Alpha, revised', coverPath: 'art/cover.png', plays: 42 });
    expect(story.publishedAt.toISOString()).toBe('2026-03-01T10:00:00.000Z');
    expect(story.updatedAt.toISOString()).toBe('2026-03-02T10:00:00.000Z');
    const chapter = await chapterRow('alpha-ch2');
    expect(chapter.sha256).toBe(edited.chapters[1]?.sha256);
    expect(JSON.stringify(chapter.bundle)).toContain('A rewritten line.');
  });

  it('unlists a vanished story and its chapters without deleting them, and relists it when it returns', async () => {
    const alpha = loadedStory({ id: 'alpha', chapters: [1, 2] });
    await syncCatalog(em(), [alpha, loadedStory({ id: 'beta' })], clock);

    const gone = await syncCatalog(em(), [loadedStory({ id: 'beta' })], clock);
    expect(gone).toMatchObject({ storiesUnlisted: ['alpha'], chaptersUnlisted: ['alpha-ch1', 'alpha-ch2'] });
    expect(await storyRow('alpha')).toMatchObject({ listed: false });
    expect(await chapterRow('alpha-ch1')).toMatchObject({ listed: false });

    const back = await syncCatalog(em(), [alpha, loadedStory({ id: 'beta' })], clock);
    expect(back).toMatchObject({ storiesUpdated: ['alpha'], chaptersUpdated: ['alpha-ch1', 'alpha-ch2'] });
    expect(await storyRow('alpha')).toMatchObject({ listed: true });
  });

  it('unlists a chapter removed from a story that stays', async () => {
    await syncCatalog(em(), [loadedStory({ id: 'alpha', chapters: [1, 2] })], clock);
    const report = await syncCatalog(em(), [loadedStory({ id: 'alpha', chapters: [1] })], clock);
    expect(report).toMatchObject({ storiesUnlisted: [], chaptersUnlisted: ['alpha-ch2'] });
  });

  it('leaves out content the columns cannot hold, and says why', async () => {
    const report = await syncCatalog(em(), [loadedStory({ id: 'alpha', title: 'x'.repeat(201) }), loadedStory({ id: 'beta', genre: '!!!' }), loadedStory({ id: 'gamma' })], clock);
    expect(report.rejected.map((r) => r.storyId)).toEqual(['alpha', 'beta']);
    expect(report.rejected[0]?.reason).toMatch(/title/);
    expect(report.storiesAdded).toEqual(['gamma']);
  });

  it('survives two processes syncing the same content at once', async () => {
    const content = Array.from({ length: 12 }, (_, i) => loadedStory({ id: `story-${i}`, chapters: [1, 2, 3] }));
    const reports = await Promise.all([syncCatalog(em(), content, clock), syncCatalog(em(), content, clock)]);
    expect(reports).toHaveLength(2);
    expect(await em().fork().count(Story, { listed: true })).toBe(12);
    expect(await em().fork().count(Chapter, { listed: true })).toBe(36);
  });

  describe('beside the studio', () => {
    it('owns content stories by the "StoryVerse Originals" system account, created once, that nobody can sign in as', async () => {
      await syncCatalog(em(), [loadedStory({ id: 'alpha' })], clock);
      await syncCatalog(em(), [loadedStory({ id: 'alpha' }), loadedStory({ id: 'beta' })], clock);

      const alpha = await em().fork().findOneOrFail(Story, { id: 'alpha' }, { populate: ['owner'] });
      expect(alpha.origin).toBe('content');
      expect(alpha.owner?.id).toBe(ORIGINALS_USER_ID);
      const originals = await em().fork().find(User, { displayName: ORIGINALS_DISPLAY_NAME });
      expect(originals).toHaveLength(1);
      expect(originals[0]).toMatchObject({ id: ORIGINALS_USER_ID, email: null, passwordHash: null, isGuest: false });
    });

    it('gives an existing content story without an owner (synced before the studio) to the system account', async () => {
      await syncCatalog(em(), [loadedStory({ id: 'alpha' })], clock);
      await em().fork().nativeUpdate(Story, { id: 'alpha' }, { owner: null });
      const report = await syncCatalog(em(), [loadedStory({ id: 'alpha' })], clock);
      expect(report.storiesUpdated).toEqual(['alpha']);
      expect((await em().fork().findOneOrFail(Story, { id: 'alpha' })).owner?.id).toBe(ORIGINALS_USER_ID);
    });

    it('never unlists or overwrites a studio story, its chapters or the chapter ids it holds; content that would take them is rejected', async () => {
      const writer = await createWriter(em());
      await createStudioStory(em(), writer.id, 'tide-clock');
      await insertVersion(em(), { storyId: 'tide-clock', chapterId: 'tide-clock-ch1', version: 1, releaseAt: new Date('2026-01-01') });
      await releaseDueChapters(em(), clock.now());
      await createStudioStory(em(), writer.id, 'drafty');
      await upsertDraft(em(), { storyId: 'drafty', chapterId: 'drafty-ch1' });

      const report = await syncCatalog(em(), [
        loadedStory({ id: 'tide-clock', title: 'A content story with the same id' }),
        loadedStory({ id: 'thief', chapters: [{ number: 1, id: 'drafty-ch1' }] }),
        loadedStory({ id: 'alpha' }),
      ], clock);

      expect(report.rejected).toEqual([
        { storyId: 'tide-clock', reason: 'a studio story already has this id' },
        { storyId: 'thief', reason: 'chapter id drafty-ch1 is already used by a studio story' },
      ]);
      expect(report).toMatchObject({ storiesAdded: ['alpha'], storiesUnlisted: [], chaptersAdded: ['alpha-ch1'], chaptersUnlisted: [] });
      const studio = await em().fork().findOneOrFail(Story, { id: 'tide-clock' });
      expect(studio).toMatchObject({ origin: 'studio', title: 'Title of tide-clock', listed: true });
      expect(studio.owner?.id).toBe(writer.id);
      expect(await chapterRow('tide-clock-ch1')).toMatchObject({ listed: true });
      expect(await em().fork().count(Story, { id: 'thief' })).toBe(0);

      // A later sync without any of them still leaves the studio's rows alone.
      const again = await syncCatalog(em(), [], clock);
      expect(again).toMatchObject({ storiesUnlisted: ['alpha'], chaptersUnlisted: ['alpha-ch1'] });
      expect(await em().fork().findOneOrFail(Story, { id: 'tide-clock' })).toMatchObject({ listed: true });
      expect(await chapterRow('tide-clock-ch1')).toMatchObject({ listed: true });
    });
  });
});
