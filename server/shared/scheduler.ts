/** Cancels a scheduled callback (calling it after the callback ran does nothing). */
export type Cancel = () => void;

/** Timers as a dependency, so code that waits (release times, polls) is testable without waiting. */
export interface Scheduler {
  /** Runs `callback` once, `ms` from now. */
  after(ms: number, callback: () => void): Cancel;
}

/**
 * Node's timers. Unref'd: a pending release or poll never keeps a process alive on its own (their
 * owners still cancel them on shutdown).
 */
export const systemScheduler: Scheduler = {
  after(ms, callback) {
    const timer = setTimeout(callback, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
};
