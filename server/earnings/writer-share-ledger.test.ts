import { describe, expect, it } from 'vitest';
import { describeOnEngines } from '../../testing/test-database';
import { LedgerEntry } from '../database/entities';
import { ManualClock } from '../shared/clock';
import { storedWallet } from '../wallet/wallet-test-kit';
import { createStory, earningsRows, earningsWorld, readerAt, tookPremium, WELCOME_DIAMONDS } from './earnings-test-kit';
import { WriterShareLedger, writerShare } from './writer-share-ledger';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('writerShare', () => {
  it('is the percentage of the cost, rounded down to whole diamonds', () => {
    expect(writerShare(3, 70)).toBe(2);
    expect(writerShare(6, 70)).toBe(4);
    expect(writerShare(10, 70)).toBe(7);
    expect(writerShare(1, 70)).toBe(0);
    expect(writerShare(7, 100)).toBe(7);
    expect(writerShare(50, 0)).toBe(0);
  });

  it('refuses a share outside 0–100 % when built', () => {
    const deps = { statements: {} as never, clock: new ManualClock() };
    expect(() => new WriterShareLedger({ ...deps, sharePercent: 101 })).toThrow(RangeError);
    expect(() => new WriterShareLedger({ ...deps, sharePercent: 12.5 })).toThrow(RangeError);
  });
});

