import { isDatabaseUnavailable } from './database-unavailable';
import { WritePace, type GatherPolicy } from './write-pace';

export interface GroupCommitLimits {
  /** The most writes one commit carries: a full gathering goes at once. */
  maxSize: number;
  /** How long a gathering lasts: its commit starts this long after its first write. */
  maxWaitMs: number;
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
 * Group commit: writes that come close together go in one commit — so under load one round trip and
 * one fsync carry many writes, and one wake-up of the process hears them all answered. While writes
 * come fast (the policy's call; by default WritePace: faster than one per `maxWaitMs`) they gather,
 * and a gathering's commit starts `maxWaitMs` after its first write. Otherwise a write goes at once —
 * an idle server adds no latency — unless a commit is in flight: then it waits for that commit's end
 * (at most `maxWaitMs`), so a burst shares the next commit. A batch holds at most `maxSize` writes and
 * one per key, and a key is in one commit at a time: two writes of one row go in two commits, the
 * second after the first has committed, so they land in the order they were made. Each write's promise
 * settles only after its own commit. When a batch fails for a reason other than a lost database, each
 * of its writes is tried again alone, so one bad write does not fail its neighbours.
 */
export class GroupCommit<W, R = boolean> {
  /** Commits run and the writes they carried since start (writes ÷ commits: how much sharing happens). */
  readonly totals = { commits: 0, writes: 0 };
  private waiting: Waiting<W, R>[] = [];
  /** Keys of the writes in commits in flight (none while nothing is in flight): their next writes wait for those commits. */
  private readonly inFlightKeys = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** A waiting write goes as soon as the commit in flight ends (it did not gather, it only found the database busy). */
  private behindCommit = false;

  constructor(
    private readonly commit: CommitBatch<W, R>,
    private readonly keyOf: (write: W) => string,
    private readonly limits: GroupCommitLimits,
    private readonly gathering: GatherPolicy = new WritePace(limits.maxWaitMs),
  ) {}

  /** Resolves once committed, with the write's own answer from its batch. */
  write(write: W): Promise<R> {
    return new Promise((resolve, reject) => {
      const gather = this.gathering.shouldGather();
      this.waiting.push({ write, key: this.keyOf(write), settle: { resolve, reject } });
      if (this.waiting.length >= this.limits.maxSize || (!gather && this.inFlightKeys.size === 0)) {
        this.flush();
        return;
      }
      // Not gathering, but a commit is in flight: wait for its end (a burst shares the next commit), at most maxWaitMs.
      if (!gather) this.behindCommit = true;
      this.timer ??= setTimeout(() => this.flush(), this.limits.maxWaitMs);
    });
  }

  /** Writes waiting for a commit (not yet in one). */
  get pending(): number {
    return this.waiting.length;
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.behindCommit = false;
    if (this.waiting.length === 0) return;
    const batch = this.take();
    // Every waiting write's key is in a commit in flight: its end flushes again.
    if (batch.length === 0) return;
    for (const w of batch) this.inFlightKeys.add(w.key);
    void this.commitAll(batch).then((outcomes) => {
      // Done before the writers hear back, so that a writer's next write of the same key goes at once.
      for (const w of batch) this.inFlightKeys.delete(w.key);
      // Writes held back by this commit (by their key, or a busy database) go now; a gathering waits for its time.
      if (this.waiting.length > 0 && (!this.timer || this.behindCommit)) this.flush();
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
