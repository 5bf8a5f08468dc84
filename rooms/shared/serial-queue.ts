/**
 * Runs async jobs one after another (an actor's mailbox). Message handlers that touch the database
 * must not interleave: two `choose` messages would otherwise both start from the same scene.
 * Client messages are bounded (`push`, at most `capacity` waiting); the room's own work — joins,
 * leaves, timers — is not (`run`), since refusing it would lose a seat or a turn.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  constructor(private readonly capacity: number, private readonly onError: (error: unknown) => void) {}

  /** False (and the job is not run) when the queue is full; a job's error goes to `onError`. */
  push(job: () => Promise<void>): boolean {
    if (this.waiting >= this.capacity) return false;
    this.waiting++;
    void this.run(async () => {
      try {
        await job();
      } catch (error) {
        this.onError(error);
      } finally {
        this.waiting--;
      }
    });
    return true;
  }

  /** Queues a job whatever the load and hands back its result or its error. */
  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(job);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves once every job queued so far has finished. */
  async drained(): Promise<void> {
    await this.tail;
  }
}
