/** "2h 14m", "9m 05s", "42s": the time left until `iso`, for the next-key countdown. */
export function formatTimeLeft(iso: string, nowMs = Date.now()): string {
  const target = Date.parse(iso);
  if (Number.isNaN(target)) return '';
  const seconds = Math.max(0, Math.ceil((target - nowMs) / 1000));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (hours > 0) return `${hours}h ${String(minutes).padStart(2, '0')}m`;
  if (minutes > 0) return `${minutes}m ${String(rest).padStart(2, '0')}s`;
  return `${rest}s`;
}

/** True once `iso` has passed (or cannot be read). */
export function hasPassed(iso: string, nowMs = Date.now()): boolean {
  const target = Date.parse(iso);
  return Number.isNaN(target) || target <= nowMs;
}

/**
 * Re-renders `render` every second until stopped; the ticking text is not a live region, so
 * screen readers are not flooded once a second.
 */
export function everySecond(render: () => void): () => void {
  render();
  const timer = setInterval(render, 1000);
  return () => clearInterval(timer);
}
