import { EntitySchema, PrimaryKeyProp } from '@mikro-orm/core';

/** One reader's emoji on one paragraph: the row exists while the reaction stands (sending it again deletes it). */
export class ReadingReaction {
  [PrimaryKeyProp]?: ['userId', 'chapterId', 'paragraphId', 'emoji'];
  userId!: string;
  chapterId!: string;
  paragraphId!: string;
  emoji!: string;
  createdAt: Date = new Date();
}

export const ReadingReactionSchema = new EntitySchema<ReadingReaction>({
  class: ReadingReaction,
  tableName: 'reading_reactions',
  properties: {
    userId: { type: 'uuid', primary: true },
    chapterId: { type: 'string', length: 128, primary: true },
    paragraphId: { type: 'string', length: 128, primary: true },
    emoji: { type: 'string', length: 16, primary: true },
    createdAt: { type: 'datetime' },
  },
  // No index by paragraph: counts per paragraph are kept in reading_reaction_counts, and a second
  // index let the planner (on a table it had no statistics for yet) find a toggle's row by paragraph —
  // reading every reaction to that paragraph for each toggle.
});
