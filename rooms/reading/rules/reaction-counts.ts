/** Counts per paragraph, per emoji: the chapter's reactions as readers see them. */
export type ReactionCounts = Record<string, Record<string, number>>;

/** Whether sending a (paragraph, emoji) pair adds the reader's reaction or takes it back. */
export function toggleReaction(alreadyReacted: boolean): { action: 'add' | 'remove'; delta: 1 | -1 } {
  return alreadyReacted ? { action: 'remove', delta: -1 } : { action: 'add', delta: 1 };
}

/** Sums reaction rows (one per reader, paragraph and emoji) into counts. */
export function aggregateReactions(rows: Iterable<{ paragraphId: string; emoji: string; count?: number }>): ReactionCounts {
  const counts: ReactionCounts = {};
  for (const row of rows) {
    const paragraph = (counts[row.paragraphId] ??= {});
    paragraph[row.emoji] = (paragraph[row.emoji] ?? 0) + (row.count ?? 1);
  }
  return counts;
}

/** Applies a change to counts in place; a count never goes below zero (a late or repeated take-back). */
export function applyReactionCount(counts: ReactionCounts, change: { paragraphId: string; emoji: string; count: number }): void {
  const paragraph = (counts[change.paragraphId] ??= {});
  paragraph[change.emoji] = Math.max(0, change.count);
}
