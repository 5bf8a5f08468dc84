const pad = (value: number): string => String(value).padStart(2, '0');

/** "mm:ss" under an hour, "h:mm:ss" above: the wait for the next key. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${pad(minutes)}:${pad(seconds)}`;
}

/** Milliseconds until `iso`, or undefined when there is no (valid, future) time. */
export function msUntil(iso: string, now: number): number | undefined {
  if (iso === '') return undefined;
  const at = Date.parse(iso);
  if (Number.isNaN(at) || at <= now) return undefined;
  return at - now;
}
