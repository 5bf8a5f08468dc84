import { describe, expect, it, vi } from 'vitest';
import { GroupCommit } from './group-commit';
import { ALWAYS_GATHER, WritePace } from './write-pace';

interface Write {
  row: string;
  value: number;
}

/** A database stand-in: each commit is held until the test releases it; `refuse` rows answer false, `poison` fails a batch. */
function fakeDatabase(options: { refuse?: string[]; poison?: string[]; unavailable?: boolean } = {}) {
  const commits: string[][] = [];
  const held: (() => void)[] = [];
  const commit = async (writes: readonly Write[]): Promise<boolean[]> => {
    commits.push(writes.map((w) => `${w.row}=${w.value}`));
    await new Promise<void>((release) => held.push(release));
    if (options.unavailable) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    if (writes.some((w) => options.poison?.includes(w.row))) throw new Error('value too long');
    return writes.map((w) => !options.refuse?.includes(w.row));
  };
  const releaseAll = async () => {
    for (let i = 0; i < 20 && held.length === 0; i++) await Promise.resolve();
    held.splice(0).forEach((release) => release());
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { commit, commits, releaseAll };
}

const byRow = (w: Write) => w.row;

describe('GroupCommit', () => {
  it('commits at once when nothing is in flight, and gathers what arrives meanwhile into the next commit', async () => {
    const db = fakeDatabase();
    const group = new GroupCommit(db.commit, byRow, { maxSize: 10, maxWaitMs: 1000 });
    const first = group.write({ row: 'a', value: 1 });
    expect(db.commits).toEqual([['a=1']]);
    const more = [group.write({ row: 'b', value: 1 }), group.write({ row: 'c', value: 1 }), group.write({ row: 'd', value: 1 })];
    expect(group.pending).toBe(3);
    await db.releaseAll();
    expect(await first).toBe(true);
    expect(db.commits).toEqual([['a=1'], ['b=1', 'c=1', 'd=1']]);
    await db.releaseAll();
    expect(await Promise.all(more)).toEqual([true, true, true]);
    expect(group.totals).toEqual({ commits: 2, writes: 4 });
  });

  it('settles a write only after its own commit', async () => {
    const db = fakeDatabase();
    const group = new GroupCommit(db.commit, byRow, { maxSize: 10, maxWaitMs: 1000 });
    let settled = false;
    void group.write({ row: 'a', value: 1 }).then(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    await db.releaseAll();
    expect(settled).toBe(true);
  });

  it('keeps a batch to one write per row, in arrival order', async () => {
    const db = fakeDatabase();
    const group = new GroupCommit(db.commit, byRow, { maxSize: 10, maxWaitMs: 1000 });
    const writes = [group.write({ row: 'x', value: 1 }), group.write({ row: 'a', value: 1 }), group.write({ row: 'a', value: 2 }), group.write({ row: 'b', value: 1 })];
    for (let i = 0; i < 3; i++) await db.releaseAll();
    expect(db.commits).toEqual([['x=1'], ['a=1', 'b=1'], ['a=2']]);
    expect(await Promise.all(writes)).toEqual([true, true, true, true]);
  });

  it('keeps a batch to maxSize: a full one goes at once, beside the commit in flight', async () => {
    const db = fakeDatabase();
    const group = new GroupCommit(db.commit, byRow, { maxSize: 2, maxWaitMs: 1000 });
    const writes = ['a', 'b', 'c', 'd'].map((row) => group.write({ row, value: 1 }));
    expect(db.commits).toEqual([['a=1'], ['b=1', 'c=1']]);
    for (let i = 0; i < 3; i++) await db.releaseAll();
    expect(db.commits).toEqual([['a=1'], ['b=1', 'c=1'], ['d=1']]);
    expect(await Promise.all(writes)).toEqual([true, true, true, true]);
  });

  it('answers false for a write whose condition did not hold, true for its neighbours', async () => {
    const db = fakeDatabase({ refuse: ['b'] });
    const group = new GroupCommit(db.commit, byRow, { maxSize: 10, maxWaitMs: 1000 });
    const writes = [group.write({ row: 'a', value: 1 }), group.write({ row: 'b', value: 1 }), group.write({ row: 'c', value: 1 })];
    await db.releaseAll();
    await db.releaseAll();
    expect(await Promise.all(writes)).toEqual([true, false, true]);
  });

  it('tries each write of a failed batch alone, so only the bad one fails', async () => {
    const db = fakeDatabase({ poison: ['bad'] });
    const group = new GroupCommit(db.commit, byRow, { maxSize: 10, maxWaitMs: 1000 });
    const first = group.write({ row: 'a', value: 1 });
    const rest = [group.write({ row: 'b', value: 1 }), group.write({ row: 'bad', value: 1 }), group.write({ row: 'c', value: 1 })].map((p) => p.then((v) => v, (e: Error) => e.message));
    for (let i = 0; i < 4; i++) await db.releaseAll();
    expect(await first).toBe(true);
    expect(await Promise.all(rest)).toEqual([true, 'value too long', true]);
    expect(db.commits.slice(1)).toEqual([['b=1', 'bad=1', 'c=1'], ['b=1'], ['bad=1'], ['c=1']]);
  });

  it('fails the whole batch at once when the database is gone (no retries one by one)', async () => {
    const db = fakeDatabase({ unavailable: true });
    const group = new GroupCommit(db.commit, byRow, { maxSize: 10, maxWaitMs: 1000 });
    const first = group.write({ row: 'a', value: 1 }).catch((e: Error) => e.message);
    const rest = [group.write({ row: 'b', value: 1 }), group.write({ row: 'c', value: 1 })].map((p) => p.catch((e: Error) => e.message));
    for (let i = 0; i < 3; i++) await db.releaseAll();
    expect([await first, ...(await Promise.all(rest))]).toEqual(['connect ECONNREFUSED', 'connect ECONNREFUSED', 'connect ECONNREFUSED']);
    expect(db.commits).toEqual([['a=1'], ['b=1', 'c=1']]);
  });

  it('does not let a write wait longer than maxWaitMs behind a slow commit', async () => {
    const db = fakeDatabase();
    const group = new GroupCommit(db.commit, byRow, { maxSize: 10, maxWaitMs: 5 });
    void group.write({ row: 'a', value: 1 });
    void group.write({ row: 'b', value: 1 });
    expect(db.commits).toEqual([['a=1']]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    // The first commit is still held; b went on its own commit after the wait.
    expect(db.commits).toEqual([['a=1'], ['b=1']]);
    await db.releaseAll();
  });

  it('keeps a row in one commit at a time: its next write waits for that commit, others do not', async () => {
    const db = fakeDatabase();
    const group = new GroupCommit(db.commit, byRow, { maxSize: 10, maxWaitMs: 5 });
    const writes = [group.write({ row: 'a', value: 1 }), group.write({ row: 'a', value: 2 }), group.write({ row: 'b', value: 1 })];
    await new Promise((resolve) => setTimeout(resolve, 30));
    // a=1 is still held: b went on after the wait, a=2 did not.
    expect(db.commits).toEqual([['a=1'], ['b=1']]);
    await db.releaseAll();
    expect(db.commits).toEqual([['a=1'], ['b=1'], ['a=2']]);
    await db.releaseAll();
    expect(await Promise.all(writes)).toEqual([true, true, true]);
  });

  it('gathers while the policy says so, even with nothing in flight: one commit maxWaitMs after the first write', async () => {
    // Only timeouts: the fake database settles on setImmediate.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const db = fakeDatabase();
      const group = new GroupCommit(db.commit, byRow, { maxSize: 3, maxWaitMs: 1000 }, ALWAYS_GATHER);
      const first = [group.write({ row: 'a', value: 1 }), group.write({ row: 'b', value: 1 })];
      await vi.advanceTimersByTimeAsync(999);
      expect(db.commits).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      expect(db.commits).toEqual([['a=1', 'b=1']]);
      // While that commit is in flight: a full gathering goes at once, a row in flight waits for its commit's end.
      const more = [group.write({ row: 'a', value: 2 }), group.write({ row: 'c', value: 1 }), group.write({ row: 'd', value: 1 })];
      expect(db.commits).toEqual([['a=1', 'b=1'], ['c=1', 'd=1']]);
      await db.releaseAll();
      expect(await Promise.all(first)).toEqual([true, true]);
      expect(db.commits[2]).toEqual(['a=2']);
      await db.releaseAll();
      expect(await Promise.all(more)).toEqual([true, true, true]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('switches with the pace: gathers while writes come fast, then goes at once again when they are rare', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const db = fakeDatabase();
      let fast = true;
      const group = new GroupCommit(db.commit, byRow, { maxSize: 10, maxWaitMs: 10 }, { shouldGather: () => fast });
      const gathered = [group.write({ row: 'a', value: 1 }), group.write({ row: 'b', value: 1 })];
      expect(db.commits).toEqual([]);
      await vi.advanceTimersByTimeAsync(10);
      expect(db.commits).toEqual([['a=1', 'b=1']]);
      await db.releaseAll();
      expect(await Promise.all(gathered)).toEqual([true, true]);
      fast = false;
      const alone = group.write({ row: 'c', value: 1 });
      expect(db.commits).toEqual([['a=1', 'b=1'], ['c=1']]);
      await db.releaseAll();
      expect(await alone).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('gathers the steps of many sessions with the default pace: a first few go alone, then they share commits', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let now = 0;
      const db = fakeDatabase();
      const group = new GroupCommit(db.commit, byRow, { maxSize: 100, maxWaitMs: 10 }, new WritePace(10, () => now));
      // 400 writes, one a millisecond (ten per wait), each answered before the next would block its row.
      const writes: Promise<boolean>[] = [];
      for (let i = 0; i < 400; i++) {
        writes.push(group.write({ row: `r${i % 50}`, value: i }));
        now++;
        await vi.advanceTimersByTimeAsync(1);
        await db.releaseAll();
      }
      await vi.advanceTimersByTimeAsync(10);
      await db.releaseAll();
      expect(await Promise.all(writes)).toEqual(writes.map(() => true));
      // About one commit a wait once the pace is known: 40 waits, and the writes before the pace was known.
      expect(group.totals.commits).toBeLessThanOrEqual(60);
      expect(group.totals.writes).toBe(400);
    } finally {
      vi.useRealTimers();
    }
  });
});
