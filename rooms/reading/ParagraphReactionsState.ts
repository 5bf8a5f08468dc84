import { defineTypes, Schema } from '@colyseus/schema';
import { REACTION_EMOJIS } from './rules/emojis';

/**
 * The chapter's reaction counts on one paragraph: one counter per emoji of the fixed set, named by
 * the emoji itself (`reactions.get(paragraphId)['🔥']`).
 */
export class ParagraphReactionsState extends Schema {
  [emoji: string]: unknown;

  constructor() {
    super();
    for (const emoji of REACTION_EMOJIS) this[emoji] = 0;
  }

  setCount(emoji: string, count: number): void {
    if ((REACTION_EMOJIS as readonly string[]).includes(emoji)) this[emoji] = Math.max(0, count);
  }
}

defineTypes(ParagraphReactionsState, Object.fromEntries(REACTION_EMOJIS.map((emoji) => [emoji, 'uint32'])));
