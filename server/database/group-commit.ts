import { isDatabaseUnavailable } from './database-unavailable';

export interface GroupCommitLimits {
  /** The most writes one commit carries. */
  maxSize: number;
  /** The longest a write waits behind a commit in flight before it starts a commit of its own. */
  maxWaitMs: number;
  /**
   * For writes that may wait (nobody waits on a reader's time in a chapter; a reaction's count goes out
   * with the next patch): each waits this long for others to share its commit, even when nothing is in
   * flight — one commit a gathering instead of one a write. Unset: a write goes at once when nothing is in flight.
   */
  gatherMs?: number;
}

/**
 * Commits a batch: one answer per write, in order — e.g. true when written, false when its
 * condition did not hold (the row moved on). Throws when the batch as a whole failed (nothing committed).
 */
export type CommitBatch<W, R = boolean> = (writes: readonly W[]) => Promise<R[]>;

type Outcome<R> = { ok: true; answer: R } | { ok: false; error: unknown };

interface Waiting<W, R> {
  write: W;
  key: string;
  settle: { resolve(answer: R): void; reject(error: unknown): void };
}

/**
 * Group commit: writes that arrive while a commit is in flight wait for it and then go together,
 * in one commit of their own — so under load one round trip and one fsync carry many writes, and
 * when the database is idle a write goes at once (no added latency). A batch holds at most
 * `maxSize` writes and one per key, and a key is in one commit at a time: two writes of one row go
 * in two commits, the second after the first has committed, so they land in the order they were
 * made. Otherwise a write never waits longer than `maxWaitMs` for a busy commit (commits then run
 * side by side). Each write's promise settles only after its own commit. When a batch fails for a
 * reason other than a lost database, each of its writes is tried again alone, so one bad write does
 * not fail its neighbours.
 */
export class GroupCommit<W, R = boolean> {
  /** Commits run and the writes they carried since start (writes ÷ commits: how much sharing happens). */
  readonly totals = { commits: 0, writes: 0 };
  private waiting: Waiting<W, R>[] = [];
  /** Keys of the writes in commits in flight (none while nothing is in flight): their next writes wait for those commits. */
  private readonly inFlightKeys = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly commit: CommitBatch<W, R>,
    private readonly keyOf: (write: W) => string,
    private readonly limits: GroupCommitLimits,
  ) {}

  /** Resolves once committed, with the write's own answer from its batch. */
  write(write: W): Promise<R> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ write, key: this.keyOf(write), settle: { resolve, reject } });
      if (this.waiting.length >= this.limits.maxSize || (!this.limits.gatherMs && this.inFlightKeys.size === 0)) this.flush();
      else this.wait();
    });
  }

  /** Writes waiting for a commit (not yet in one). */
  get pending(): number {
    return this.waiting.length;
  }

  /** The next commit after the wait: a gathering's, else the most a write may wait behind one in flight. */
  private wait(): void {
    this.timer ??= setTimeout(() => this.flush(), this.limits.gatherMs || this.limits.maxWaitMs);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.waiting.length === 0) return;
    const batch = this.take();
    // Every waiting write's key is in a commit in flight: its end flushes again.
    if (batch.length === 0) return;
    for (const w of batch) this.inFlightKeys.add(w.key);
    void this.commitAll(batch).then((outcomes) => {
      // Done before the writers hear back, so that a writer's next write of the same key goes at once.
      for (const w of batch) this.inFlightKeys.delete(w.key);
      // Gathering: what came meanwhile waits for its gathering to end, not for this commit's.
      if (this.waiting.length > 0 && this.limits.gatherMs) this.wait();
      else if (this.waiting.length > 0) this.flush();
      batch.forEach((w, i) => {
        const outcome = outcomes[i]!;
        if (outcome.ok) w.settle.resolve(outcome.answer);
        else w.settle.reject(outcome.error);
      });
    });
  }

  /** The oldest writes, at most maxSize, one per key and none of a key in flight; the rest keep their place. */
  private take(): Waiting<W, R>[] {
    const batch: Waiting<W, R>[] = [];
    const keys = new Set<string>();
    const rest: Waiting<W, R>[] = [];
    for (const waiting of this.waiting) {
      if (batch.length < this.limits.maxSize && !keys.has(waiting.key) && !this.inFlightKeys.has(waiting.key)) {
        batch.push(waiting);
        keys.add(waiting.key);
      } else rest.push(waiting);
    }
    this.waiting = rest;
    return batch;
  }

  /** Each write's outcome; never rejects. */
  private async commitAll(batch: Waiting<W, R>[]): Promise<Outcome<R>[]> {
    this.totals.commits++;
    this.totals.writes += batch.length;
    try {
      const answers = await this.commit(batch.map((w) => w.write));
      if (answers.length !== batch.length) throw new Error(`a batch of ${batch.length} writes was answered ${answers.length} times`);
      return answers.map((answer) => ({ ok: true, answer }));
    } catch (error) {
      if (batch.length === 1 || isDatabaseUnavailable(error)) return batch.map(() => ({ ok: false, error }));
      // Something in the batch is refused as a whole: each write alone, so only the bad one fails.
      return (await Promise.all(batch.map((w) => this.commitAll([w])))).flat();
    }
  }
}
