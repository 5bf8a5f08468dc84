/**
 * Runs async jobs one after another (an actor's mailbox), holding at most `capacity` waiting jobs.
 * Message handlers that touch the database must not interleave: two `choose` messages would
 * otherwise both start from the same scene.
 */
export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();
  private waiting = 0;

  constructor(private readonly capacity: number, private readonly onError: (error: unknown) => void) {}

  /** False (and the job is not run) when the queue is full. */
  push(job: () => Promise<void>): boolean {
    if (this.waiting >= this.capacity) return false;
    this.waiting++;
    this.tail = this.tail.then(async () => {
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

  /** Resolves once every job pushed so far has finished. */
  drained(): Promise<void> {
    return this.tail;
  }
}
