// The schedule input is a `datetime-local` (the writer's wall clock, no zone); the API takes ISO UTC.

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

/**
 * A `datetime-local` value ("2026-11-22T18:30" or with seconds) as the ISO UTC instant it means in
 * the browser's time zone; null when it is not a real date and time. Parsed by hand: how
 * `Date.parse` reads a zone-less string has differed between engines.
 */
export function localInputToIso(value: string): string | null {
  const match = LOCAL_INPUT.exec(value.trim());
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1, 6).map(Number) as [number, number, number, number, number];
  const second = Number(match[6] ?? 0);
  const millis = Number((match[7] ?? '0').padEnd(3, '0'));
  if (hour > 23 || minute > 59 || second > 59) return null;
  const date = new Date(year, month - 1, day, hour, minute, second, millis);
  // new Date rolls 31 February over into March: refuse rather than schedule a day nobody chose.
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) return null;
  return date.toISOString();
}

/** An ISO instant as a `datetime-local` value in the browser's time zone, to the second. */
export function isoToLocalInput(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** Why a schedule input cannot be sent, in the writer's words; null when it can. */
export function scheduleProblem(value: string, now: Date): string | null {
  if (value.trim() === '') return 'Choose a date and time for the release.';
  const iso = localInputToIso(value);
  if (iso === null) return 'That is not a date and time.';
  if (Date.parse(iso) <= now.getTime()) return 'That time has already passed. Choose a later one, or publish now.';
  return null;
}

/** A release time in the reader's own time zone and language ("22 Nov 2026, 18:30"). */
export function formatLocalTime(iso: string, locale?: string): string {
  return new Date(iso).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}
