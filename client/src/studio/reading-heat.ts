import type { ParagraphStats } from '../../../api/reading';

/** Heat levels of the paragraph heat map: 0 (nothing) to 4 (the chapter's most engaging). */
export const HEAT_LEVELS = 4;

/** A paragraph's engagement: its reactions and comments, counted alike. */
export function engagement(paragraph: ParagraphStats): number {
  let total = paragraph.comments;
  for (const count of Object.values(paragraph.reactions)) total += count;
  return total;
}

/** Each paragraph's level, scaled to the chapter's most engaging one (any engagement is at least level 1). */
export function heatLevels(paragraphs: readonly ParagraphStats[]): number[] {
  const totals = paragraphs.map(engagement);
  const most = Math.max(0, ...totals);
  return totals.map((total) => (total === 0 || most === 0 ? 0 : Math.max(1, Math.ceil((total / most) * HEAT_LEVELS))));
}

/** A read time as people say it: "45 s", "4 min 10 s", "1 h 5 min"; a dash when there are no reads. */
export function readTime(seconds: number | null): string {
  if (seconds === null) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return s % 60 === 0 ? `${Math.floor(s / 60)} min` : `${Math.floor(s / 60)} min ${s % 60} s`;
  const minutes = Math.round((s % 3600) / 60);
  return minutes === 0 ? `${Math.floor(s / 3600)} h` : `${Math.floor(s / 3600)} h ${minutes} min`;
}
