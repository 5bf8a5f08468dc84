import { EntitySchema, PrimaryKeyProp } from '@mikro-orm/core';

/**
 * How many readers stand behind one emoji on one paragraph: kept with every toggle in the same
 * statement, so a toggle reads and changes one row instead of counting the pair's reactions (a
 * popular paragraph's count would otherwise cost more the more readers react to it).
 */
export class ReadingReactionCount {
  [PrimaryKeyProp]?: ['chapterId', 'paragraphId', 'emoji'];
  chapterId!: string;
  paragraphId!: string;
  emoji!: string;
  count = 0;
}

export const ReadingReactionCountSchema = new EntitySchema<ReadingReactionCount>({
  class: ReadingReactionCount,
  tableName: 'reading_reaction_counts',
  properties: {
    chapterId: { type: 'string', length: 128, primary: true },
    paragraphId: { type: 'string', length: 128, primary: true },
    emoji: { type: 'string', length: 16, primary: true },
    count: { type: 'integer' },
  },
});
