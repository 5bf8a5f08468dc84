/**
 * Group commit of story steps over a real database (SQLite and PostgreSQL): free steps of many
 * sessions share commits, and every consistency rule of DESIGN §6 holds inside a shared commit —
 * a step that lost its race is refused alone, its neighbours are saved, charges stay once per key.
 */
import { beforeAll, expect, it } from 'vitest';
import type { StoryProgress } from '../../rooms/story/engine';
import { StoryDirectory } from '../catalog/story-directory';
import { PlayerProgress } from '../database/entities';
import { preparedStatements } from '../database/prepared-statements';
import { createStory, readerAt, tookPremium } from '../earnings/earnings-test-kit';
import { WriterShareLedger } from '../earnings/writer-share-ledger';
import { ledgerOf, openAccount, walletServiceFor } from '../wallet/wallet-test-kit';
import { describeOnEngines } from '../../testing/test-database';
import { StorySessionService } from './story-session-service';

describeOnEngines('story steps in shared commits', (db, engine) => {
  let sessions: StorySessionService;
  let slowGatherings: StorySessionService;
  let wallet: ReturnType<typeof walletServiceFor>['wallet'];
  let storyId: string;
  /** Commits and the steps they carried so far (the service's own group-commit totals). */
  const totals = () => ({ ...sessions.stepCommits });

  beforeAll(async () => {
    const orm = db().orm;
    const made = walletServiceFor(orm, { keysCap: 5, keyRegenSeconds: 10_800, welcomeDiamonds: 20 });
    wallet = made.wallet;
    const statements = preparedStatements(orm);
    const writerShares = new WriterShareLedger({ statements, clock: made.clock, sharePercent: 70 });
    const directory = new StoryDirectory({ em: orm.em, clock: made.clock, ttlMs: 0 });
    sessions = new StorySessionService({ em: orm.em, clock: made.clock, wallet, directory, statements, writerShares, stepBatches: { maxSize: 50, maxWaitMs: 5 } });
    // The same, with gatherings far longer than a test: a step that waited for one would never be answered in time.
    slowGatherings = new StorySessionService({ em: orm.em, clock: made.clock, wallet, directory, statements, writerShares, stepBatches: { maxSize: 50, maxWaitMs: 600_000 } });
    storyId = await createStory(orm, null);
  });

  const readers = async (count: number) => Promise.all(Array.from({ length: count }, async () => {
    const userId = await openAccount(db().orm, wallet);
    return { userId, progress: await readerAt(db().orm, userId, storyId) };
  }));
  const saved = async (userId: string) => db().orm.em.fork().findOneOrFail(PlayerProgress, { user: userId, story: storyId }, { disableIdentityMap: true });
  const moved = (p: StoryProgress, i: number): StoryProgress => ({ ...p, sceneId: `scene-${i}`, status: 'playing', step: p.step + 1, flags: { [`met_${i}`]: true }, relationships: { jun: i }, history: [{ chapterId: p.chapterId, sceneId: p.sceneId, choiceId: `c${i}`, at: '2026-12-04T00:00:00.000Z' }], playerName: `Reader "${i}" \\ ☂`, inkState: `{"turn":${i},"text":"a \\"quoted\\" line"}`, ownedOutfits: ['coat'] });

  it('saves the free steps of many sessions in fewer commits, each exactly as sent', async () => {
    const party = await readers(40);
    const before = totals();
    const results = await Promise.all(party.map((r, i) => sessions.save(r.userId, r.progress, moved(r.progress, i), { diamonds: 0, choiceId: null })));
    expect(results.every((r) => r.ok)).toBe(true);
    const after = totals();
    expect(after.writes - before.writes).toBe(party.length);
    expect(after.commits - before.commits).toBeLessThan(party.length / 2);
    for (const [i, r] of party.entries()) {
      const row = await saved(r.userId);
      expect({ sceneId: row.sceneId, step: row.step, flags: row.flags, relationships: row.relationships, history: row.history, playerName: row.playerName, inkState: row.inkState, ownedOutfits: row.ownedOutfits }).toEqual({
        sceneId: `scene-${i}`, step: 2, flags: { [`met_${i}`]: true }, relationships: { jun: i }, history: [{ chapterId: `${storyId}-ch1`, sceneId: 'fork', choiceId: `c${i}`, at: '2026-12-04T00:00:00.000Z' }], playerName: `Reader "${i}" \\ ☂`, inkState: `{"turn":${i},"text":"a \\"quoted\\" line"}`, ownedOutfits: ['coat'],
      });
    }
  });

  it.runIf(engine === 'sqlite')('never holds a step for a gathering on SQLite (its commits cost no round trip), however fast steps come', async () => {
    const party = await readers(40);
    const before = { ...slowGatherings.stepCommits };
    // One after another, as fast as they are answered: on PostgreSQL these would soon gather (and wait).
    for (const [i, r] of party.entries()) expect((await slowGatherings.save(r.userId, r.progress, moved(r.progress, i), { diamonds: 0, choiceId: null })).ok).toBe(true);
    expect(slowGatherings.stepCommits.commits - before.commits).toBe(party.length);
  });

  it("saves each step's history exactly: new choices after a long saved history, none on an advance, a rewritten one whole", async () => {
    const [reader] = await readers(1);
    const choice = (i: number) => ({ chapterId: reader!.progress.chapterId, sceneId: `scene-${i}`, choiceId: `c${i}`, at: '2026-12-07T00:00:00.000Z' });
    const long = { ...reader!.progress, step: reader!.progress.step + 1, history: Array.from({ length: 300 }, (_, i) => choice(i)) };
    const chose = { ...long, step: long.step + 1, history: [...long.history, choice(300)] };
    const advanced = { ...chose, step: chose.step + 1, sceneId: 'after' };
    const rewritten = { ...advanced, step: advanced.step + 1, history: [choice(7), ...advanced.history.slice(2)] };
    let before = reader!.progress;
    for (const after of [long, chose, advanced, rewritten]) {
      expect(await sessions.save(reader!.userId, before, after, { diamonds: 0, choiceId: null })).toMatchObject({ ok: true });
      const row = await saved(reader!.userId);
      expect({ step: row.step, history: row.history }).toEqual({ step: after.step, history: after.history });
      before = after;
    }
  });

  it.runIf(engine === 'postgresql')('appends a step only to the history it began from: another length there refuses it, changing nothing', async () => {
    const [reader] = await readers(1);
    const choice = (i: number) => ({ chapterId: reader!.progress.chapterId, sceneId: `scene-${i}`, choiceId: `c${i}`, at: '2026-12-07T00:00:00.000Z' });
    const first = { ...reader!.progress, step: reader!.progress.step + 1, history: [choice(1), choice(2)] };
    expect(await sessions.save(reader!.userId, reader!.progress, first, { diamonds: 0, choiceId: null })).toMatchObject({ ok: true });
    // The row at that step holding some other history (no writer does this; the statement must not trust it).
    await db().orm.em.fork().getConnection().execute(`update player_progress set history = '[]'::jsonb where user_id = ?`, [reader!.userId]);
    const second = { ...first, step: first.step + 1, history: [...first.history, choice(3)] };
    expect(await sessions.save(reader!.userId, first, second, { diamonds: 0, choiceId: null })).toMatchObject({ ok: false, refusal: { code: 'PROGRESS_CONFLICT' } });
    expect(await saved(reader!.userId)).toMatchObject({ step: first.step, history: [] });
  });

  it('refuses only the step that lost its race: two sessions of one reader, among neighbours', async () => {
    const party = await readers(10);
    const [twice, ...others] = party;
    const results = await Promise.all([
      sessions.save(twice!.userId, twice!.progress, moved(twice!.progress, 1), { diamonds: 0, choiceId: null }),
      ...others.map((r, i) => sessions.save(r.userId, r.progress, moved(r.progress, i), { diamonds: 0, choiceId: null })),
      sessions.save(twice!.userId, twice!.progress, moved(twice!.progress, 2), { diamonds: 0, choiceId: null }),
    ]);
    expect(results.slice(1, -1).every((r) => r.ok)).toBe(true);
    const racing = [results[0]!, results.at(-1)!];
    expect(racing.filter((r) => r.ok)).toHaveLength(1);
    expect(racing.find((r) => !r.ok)).toMatchObject({ refusal: { code: 'PROGRESS_CONFLICT' } });
    expect((await saved(twice!.userId)).step).toBe(2);
  });

  it('answers a retried step (the same request twice) with PROGRESS_CONFLICT, saved once', async () => {
    const [reader] = await readers(1);
    const step = moved(reader!.progress, 7);
    const [first, again] = await Promise.all([sessions.save(reader!.userId, reader!.progress, step, { diamonds: 0, choiceId: null }), sessions.save(reader!.userId, reader!.progress, step, { diamonds: 0, choiceId: null })]);
    expect([first!.ok, again!.ok].sort()).toEqual([false, true]);
    expect((await saved(reader!.userId)).step).toBe(2);
  });

  it('keeps charges once per step and never overspends while free steps share commits around them', async () => {
    const party = await readers(8);
    const [spender, ...others] = party;
    // 20 diamonds; two sessions of the spender take the same 15-diamond option at once, a third a
    // different step's 15-diamond option; free steps of everyone else go meanwhile.
    const premium = tookPremium(spender!.progress);
    const results = await Promise.all([
      sessions.save(spender!.userId, spender!.progress, premium, { diamonds: 15, choiceId: 'bright' }),
      ...others.map((r, i) => sessions.save(r.userId, r.progress, moved(r.progress, i), { diamonds: 0, choiceId: null })),
      sessions.save(spender!.userId, spender!.progress, premium, { diamonds: 15, choiceId: 'bright' }),
    ]);
    expect(results.slice(1, -1).every((r) => r.ok)).toBe(true);
    expect([results[0]!, results.at(-1)!].filter((r) => r.ok)).toHaveLength(1);
    const later = tookPremium(premium);
    expect(await sessions.save(spender!.userId, premium, later, { diamonds: 15, choiceId: 'bright' })).toMatchObject({ ok: false, refusal: { code: 'INSUFFICIENT_DIAMONDS' } });
    const spends = (await ledgerOf(db().orm, spender!.userId)).filter((e) => e.reason === 'premium_choice');
    expect(spends.map((e) => e.delta)).toEqual([-15]);
    expect((await wallet.inventory(spender!.userId)).diamonds).toBe(5);
    expect((await saved(spender!.userId)).step).toBe(2);
  });
});
