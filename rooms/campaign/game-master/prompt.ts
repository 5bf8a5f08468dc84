import type { BeatRequest } from './game-master';
import { STAT_NAMES, STATS } from '../rules/state-changes';

/** A rough token count (about four characters a token): enough to keep a prompt in budget. */
export const estimateTokens = (text: string): number => Math.ceil(text.length / 4);

export interface ChatPrompt {
  system: string;
  user: string;
}

/** The JSON schema of the answer (mirrors beatOutputSchema), for servers that enforce it. */
export const BEAT_JSON_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['narrative', 'dialogue', 'choices', 'state_changes'],
  properties: {
    narrative: { type: 'string' },
    dialogue: { type: 'array', items: { type: 'object', additionalProperties: false, required: ['character', 'text'], properties: { character: { type: 'string' }, text: { type: 'string' } } } },
    choices: { type: 'array', items: { type: 'object', additionalProperties: false, required: ['id', 'text'], properties: { id: { type: 'string' }, text: { type: 'string' } } } },
    state_changes: { type: 'array', items: { type: 'object' } },
  },
} as const;

/**
 * Builds the game master's prompt: the rules and the world (fixed), then as much context as the
 * budget allows — scene, party and the triggered lore always; the rolling summary and the recent
 * beats, newest first, until the budget is spent — and last what to narrate now.
 */
export function buildPrompt(request: BeatRequest, budgetTokens = 3000): ChatPrompt {
  const { world, scene } = request;
  const items = world.items ?? [];
  const system = [
    `You are the game master of a multiplayer story campaign in the world "${world.title}". Narrate in second person plural, vivid and brief (80–160 words), in the world's tone. Never act for the players.`,
    `Answer with one JSON object and nothing else, keys in this order: "narrative" (string, the beat), "dialogue" ([{character, text}] lines spoken by world characters), "choices" (2–4 [{id, text}] next options; ids lower-case with dashes), "state_changes" (list).`,
    `Allowed state_changes (anything else is refused): {"type":"move","location":<location id>}, {"type":"character_enters"|"character_leaves","character":<character id>}, {"type":"quest_start"|"quest_complete","quest":<quest id>}, {"type":"stat","player":<player id>,"stat":${STAT_NAMES.map((s) => `"${s}"`).join('|')},"delta":-5..5}, {"type":"give_item"|"take_item","player":<player id>,"item":<item id>}. Stats stay within ${STAT_NAMES.map((s) => `${s} ${STATS[s].min}–${STATS[s].max}`).join(', ')}. Only use ids listed below.`,
    `Setting: ${world.setting}`,
    `Locations: ${world.locations.map((l) => `${l.id} (${l.name})`).join('; ')}`,
    `Characters: ${world.characters.map((c) => `${c.id} (${c.name}: ${c.personality})`).join('; ')}`,
    `Quests: ${world.quests.map((q) => `${q.id} (${q.title})`).join('; ')}`,
    items.length > 0 ? `Items: ${items.map((i) => `${i.id} (${i.name})`).join('; ')}` : 'Items: none may be given.',
  ].join('\n');

  const here = world.locations.find((l) => l.id === scene.location);
  const now =
    request.prompt.kind === 'opening'
      ? 'Narrate the opening of the campaign and offer the first choices.'
      : request.prompt.kind === 'action'
        ? `${request.prompt.playerName ?? 'A player'} (player id ${request.prompt.playerId}) acts: "${request.prompt.text}". Narrate what happens.`
        : `The party voted: "${request.prompt.text}" (${request.prompt.choiceId}).${request.prompt.vote ? ` ${request.prompt.vote} Say honestly how the vote went.` : ''} Narrate what happens.`;
  const essentials = [
    `Scene: ${here ? `${here.name} — ${here.description}` : scene.location}. Present: ${scene.present.join(', ') || 'nobody'}. Active quests: ${scene.quests.join(', ') || 'none'}.`,
    `Party: ${request.party.map((p) => `${p.name} (id ${p.id}; ${p.character ? `plays ${p.character}; ` : ''}${Object.entries(p.stats).map(([k, v]) => `${k} ${v}`).join(', ')}; carrying ${p.inventory.join(', ') || 'nothing'})`).join('; ')}.`,
    ...request.lore.map((l) => `Lore: ${l.text}`),
  ];
  let used = estimateTokens(system) + estimateTokens(now) + essentials.reduce((n, line) => n + estimateTokens(line), 0);
  const context: string[] = [];
  for (const beat of [...request.recent].reverse()) {
    const line = `Beat ${beat.beat}: ${beat.prompt ? `${beat.prompt} → ` : ''}${beat.narrative}`;
    if (used + estimateTokens(line) > budgetTokens) break;
    context.unshift(line);
    used += estimateTokens(line);
  }
  if (request.summary) {
    const line = `Story so far: ${request.summary}`;
    if (used + estimateTokens(line) <= budgetTokens) context.unshift(line);
  }
  return { system, user: [...essentials, ...context, `Beat ${request.beat}. ${now}`].join('\n') };
}
