/** Seconds since the epoch at which a JWT expires, or null when it cannot be read (then: don't guess). */
export function jwtExpiresAt(token: string): number | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '='));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp : null;
  } catch {
    return null;
  }
}

/** True when the token expires within `seconds` (an unreadable token counts as fine). */
export function expiresWithin(token: string, seconds: number, nowMs = Date.now()): boolean {
  const exp = jwtExpiresAt(token);
  return exp !== null && exp * 1000 - nowMs < seconds * 1000;
}