describeOnEngines('the writer\'s share of a premium choice', (db) => {
  it('is written with the charge: floor(cost × 70 %), for the story\'s owner, under the charge\'s key', async () => {
    const world = earningsWorld(db().orm);
    const writer = await world.openAccount();
    const reader = await world.openAccount();
    const storyId = await createStory(db().orm, writer);
    const before = await readerAt(db().orm, reader, storyId, 4);

    const saved = await world.sessions.save(reader, before, tookPremium(before), { diamonds: 3, choiceId: 'lamp' });

    expect(saved).toMatchObject({ ok: true, value: { diamonds: WELCOME_DIAMONDS - 3 } });
    const rows = await earningsRows(db().orm, { reader });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ writer: { id: writer }, reader: { id: reader }, storyId, chapterId: before.chapterId, diamonds: 2, idempotencyKey: `choice:${storyId}:4` });
    expect(rows[0]!.createdAt).toEqual(world.clock.now());
    // The reader's charge carries the same key.
    const charge = await db().orm.em.fork().findOneOrFail(LedgerEntry, { user: reader, reason: 'premium_choice' });
    expect(charge.idempotencyKey).toBe(rows[0]!.idempotencyKey);
  });

  it('a retried save (the same step sent again) writes no second row and charges nothing more', async () => {
    const world = earningsWorld(db().orm);
    const writer = await world.openAccount();
    const reader = await world.openAccount();
    const storyId = await createStory(db().orm, writer);
    const before = await readerAt(db().orm, reader, storyId);

    expect((await world.sessions.save(reader, before, tookPremium(before), { diamonds: 6, choiceId: 'lamp' })).ok).toBe(true);
    const retried = await Promise.all(range(3).map(() => world.sessions.save(reader, before, tookPremium(before), { diamonds: 6, choiceId: 'lamp' })));

    expect(retried.every((r) => !r.ok)).toBe(true);
    expect(await earningsRows(db().orm, { reader })).toHaveLength(1);
    expect((await earningsRows(db().orm, { reader }))[0]!.diamonds).toBe(4);
    expect((await storedWallet(db().orm, reader))?.diamonds).toBe(WELCOME_DIAMONDS - 6);
  });

  it('recording a charge already recorded ignores the conflict and leaves the transaction usable', async () => {
    const world = earningsWorld(db().orm);
    const writer = await world.openAccount();
    const reader = await world.openAccount();
    const storyId = await createStory(db().orm, writer);
    const charge = { readerId: reader, storyId, chapterId: 'ch-1', cost: 10, idempotencyKey: `choice:${storyId}:9` };

    const written = await db().orm.em.fork().transactional(async (tx) => {
      const first = await world.ledger.record(tx, charge);
      const replayed = await world.ledger.record(tx, { ...charge, cost: 20 });
      // PostgreSQL aborts a transaction on any failed statement: this one must still work and commit.
      await world.wallet.grant(reader, { currency: 'diamonds', amount: 1, reason: 'test_after_replay', idempotencyKey: 'after-replay' }, tx);
      return [first, replayed];
    });

    expect(written).toEqual([7, 0]);
    expect((await earningsRows(db().orm, { reader })).map((r) => r.diamonds)).toEqual([7]);
    expect((await storedWallet(db().orm, reader))?.diamonds).toBe(WELCOME_DIAMONDS + 1);
  });

  it('20 concurrent premium choices by 20 readers: 20 rows and the exact total', async () => {
    const world = earningsWorld(db().orm);
    const writer = await world.openAccount();
    const storyId = await createStory(db().orm, writer);
    const readers = await Promise.all(range(20).map(async () => {
      const reader = await world.openAccount();
      return { reader, before: await readerAt(db().orm, reader, storyId) };
    }));

    const results = await Promise.all(readers.map(({ reader, before }, i) => world.sessions.save(reader, before, tookPremium(before), { diamonds: 3 + (i % 5) * 3, choiceId: 'lamp' })));

    expect(results.every((r) => r.ok)).toBe(true);
    const rows = await earningsRows(db().orm, { writer });
    expect(rows).toHaveLength(20);
    // Costs 3, 6, 9, 12, 15 four times over: shares 2 + 4 + 6 + 8 + 10 = 30, four times.
    expect(rows.reduce((sum, r) => sum + r.diamonds, 0)).toBe(120);
    expect(new Set(rows.map((r) => r.reader.id)).size).toBe(20);
  });

  it('a charge that fails (too few diamonds) writes no share and saves no step', async () => {
    const world = earningsWorld(db().orm);
    const writer = await world.openAccount();
    const reader = await world.openAccount();
    const storyId = await createStory(db().orm, writer);
    const before = await readerAt(db().orm, reader, storyId);

    const refused = await world.sessions.save(reader, before, tookPremium(before), { diamonds: WELCOME_DIAMONDS + 1, choiceId: 'lamp' });

    expect(refused).toMatchObject({ ok: false, refusal: { code: 'INSUFFICIENT_DIAMONDS' } });
    expect(await earningsRows(db().orm, { reader })).toHaveLength(0);
    expect((await storedWallet(db().orm, reader))?.diamonds).toBe(WELCOME_DIAMONDS);
  });

  it('a step that lost its race to another session (PROGRESS_CONFLICT) writes no share', async () => {
    const world = earningsWorld(db().orm);
    const writer = await world.openAccount();
    const reader = await world.openAccount();
    const storyId = await createStory(db().orm, writer);
    const stale = await readerAt(db().orm, reader, storyId, 2);
    // Another session already moved the story on from step 2, for free.
    expect((await world.sessions.save(reader, stale, { ...stale, sceneId: 'dark', step: 3 }, { diamonds: 0, choiceId: 'candle' })).ok).toBe(true);

    const lost = await world.sessions.save(reader, { ...stale, step: 3 }, tookPremium({ ...stale, step: 3 }), { diamonds: 5, choiceId: 'lamp' });
    const late = await world.sessions.save(reader, stale, tookPremium(stale), { diamonds: 5, choiceId: 'lamp' });

    expect(lost.ok).toBe(true);
    expect(late).toMatchObject({ ok: false, refusal: { code: 'PROGRESS_CONFLICT' } });
    expect((await earningsRows(db().orm, { reader })).map((r) => r.idempotencyKey)).toEqual([`choice:${storyId}:3`]);
  });

  it('no owner, the owner reading their own story, or a share that rounds to 0: the reader pays, no row', async () => {
    const world = earningsWorld(db().orm);
    const writer = await world.openAccount();
    const reader = await world.openAccount();
    const unowned = await createStory(db().orm, null);
    const owned = await createStory(db().orm, writer);
    const atUnowned = await readerAt(db().orm, reader, unowned);
    const atCheap = await readerAt(db().orm, reader, owned);
    const writerAtOwn = await readerAt(db().orm, writer, owned);

    expect((await world.sessions.save(reader, atUnowned, tookPremium(atUnowned), { diamonds: 5, choiceId: 'lamp' })).ok).toBe(true);
    expect((await world.sessions.save(reader, atCheap, tookPremium(atCheap), { diamonds: 1, choiceId: 'lamp' })).ok).toBe(true);
    expect((await world.sessions.save(writer, writerAtOwn, tookPremium(writerAtOwn), { diamonds: 5, choiceId: 'lamp' })).ok).toBe(true);

    expect(await earningsRows(db().orm, { reader })).toHaveLength(0);
    expect(await earningsRows(db().orm, { writer })).toHaveLength(0);
    expect((await storedWallet(db().orm, reader))?.diamonds).toBe(WELCOME_DIAMONDS - 6);
    expect((await storedWallet(db().orm, writer))?.diamonds).toBe(WELCOME_DIAMONDS - 5);
  });

  it('WRITER_SHARE_PERCENT=0 writes nothing; 100 gives the whole cost', async () => {
    for (const [percent, expected] of [[0, []], [100, [9]]] as const) {
      const world = earningsWorld(db().orm, { sharePercent: percent });
      const writer = await world.openAccount();
      const reader = await world.openAccount();
      const storyId = await createStory(db().orm, writer);
      const before = await readerAt(db().orm, reader, storyId);
      expect((await world.sessions.save(reader, before, tookPremium(before), { diamonds: 9, choiceId: 'lamp' })).ok).toBe(true);
      expect((await earningsRows(db().orm, { reader })).map((r) => r.diamonds)).toEqual(expected);
    }
  });

  it('a free step never reaches the earnings ledger', async () => {
    const world = earningsWorld(db().orm);
    const writer = await world.openAccount();
    const reader = await world.openAccount();
    const storyId = await createStory(db().orm, writer);
    const before = await readerAt(db().orm, reader, storyId);

    expect((await world.sessions.save(reader, before, tookPremium(before), { diamonds: 0, choiceId: 'candle' })).ok).toBe(true);

    expect(world.shareCalls.count).toBe(0);
    expect(await earningsRows(db().orm, { reader })).toHaveLength(0);
  });

  it('a charge in a story that is not in the catalog writes nothing (and does not fail the charge)', async () => {
    const world = earningsWorld(db().orm);
    const reader = await world.openAccount();
    const written = await db().orm.em.fork().transactional((tx) => world.ledger.record(tx, { readerId: reader, storyId: 'no-such-story', chapterId: 'c', cost: 10, idempotencyKey: 'k' }));
    expect(written).toBe(0);
    expect(await earningsRows(db().orm, { reader })).toHaveLength(0);
  });
});
