import type { Outcome } from './outcome';

/** The reactions a reader may leave on a paragraph (the set; the state has a counter for each). */
export const REACTION_EMOJIS = ['❤️', '😂', '😮', '😢', '🔥', '👏'] as const;
export type ReactionEmoji = (typeof REACTION_EMOJIS)[number];

export function checkEmoji(emoji: string): Outcome<ReactionEmoji> {
  const found = REACTION_EMOJIS.find((allowed) => allowed === emoji);
  if (found) return { ok: true, value: found };
  return { ok: false, refusal: { code: 'INVALID_EMOJI', message: `React with one of ${REACTION_EMOJIS.join(' ')}`, details: { allowed: [...REACTION_EMOJIS] } } };
}
