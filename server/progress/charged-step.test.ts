/**
 * Premium steps in group commit, over a real database (SQLite and PostgreSQL): a step and its charge
 * (ledger row, writer's share) commit together or not at all, share commits with other players'
 * steps, and a refused one — too few diamonds, a lost race — fails alone (DESIGN §6).
 */
import { beforeAll, expect, it } from 'vitest';
import type { StoryProgress } from '../../rooms/story/engine';
import type { StepCharge } from '../../rooms/story/story-sessions';
import { StoryDirectory } from '../catalog/story-directory';
import { PlayerProgress } from '../database/entities';
import { preparedStatements, type PreparedStatements } from '../database/prepared-statements';
import { createStory, earningsRows, readerAt, tookPremium } from '../earnings/earnings-test-kit';
import { WriterShareLedger } from '../earnings/writer-share-ledger';
import { ledgerOf, openAccount, walletServiceFor } from '../wallet/wallet-test-kit';
import { describeOnEngines } from '../../testing/test-database';
import { StorySessionService } from './story-session-service';

const FREE: StepCharge = { diamonds: 0, choiceId: null };
const premium = (diamonds: number): StepCharge => ({ diamonds, choiceId: 'bright' });

describeOnEngines('premium steps in shared commits', (db) => {
  let sessions: StorySessionService;
  let wallet: ReturnType<typeof walletServiceFor>['wallet'];
  let writer: string;
  let storyId: string;
  /** Calls into the database from outside a transaction: each is one commit of its own. */
  const calls = { count: 0 };

  beforeAll(async () => {
    const orm = db().orm;
    const made = walletServiceFor(orm, { keysCap: 5, keyRegenSeconds: 10_800, welcomeDiamonds: 20 });
    wallet = made.wallet;
    const real = preparedStatements(orm);
    const counted: PreparedStatements = {
      dialect: real.dialect,
      run: (sql, params, within) => (within || calls.count++, real.run(sql, params, within)),
      first: (sql, params, shape, within) => (within || calls.count++, real.first(sql, params, shape, within)),
      all: (sql, params, shape) => (calls.count++, real.all(sql, params, shape)),
      transaction: (work) => (calls.count++, real.transaction(work)),
    };
    const writerShares = new WriterShareLedger({ statements: real, clock: made.clock, sharePercent: 70 });
    const directory = new StoryDirectory({ em: orm.em, clock: made.clock, ttlMs: 0 });
    sessions = new StorySessionService({ em: orm.em, clock: made.clock, wallet, directory, statements: counted, writerShares, stepBatches: { maxSize: 50, maxWaitMs: 5 } });
    writer = await openAccount(orm, wallet);
    storyId = await createStory(orm, writer);
  });

  const reader = async (story = storyId) => {
    const userId = await openAccount(db().orm, wallet);
    return { userId, progress: await readerAt(db().orm, userId, story) };
  };
  const stepOf = async (userId: string, story = storyId) => (await db().orm.em.fork().findOneOrFail(PlayerProgress, { user: userId, story }, { disableIdentityMap: true })).step;
  const spends = async (userId: string) => (await ledgerOf(db().orm, userId)).filter((e) => e.reason === 'premium_choice' || e.reason === 'premium_outfit');
  const diamondsOf = async (userId: string) => (await wallet.inventory(userId)).diamonds;
  /** A free step of a reader nobody else uses goes first and alone: the steps sent with it wait and share the next commit. */
  const together = async (saves: (() => Promise<unknown>)[]) => {
    const opener = await reader();
    const before = { ...sessions.stepCommits };
    const [, ...answers] = await Promise.all([sessions.save(opener.userId, opener.progress, tookPremium(opener.progress), FREE), ...saves.map((save) => save())]);
    return { answers, commits: sessions.stepCommits.commits - before.commits, writes: sessions.stepCommits.writes - before.writes };
  };

  it('a premium step alone is one round trip on PostgreSQL (one transaction on SQLite): step, charge, ledger row and share together', async () => {
    const { userId, progress } = await reader();
    const before = calls.count;
    const saved = await sessions.save(userId, progress, tookPremium(progress), premium(15));
    expect(calls.count - before).toBe(1);
    expect(saved).toMatchObject({ ok: true, value: { diamonds: 5, keys: 5, keysCap: 5 } });
    expect(await stepOf(userId)).toBe(2);
    expect((await spends(userId)).map((e) => ({ delta: e.delta, balanceAfter: e.balanceAfter, key: e.idempotencyKey, metadata: e.metadata }))).toEqual([
      { delta: -15, balanceAfter: 5, key: `choice:${storyId}:1`, metadata: { storyId, chapterId: `${storyId}-ch1`, sceneId: 'fork', choiceId: 'bright' } },
    ]);
    expect((await earningsRows(db().orm, { reader: userId })).map((r) => ({ writer: r.writer.id, diamonds: r.diamonds, key: r.idempotencyKey }))).toEqual([{ writer, diamonds: 10, key: `choice:${storyId}:1` }]);
  });

  it('premium and free steps share a commit; one with too few diamonds is refused alone and writes nothing', async () => {
    const payers = await Promise.all([reader(), reader(), reader()]);
    const short = await reader();
    const free = await Promise.all([reader(), reader(), reader()]);
    const { answers, commits, writes } = await together([
      ...payers.map((p) => () => sessions.save(p.userId, p.progress, tookPremium(p.progress), premium(15))),
      () => sessions.save(short.userId, short.progress, tookPremium(short.progress), premium(25)),
      ...free.map((p) => () => sessions.save(p.userId, p.progress, tookPremium(p.progress), FREE)),
    ]);
    expect([commits, writes]).toEqual([2, 8]);
    expect(answers[3]).toMatchObject({ ok: false, refusal: { code: 'INSUFFICIENT_DIAMONDS', details: { needed: 25, available: 20 } } });
    expect(answers.filter((a) => (a as { ok: boolean }).ok)).toHaveLength(6);
    for (const p of payers) expect([await stepOf(p.userId), await diamondsOf(p.userId), (await spends(p.userId)).length]).toEqual([2, 5, 1]);
    expect([await stepOf(short.userId), await diamondsOf(short.userId), (await spends(short.userId)).length]).toEqual([1, 20, 0]);
    expect(await earningsRows(db().orm, { reader: short.userId })).toHaveLength(0);
    for (const p of free) expect(await stepOf(p.userId)).toBe(2);
  });

  it('one reader paying in two stories in the same commit never overspends', async () => {
    const otherStory = await createStory(db().orm, writer, 'Another story');
    const { userId, progress } = await reader();
    const there = await readerAt(db().orm, userId, otherStory);
    const { answers, commits } = await together([
      () => sessions.save(userId, progress, tookPremium(progress), premium(15)),
      () => sessions.save(userId, there, tookPremium(there), premium(15)),
    ]);
    expect(commits).toBe(2);
    expect(answers.filter((a) => (a as { ok: boolean }).ok)).toHaveLength(1);
    expect(answers.find((a) => !(a as { ok: boolean }).ok)).toMatchObject({ refusal: { code: 'INSUFFICIENT_DIAMONDS' } });
    expect(await diamondsOf(userId)).toBe(5);
    expect((await spends(userId)).map((e) => e.delta)).toEqual([-15]);
    expect([await stepOf(userId), await stepOf(userId, otherStory)].sort()).toEqual([1, 2]);
  });

  it('the same premium step sent twice in one commit and again later is charged once', async () => {
    const { userId, progress } = await reader();
    const step = tookPremium(progress);
    const { answers } = await together([() => sessions.save(userId, progress, step, premium(15)), () => sessions.save(userId, progress, step, premium(15))]);
    expect(answers.filter((a) => (a as { ok: boolean }).ok)).toHaveLength(1);
    expect(await sessions.save(userId, progress, step, premium(15))).toMatchObject({ ok: false, refusal: { code: 'PROGRESS_CONFLICT' } });
    expect((await spends(userId)).map((e) => e.delta)).toEqual([-15]);
    expect(await earningsRows(db().orm, { reader: userId })).toHaveLength(1);
    expect([await stepOf(userId), await diamondsOf(userId)]).toEqual([2, 5]);
  });

  it('an outfit paid for before is not charged again: its key replays and the step is saved', async () => {
    const { userId, progress } = await reader();
    const wear = (from: StoryProgress): StoryProgress => ({ ...from, step: from.step + 1, outfit: 'coat', ownedOutfits: ['coat'] });
    const outfit: StepCharge = { diamonds: 15, choiceId: null, outfitId: 'coat' };
    const first = wear(progress);
    expect(await sessions.save(userId, progress, first, outfit)).toMatchObject({ ok: true, value: { diamonds: 5 } });
    expect(await sessions.save(userId, first, wear(first), outfit)).toMatchObject({ ok: true, value: { diamonds: 5 } });
    expect((await spends(userId)).map((e) => [e.reason, e.delta, e.idempotencyKey])).toEqual([['premium_outfit', -15, `outfit:${storyId}:coat`]]);
    expect(await stepOf(userId)).toBe(3);
  });
});
