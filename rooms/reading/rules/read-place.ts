/** How far one reader has read since joining, and when that was last written. */
export interface ReadPlace {
  /** Place of the furthest paragraph reached, in reading order (-1: none yet). */
  furthestIndex: number;
  furthestParagraph: string | null;
  completed: boolean;
  /** Epoch ms of the last record (the reader's time is counted from it). */
  lastRecordedAt: number;
}

/**
 * A reader is at a paragraph: the furthest place only moves forward and completion is never taken
 * back. The read is written (`record`) when it starts, when it completes and at least every
 * `everyMs` while the reader moves — not at every paragraph, which on release day would be a write
 * per reader every few seconds; the room also records at the leave.
 */
export function readReached(place: ReadPlace, at: { index: number; paragraphId: string; last: boolean }, nowMs: number, everyMs: number): { place: ReadPlace; record: boolean } {
  const further = at.index > place.furthestIndex;
  const next: ReadPlace = further ? { ...place, furthestIndex: at.index, furthestParagraph: at.paragraphId, completed: place.completed || at.last } : place;
  const record = place.furthestIndex < 0 || next.completed !== place.completed || nowMs - place.lastRecordedAt >= everyMs;
  return { place: next, record };
}
