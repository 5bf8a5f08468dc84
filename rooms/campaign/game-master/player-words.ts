import type { CampaignWorld } from '../rules/world';

/** What kind of thing a player's action does, from its verb. */
export type Intent = 'move' | 'talk' | 'look' | 'take' | 'use' | 'fight' | 'other';

/** What the offline narrator understood of what a player wrote. */
export interface PlayerWords {
  /** The action's verb, lower-case (e.g. "climb"), or null when none was found. */
  verb: string | null;
  intent: Intent;
  /** The world's locations, characters and items the text names, in world order. */
  locations: CampaignWorld['locations'];
  characters: CampaignWorld['characters'];
  items: NonNullable<CampaignWorld['items']>;
  /** The action retold in the third person ("Ann climbs the tower"), or null when it cannot be. */
  retold: string | null;
}

const INTENTS: Record<Exclude<Intent, 'other'>, string[]> = {
  move: ['go', 'walk', 'head', 'run', 'climb', 'enter', 'return', 'follow', 'leave', 'cross', 'descend', 'sneak', 'hurry', 'travel', 'wander', 'make', 'set', 'step', 'ride', 'flee', 'slip', 'march', 'move', 'visit'],
  talk: ['ask', 'talk', 'tell', 'say', 'speak', 'greet', 'call', 'shout', 'whisper', 'question', 'persuade', 'warn', 'answer', 'bargain', 'promise', 'lie', 'thank', 'chat'],
  look: ['look', 'search', 'examine', 'inspect', 'listen', 'study', 'watch', 'read', 'check', 'peer', 'smell', 'observe', 'scan', 'wait', 'hide'],
  take: ['take', 'pick', 'grab', 'steal', 'pocket', 'buy', 'collect', 'gather', 'snatch', 'lift'],
  use: ['use', 'open', 'light', 'ring', 'give', 'show', 'throw', 'break', 'play', 'unlock', 'hold', 'strike', 'pour', 'tune', 'push', 'pull', 'touch', 'polish', 'blow'],
  fight: ['attack', 'hit', 'fight', 'punch', 'stab', 'shoot', 'kick', 'tackle', 'charge', 'wrestle'],
};
/** "make for", "set off": movement only with these words after them. */
const MOVE_ONLY_WITH: Record<string, RegExp> = { make: /^make\s+(for|my|our|way)\b/, set: /^set\s+(off|out)\b/ };
const IRREGULAR: Record<string, string> = { go: 'goes', do: 'does', have: 'has', am: 'is', be: 'is' };
const PRONOUNS: [RegExp, string][] = [
  [/\bmyself\b/gi, 'themselves'],
  [/\bmy\b/gi, 'their'],
  [/\bme\b/gi, 'them'],
  [/\bmine\b/gi, 'theirs'],
  [/\bI'm\b/g, 'they are'],
  [/\bI\b/g, 'they'],
];

/** Reads a player's action: its verb and intent, and what of the world it names. */
export function readPlayerWords(world: CampaignWorld, text: string, actor: string): PlayerWords {
  const clean = text.trim().replace(/\s+/g, ' ').replace(/[.!?…]+$/, '');
  const lower = clean.toLowerCase();
  const body = lower.replace(/^(i|we)\s+(will\s+|'ll\s+|try to\s+|want to\s+|quickly\s+|carefully\s+|slowly\s+|quietly\s+)*/, '');
  const verb = /^[a-z]+/.exec(body)?.[0] ?? null;
  const intent = verb === null ? 'other' : intentOf(verb, body);
  return {
    verb,
    intent,
    locations: world.locations.filter((l) => names(lower, l.name, l.id)),
    characters: world.characters.filter((c) => names(lower, c.name, c.id)),
    items: (world.items ?? []).filter((i) => names(lower, i.name, i.id)),
    retold: retell(clean, actor),
  };
}

function intentOf(verb: string, body: string): Intent {
  for (const [intent, verbs] of Object.entries(INTENTS) as [Exclude<Intent, 'other'>, string[]][]) {
    if (!verbs.includes(verb)) continue;
    const needs = MOVE_ONLY_WITH[verb];
    if (intent === 'move' && needs && !needs.test(body)) continue;
    return intent;
  }
  return 'other';
}

/** Whether the text names a thing: its whole name (without "the"), its id, or the name's last word when it is distinctive. */
function names(lower: string, name: string, id: string): boolean {
  const plain = name.toLowerCase().replace(/^the\s+/, '');
  const words = plain.split(/\s+/);
  const candidates = [plain, id.replace(/-/g, ' ')];
  if (words.length > 1 && words.at(-1)!.length > 3) candidates.push(words.at(-1)!);
  if (words.length > 1 && words[0]!.length > 3) candidates.push(words[0]!);
  return candidates.some((w) => new RegExp(`\\b${escape(w)}\\b`).test(lower));
}

/** "I climb the stair" → "Ann climbs the stair"; null when the text does not start with "I". */
function retell(clean: string, actor: string): string | null {
  // An adverb before the verb stays where it is: "I quietly ask" → "Ann quietly asks".
  const match = /^I\s+((?:[A-Za-z]+ly\s+)?)([A-Za-z]+)(.*)$/.exec(clean);
  if (!match) return null;
  const [, adverb, verb, rest] = match as unknown as [string, string, string, string];
  let tail = rest;
  for (const [pattern, replacement] of PRONOUNS) tail = tail.replace(pattern, replacement);
  const retold = `${actor} ${adverb}${thirdPerson(verb.toLowerCase())}${tail}`;
  return retold.length > 220 ? `${retold.slice(0, 219)}…` : `${retold}.`;
}

function thirdPerson(verb: string): string {
  if (IRREGULAR[verb]) return IRREGULAR[verb];
  if (/(s|sh|ch|x|z|o)$/.test(verb)) return `${verb}es`;
  if (/[^aeiou]y$/.test(verb)) return `${verb.slice(0, -1)}ies`;
  return `${verb}s`;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
