/**
 * An error in words for a report: its message, and what caused it when the message alone says
 * nothing — fetch (undici) fails with "fetch failed" and keeps the reason (ECONNRESET, a timeout,
 * no free port…) in `cause`.
 */
export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  if (cause === undefined || cause === null) return error.message;
  const reason = cause instanceof Error ? [(cause as NodeJS.ErrnoException).code, cause.message].filter(Boolean).join(' ') : String(cause);
  return reason ? `${error.message} (${reason})` : error.message;
}
