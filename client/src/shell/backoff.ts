/** Exponential backoff with jitter: 0.5 s, 1 s, 2 s … capped, never in lockstep with other clients. */
export function backoffDelay(attempt: number, baseMs = 500, capMs = 5000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/** Waits `ms`, or less if the browser comes back online (no point waiting then). */
export function waitOrOnline(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      window.removeEventListener('online', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    window.addEventListener('online', done);
  });
}
