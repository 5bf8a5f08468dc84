/**
 * Opening a chapter that costs a key, over a real database (SQLite and PostgreSQL). On PostgreSQL
 * the plain case is one statement (server/progress/chapter-opening.ts) and everything else falls
 * back to the transaction; either way every rule of DESIGN §6 holds: one key per chapter, spent
 * once however often or concurrently it is opened, never below zero, with its ledger row.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { CatalogService } from '../catalog/catalog-service';
import { loadedStory } from '../catalog/loaded-story-builder';
import { StoryDirectory } from '../catalog/story-directory';
import { PlayerProgress, Story, Wallet } from '../database/entities';
import { preparedStatements, type PreparedStatements } from '../database/prepared-statements';
import { WriterShareLedger } from '../earnings/writer-share-ledger';
import { ManualClock } from '../shared/clock';
import { WalletService } from '../wallet/wallet-service';
import { ledgerOf, openAccount } from '../wallet/wallet-test-kit';
import { describeOnEngines } from '../../testing/test-database';
import { StorySessionService } from './story-session-service';

const KEYS_CAP = 5;
const REGEN_SECONDS = 3600;

describeOnEngines('opening chapters with keys', (db, engine) => {
  let sessions: StorySessionService;
  let wallet: WalletService;
  let clock: ManualClock;
  /** Statements run outside any transaction, and inside one (the transaction path), since the last reset. */
  const statements = { alone: 0, inTransaction: 0 };
  /** Runs once right after the next read of a progress row: another session's write landing in between. */
  let afterProgressRead: (() => Promise<unknown>) | null = null;

  beforeAll(async () => {
    const orm = db().orm;
    const real = preparedStatements(orm);
    const count = (within: unknown) => (within ? statements.inTransaction++ : statements.alone++);
    const counted: PreparedStatements = {
      dialect: real.dialect,
      run: (sql, params, within) => (count(within), real.run(sql, params, within)),
      first: async (sql, params, shape, within) => {
        count(within);
        const row = await real.first(sql, params, shape, within);
        const interleaved = sql.includes('left join player_progress') ? afterProgressRead : null;
        afterProgressRead = null;
        await interleaved?.();
        return row;
      },
      all: (sql, params, shape) => (count(undefined), real.all(sql, params, shape)),
      transaction: (work) => (count(undefined), real.transaction(work)),
    };
    clock = new ManualClock();
    // The wallet's own statements are counted too: a join's whole cost in round trips.
    wallet = new WalletService({ em: orm.em, clock, rules: { keysCap: KEYS_CAP, keyRegenSeconds: REGEN_SECONDS, welcomeDiamonds: 0 }, statements: counted });
    const directory = new StoryDirectory({ em: orm.em, clock, ttlMs: 60_000 });
    const catalog = new CatalogService({ em: orm.em, clock, cacheTtlMs: 0, directory });
    await catalog.publish(['tide', 'ember', 'frost', 'moss'].map((id) => loadedStory({ id, chapters: [1, 2, 3] })));
    const writerShares = new WriterShareLedger({ statements: real, clock, sharePercent: 70 });
    sessions = new StorySessionService({ em: orm.em, clock, wallet, directory, statements: counted, writerShares });
  });

  const reader = () => openAccount(db().orm, wallet);
  const keysOf = async (userId: string) => (await wallet.inventory(userId)).keys;
  const chapterOpenings = async (userId: string) => (await ledgerOf(db().orm, userId)).filter((e) => e.reason === 'chapter_open').map((e) => ({ key: e.idempotencyKey, delta: e.delta, balanceAfter: e.balanceAfter }));
  const progressRows = (userId: string) => db().orm.em.fork().find(PlayerProgress, { user: userId }, { disableIdentityMap: true });
  const playsOf = async (storyId: string) => (await db().orm.em.fork().findOneOrFail(Story, { id: storyId }, { disableIdentityMap: true })).plays;
  const setKeys = (userId: string, keys: number) => db().orm.em.fork().nativeUpdate(Wallet, { user: userId }, { keys, keysAnchorAt: clock.now() });
  /** The reader has finished the chapters named (as the story room saves at a chapter's end). */
  const finished = (userId: string, storyId: string, chapterIds: string[]) =>
    db().orm.em.fork().nativeUpdate(PlayerProgress, { user: userId, story: storyId }, { completedChapters: chapterIds, status: 'ended' });
  const open = async (userId: string, storyId: string, chapterId?: string) => {
    const opened = await sessions.open(userId, storyId, chapterId);
    if (!opened.ok) throw Object.assign(new Error(opened.refusal.message), { code: opened.refusal.code, details: opened.refusal.details });
    return opened.value;
  };
  /** Two sessions of one reader open the same chapter at once: one opens it, the other may lose the race (PROGRESS_CONFLICT). */
  const openTwiceAtOnce = async (userId: string, storyId: string, chapterId: string) => {
    const results = await Promise.all([sessions.open(userId, storyId, chapterId), sessions.open(userId, storyId, chapterId)]);
    expect(results.filter((r) => r.ok).length).toBeGreaterThanOrEqual(1);
    for (const r of results) if (!r.ok) expect(r.refusal.code).toBe('PROGRESS_CONFLICT');
  };
  /** A reader who opened the story's first two chapters (two keys spent), now in the second. */
  const inSecondChapter = async (storyId: string) => {
    const userId = await reader();
    await open(userId, storyId);
    await finished(userId, storyId, [`${storyId}-ch1`]);
    await open(userId, storyId, `${storyId}-ch2`);
    return userId;
  };

  it('spends one key on a story\'s first opening: its ledger row, the progress row, one more play, and the wallet as it now stands', async () => {
    const userId = await reader();
    const playsBefore = await playsOf('tide');
    statements.alone = statements.inTransaction = 0;
    const opened = await open(userId, 'tide');
    // PostgreSQL: the join's one read (wallet and progress) and the one statement that writes it all.
    if (engine === 'postgresql') expect(statements).toEqual({ alone: 2, inTransaction: 0 });
    expect(opened.progress).toMatchObject({ storyId: 'tide', chapterId: 'tide-ch1', sceneId: 'opening', step: 0 });
    expect(opened.wallet).toMatchObject({ keys: KEYS_CAP - 1, keysCap: KEYS_CAP, nextKeyAt: new Date(clock.now().getTime() + REGEN_SECONDS * 1000).toISOString() });
    expect(await chapterOpenings(userId)).toEqual([{ key: 'chapter:tide-ch1', delta: -1, balanceAfter: KEYS_CAP - 1 }]);
    expect((await progressRows(userId)).map((p) => [p.chapterId, p.sceneId, p.step])).toEqual([['tide-ch1', 'opening', 0]]);
    expect(await playsOf('tide')).toBe(playsBefore + 1);
    expect(await keysOf(userId)).toBe(KEYS_CAP - 1);
  });

  it('resumes an opened chapter for free, and spends one key per further chapter, saved with the move', async () => {
    const userId = await reader();
    await open(userId, 'ember');
    statements.alone = statements.inTransaction = 0;
    expect((await open(userId, 'ember')).wallet.keys).toBe(KEYS_CAP - 1);
    expect(statements).toEqual({ alone: 1, inTransaction: 0 });
    await finished(userId, 'ember', ['ember-ch1']);
    statements.alone = statements.inTransaction = 0;
    const second = await open(userId, 'ember', 'ember-ch2');
    if (engine === 'postgresql') expect(statements).toEqual({ alone: 2, inTransaction: 0 });
    expect(second.progress).toMatchObject({ chapterId: 'ember-ch2', sceneId: 'opening', step: 1, completedChapterIds: ['ember-ch1'] });
    expect(second.wallet.keys).toBe(KEYS_CAP - 2);
    expect((await progressRows(userId)).map((p) => [p.chapterId, p.step, p.completedChapters])).toEqual([['ember-ch2', 1, ['ember-ch1']]]);
    expect(await chapterOpenings(userId)).toEqual([
      { key: 'chapter:ember-ch1', delta: -1, balanceAfter: KEYS_CAP - 1 },
      { key: 'chapter:ember-ch2', delta: -1, balanceAfter: KEYS_CAP - 2 },
    ]);
  });

  it('reopens chapters already paid for without a key, even with none left', async () => {
    const userId = await inSecondChapter('frost');
    await setKeys(userId, 0);
    expect((await open(userId, 'frost', 'frost-ch1')).progress).toMatchObject({ chapterId: 'frost-ch1', step: 2 });
    expect((await open(userId, 'frost', 'frost-ch2')).progress).toMatchObject({ chapterId: 'frost-ch2', step: 3 });
    expect(await keysOf(userId)).toBe(0);
    expect((await chapterOpenings(userId)).map((e) => e.key)).toEqual(['chapter:frost-ch1', 'chapter:frost-ch2']);
  });

  it('reads a paid chapter again in one statement on PostgreSQL: the move saved, no key, no ledger row', async () => {
    const userId = await inSecondChapter('tide');
    statements.alone = statements.inTransaction = 0;
    const again = await open(userId, 'tide', 'tide-ch1');
    if (engine === 'postgresql') expect(statements).toEqual({ alone: 2, inTransaction: 0 });
    expect(again.progress).toMatchObject({ chapterId: 'tide-ch1', sceneId: 'opening', step: 2 });
    expect(again.wallet.keys).toBe(KEYS_CAP - 2);
    expect(await keysOf(userId)).toBe(KEYS_CAP - 2);
    expect((await progressRows(userId)).map((p) => [p.chapterId, p.step])).toEqual([['tide-ch1', 2]]);
    expect((await chapterOpenings(userId)).map((e) => e.key)).toEqual(['chapter:tide-ch1', 'chapter:tide-ch2']);
  });

  it('refuses to read a paid chapter again over a step another session saved meanwhile (PROGRESS_CONFLICT), changing nothing', async () => {
    const userId = await inSecondChapter('ember');
    afterProgressRead = () => db().orm.em.fork().nativeUpdate(PlayerProgress, { user: userId, story: 'ember' }, { step: 9, sceneId: 'elsewhere' });
    await expect(open(userId, 'ember', 'ember-ch1')).rejects.toMatchObject({ code: 'PROGRESS_CONFLICT' });
    expect((await progressRows(userId)).map((p) => [p.chapterId, p.sceneId, p.step])).toEqual([['ember-ch2', 'elsewhere', 9]]);
    expect(await keysOf(userId)).toBe(KEYS_CAP - 2);
    expect((await chapterOpenings(userId)).map((e) => e.key)).toEqual(['chapter:ember-ch1', 'chapter:ember-ch2']);
  });

  it('refuses a new chapter without a key (NO_KEYS, when the next arrives) and writes nothing', async () => {
    const userId = await reader();
    await setKeys(userId, 0);
    const playsBefore = await playsOf('moss');
    await expect(open(userId, 'moss')).rejects.toMatchObject({ code: 'NO_KEYS', details: { chapterId: 'moss-ch1', nextKeyAt: new Date(clock.now().getTime() + REGEN_SECONDS * 1000).toISOString() } });
    expect(await progressRows(userId)).toEqual([]);
    expect(await chapterOpenings(userId)).toEqual([]);
    expect(await playsOf('moss')).toBe(playsBefore);
  });

  it('takes a regenerated key and keeps the regeneration clock running from where it was', async () => {
    const userId = await reader();
    await setKeys(userId, 1);
    const anchor = clock.now().getTime();
    clock.advance(REGEN_SECONDS * 1.5);
    // 1 + 1 regenerated = 2; one spent leaves 1, and the half period already run still counts.
    const opened = await open(userId, 'tide');
    expect(opened.wallet).toMatchObject({ keys: 1, nextKeyAt: new Date(anchor + 2 * REGEN_SECONDS * 1000).toISOString() });
    const stored = await db().orm.em.fork().findOneOrFail(Wallet, { user: userId }, { disableIdentityMap: true });
    expect({ keys: stored.keys, anchor: stored.keysAnchorAt.getTime() }).toEqual({ keys: 1, anchor: anchor + REGEN_SECONDS * 1000 });
  });

  it('never overspends when one reader opens more new stories at once than they have keys', async () => {
    const userId = await reader();
    await setKeys(userId, 2);
    const results = await Promise.all(['tide', 'ember', 'frost', 'moss'].map((storyId) => sessions.open(userId, storyId)));
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.refusal.code)).toEqual(['NO_KEYS', 'NO_KEYS']);
    expect(await keysOf(userId)).toBe(0);
    expect((await chapterOpenings(userId)).map((e) => e.balanceAfter).sort()).toEqual([0, 1]);
    expect(await progressRows(userId)).toHaveLength(2);
  });

  it('spends one key when the same chapter is opened twice at once (a retried join), with one progress row and one play', async () => {
    const userId = await reader();
    const playsBefore = await playsOf('ember');
    const [first, again] = await Promise.all([open(userId, 'ember'), open(userId, 'ember')]);
    expect([first.progress.chapterId, again.progress.chapterId]).toEqual(['ember-ch1', 'ember-ch1']);
    expect(await keysOf(userId)).toBe(KEYS_CAP - 1);
    expect(await chapterOpenings(userId)).toEqual([{ key: 'chapter:ember-ch1', delta: -1, balanceAfter: KEYS_CAP - 1 }]);
    expect(await progressRows(userId)).toHaveLength(1);
    expect(await playsOf('ember')).toBe(playsBefore + 1);
  });

  it('moves on once when two sessions open the next chapter at once: one key, one move', async () => {
    const userId = await reader();
    await open(userId, 'moss');
    await finished(userId, 'moss', ['moss-ch1']);
    await openTwiceAtOnce(userId, 'moss', 'moss-ch2');
    expect(await keysOf(userId)).toBe(KEYS_CAP - 2);
    expect((await chapterOpenings(userId)).map((e) => e.key)).toEqual(['chapter:moss-ch1', 'chapter:moss-ch2']);
    expect((await progressRows(userId)).map((p) => [p.chapterId, p.step])).toEqual([['moss-ch2', 1]]);
  });

  it('moves once when two sessions read a paid chapter again at once: no key, one move', async () => {
    const userId = await inSecondChapter('frost');
    await openTwiceAtOnce(userId, 'frost', 'frost-ch1');
    expect(await keysOf(userId)).toBe(KEYS_CAP - 2);
    expect((await chapterOpenings(userId)).map((e) => e.key)).toEqual(['chapter:frost-ch1', 'chapter:frost-ch2']);
    expect((await progressRows(userId)).map((p) => [p.chapterId, p.step])).toEqual([['frost-ch1', 2]]);
  });

  it('never overwrites a step another session saved meanwhile: the move is refused (PROGRESS_CONFLICT) and costs no key', async () => {
    const userId = await reader();
    await open(userId, 'frost');
    await finished(userId, 'frost', ['frost-ch1']);
    afterProgressRead = () => db().orm.em.fork().nativeUpdate(PlayerProgress, { user: userId, story: 'frost' }, { step: 1, sceneId: 'elsewhere' });
    await expect(open(userId, 'frost', 'frost-ch2')).rejects.toMatchObject({ code: 'PROGRESS_CONFLICT' });
    expect((await progressRows(userId)).map((p) => [p.chapterId, p.sceneId, p.step])).toEqual([['frost-ch1', 'elsewhere', 1]]);
    expect(await keysOf(userId)).toBe(KEYS_CAP - 1);
    expect((await chapterOpenings(userId)).map((e) => e.key)).toEqual(['chapter:frost-ch1']);
  });

  it('refuses a wallet that does not exist without writing anything', async () => {
    const stranger = randomUUID();
    const refused = await sessions.open(stranger, 'tide');
    expect(refused.ok).toBe(false);
    expect(await progressRows(stranger)).toEqual([]);
  });
});
