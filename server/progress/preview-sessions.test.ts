import { beforeAll, beforeEach, expect, it } from 'vitest';
import { rulesFor, type PlayableChapter, type StoryProgress } from '../../rooms/story/engine';
import { describeOnEngines } from '../../testing/test-database';
import { type LedgerEntry, PlayerProgress, Story } from '../database/entities';
import { createStudioStory, insertVersion, upsertDraft } from '../studio/release-test-kit';
import { ledgerOf, openAccount, walletServiceFor } from '../wallet/wallet-test-kit';
import type { WalletService } from '../wallet/wallet-service';
import { PreviewSessions } from './preview-sessions';

describeOnEngines('PreviewSessions', (db) => {
  let wallet: WalletService;
  let previews: PreviewSessions;
  let writer: string;
  let storyId: string;
  let n = 0;
  const chapterId = () => `${storyId}-ch1`;

  beforeAll(() => {
    wallet = walletServiceFor(db().orm).wallet;
    previews = new PreviewSessions({ em: db().orm.em, wallet });
  });
  beforeEach(async () => {
    writer = await openAccount(db().orm, wallet);
    storyId = `preview-${++n}`;
    await createStudioStory(db().orm.em, writer, storyId);
  });

  const firstLine = async (userId: string) => {
    const opened = await previews.open(userId, storyId, chapterId());
    if (!opened.ok) throw new Error(`refused: ${opened.refusal.code}`);
    return (opened.value.chapter as PlayableChapter).scenes.opening?.timeline[0]?.text;
  };

  it("plays the owner's clean draft from its start, with the real wallet", async () => {
    await upsertDraft(db().orm.em, { storyId, chapterId: chapterId(), line: 'The draft speaks.' });
    const opened = await previews.open(writer, storyId, chapterId());
    expect(opened).toMatchObject({ ok: true, value: { progress: { storyId, chapterId: chapterId(), sceneId: 'opening', step: 0 }, nextChapterId: null, wallet: { keys: 5, diamonds: 20 } } });
    expect(await firstLine(writer)).toBe('The draft speaks.');
  });

  it('plays the latest version (released or scheduled) when the draft has problems', async () => {
    await insertVersion(db().orm.em, { storyId, chapterId: chapterId(), version: 1, releaseAt: new Date('2026-01-01'), line: 'Version one.' });
    await insertVersion(db().orm.em, { storyId, chapterId: chapterId(), version: 2, releaseAt: new Date('2099-01-01'), line: 'Version two, scheduled.' });
    await upsertDraft(db().orm.em, { storyId, chapterId: chapterId(), problems: true });
    expect(await firstLine(writer)).toBe('Version two, scheduled.');
  });

  it('refuses a draft with problems and no version (CONTENT_INVALID, with the problems), and an unknown chapter (CHAPTER_NOT_FOUND)', async () => {
    await upsertDraft(db().orm.em, { storyId, chapterId: chapterId(), problems: true });
    const broken = await previews.open(writer, storyId, chapterId());
    expect(broken).toMatchObject({ ok: false, refusal: { code: 'CONTENT_INVALID', details: { problems: [{ sceneId: 'fork' }] } } });
    expect(await previews.open(writer, storyId, `${storyId}-ch9`)).toMatchObject({ ok: false, refusal: { code: 'CHAPTER_NOT_FOUND' } });
    expect(await previews.open(writer, storyId)).toMatchObject({ ok: false, refusal: { code: 'CHAPTER_NOT_FOUND' } });
  });

  it("refuses anyone but the owner, and a story that does not exist, alike: NOT_YOUR_STORY", async () => {
    await upsertDraft(db().orm.em, { storyId, chapterId: chapterId() });
    const stranger = await openAccount(db().orm, wallet);
    expect(await previews.open(stranger, storyId, chapterId())).toMatchObject({ ok: false, refusal: { code: 'NOT_YOUR_STORY' } });
    expect(await previews.open(writer, 'no-such-story', chapterId())).toMatchObject({ ok: false, refusal: { code: 'NOT_YOUR_STORY' } });
    // A content story belongs to the system account: no reader previews it either.
    await db().orm.em.fork().nativeUpdate(Story, { id: storyId }, { owner: null });
    expect(await previews.open(writer, storyId, chapterId())).toMatchObject({ ok: false, refusal: { code: 'NOT_YOUR_STORY' } });
  });

  it('saves nothing and charges nothing, premium choice included: no progress, no ledger line, no play', async () => {
    await upsertDraft(db().orm.em, { storyId, chapterId: chapterId() });
    const opened = await previews.open(writer, storyId, chapterId());
    if (!opened.ok) throw new Error('refused');
    const { chapter } = opened.value;
    let progress: StoryProgress = opened.value.progress;
    for (const action of [{ type: 'advance' } as const, { type: 'choose', choiceId: 'gilded' } as const]) {
      const outcome = rulesFor(chapter).act(progress, action, new Date());
      if (!outcome.ok) throw new Error(outcome.refusal.code);
      expect(await previews.save(writer, progress, outcome.progress, { diamonds: outcome.diamonds, choiceId: outcome.choice?.id ?? null })).toEqual({ ok: true, value: null });
      progress = outcome.progress;
    }
    expect(progress.sceneId).toBe('end');
    expect(await wallet.inventory(writer)).toMatchObject({ keys: 5, diamonds: 20 });
    expect((await ledgerOf(db().orm, writer)).filter((entry: LedgerEntry) => entry.reason !== 'welcome')).toEqual([]);
    expect(await db().orm.em.fork().count(PlayerProgress, { user: writer })).toBe(0);
    expect((await db().orm.em.fork().findOneOrFail(Story, { id: storyId })).plays).toBe(0);
  });
});
