import type { CampaignWorld } from './world';

/**
 * The lore entries whose keywords appear (as whole words, any case) in the given texts, in world
 * order, at most `limit` of them: what the game master is reminded of for this beat.
 */
export function triggeredLore(world: CampaignWorld, texts: readonly string[], limit = 4): CampaignWorld['lore'] {
  const words = new Set(texts.join(' ').toLowerCase().split(/[^\p{L}\p{N}'-]+/u).filter(Boolean));
  return world.lore.filter((entry) => entry.keys.some((key) => key.toLowerCase().split(/\s+/).every((w) => words.has(w)))).slice(0, limit);
}
