/**
 * The end of a run, shared by every virtual player: `sleep` resolves early once the run stops, so
 * thousands of thinking players wind down at once instead of finishing their waits.
 */
export class StopSignal {
  private isStopped = false;
  private readonly sleepers = new Set<() => void>();

  get stopped(): boolean {
    return this.isStopped;
  }

  stop(): void {
    this.isStopped = true;
    for (const wake of this.sleepers) wake();
    this.sleepers.clear();
  }

  /** Waits `ms`, or less: until the run stops, or until `interrupt` (if given) settles. */
  sleep(ms: number, interrupt?: Promise<unknown>): Promise<void> {
    if (this.isStopped) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, Math.max(0, ms));
      this.sleepers.add(wake);
      interrupt?.then(wake, wake);
    });
  }
}
