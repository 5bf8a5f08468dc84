/** Pure figures of the studio's reading stats. */

/** The median of whole seconds (the mean of the middle two for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Completed reads over all reads, 0–1 (0 with no reads). */
export function completionRate(reads: readonly { completed: boolean }[]): number {
  if (reads.length === 0) return 0;
  return reads.filter((read) => read.completed).length / reads.length;
}
