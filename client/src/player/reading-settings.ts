/** How the reader likes to read, remembered per device (localStorage). */
export interface ReadingSettings {
  textSpeed: TextSpeed;
  autoPlay: boolean;
  autoSpeed: AutoSpeed;
  /** Lines this device has already shown go by on their own, quickly, until a new one. */
  skipRead: boolean;
}

export const TEXT_SPEEDS = ['slow', 'normal', 'fast', 'instant'] as const;
export type TextSpeed = (typeof TEXT_SPEEDS)[number];
export const AUTO_SPEEDS = ['slow', 'normal', 'fast'] as const;
export type AutoSpeed = (typeof AUTO_SPEEDS)[number];

export const DEFAULT_SETTINGS: ReadingSettings = { textSpeed: 'normal', autoPlay: false, autoSpeed: 'normal', skipRead: false };

const CHARS_PER_SECOND: Record<TextSpeed, number> = { slow: 26, normal: 52, fast: 110, instant: Number.POSITIVE_INFINITY };
const AUTO_FACTOR: Record<AutoSpeed, number> = { slow: 1.6, normal: 1, fast: 0.55 };
/** How long a line already read stays up while skipping: long enough to see it pass. */
export const SKIP_DELAY_MS = 90;

export function charsPerSecond(speed: TextSpeed): number {
  return CHARS_PER_SECOND[speed];
}

/** How long auto-play leaves a whole line up before going on: a pause plus reading time. */
export function autoPlayDelay(text: string, speed: AutoSpeed): number {
  return Math.round((1100 + 45 * text.length) * AUTO_FACTOR[speed]);
}

/** Whatever was stored (older, newer, hand-edited): known values kept, the rest defaulted. */
export function parseReadingSettings(raw: string | null): ReadingSettings {
  let value: Record<string, unknown> = {};
  try {
    const parsed: unknown = raw === null ? {} : JSON.parse(raw);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) value = parsed as Record<string, unknown>;
  } catch {
    // Unreadable: the defaults.
  }
  const pick = <T extends string>(allowed: readonly T[], v: unknown, fallback: T): T => (allowed.includes(v as T) ? (v as T) : fallback);
  return {
    textSpeed: pick(TEXT_SPEEDS, value['textSpeed'], DEFAULT_SETTINGS.textSpeed),
    autoPlay: typeof value['autoPlay'] === 'boolean' ? value['autoPlay'] : DEFAULT_SETTINGS.autoPlay,
    autoSpeed: pick(AUTO_SPEEDS, value['autoSpeed'], DEFAULT_SETTINGS.autoSpeed),
    skipRead: typeof value['skipRead'] === 'boolean' ? value['skipRead'] : DEFAULT_SETTINGS.skipRead,
  };
}
