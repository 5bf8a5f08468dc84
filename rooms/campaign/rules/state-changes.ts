import { z } from 'zod';
import { characterOf, charactersAt, itemOf, locationOf, questOf, type CampaignWorld } from './world';

/** The character-sheet stats every player has, with their bounds and starting values. */
export const STATS = {
  health: { min: 0, max: 10, start: 10 },
  wits: { min: 1, max: 5, start: 3 },
  nerve: { min: 1, max: 5, start: 3 },
} as const;
export type StatName = keyof typeof STATS;
export const STAT_NAMES = Object.keys(STATS) as StatName[];
export const MAX_INVENTORY = 12;

/** What a game master may propose after a beat; anything else is malformed and refused. */
export const stateChangeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('move'), location: z.string().min(1).max(64) }).strict(),
  z.object({ type: z.literal('character_enters'), character: z.string().min(1).max(64) }).strict(),
  z.object({ type: z.literal('character_leaves'), character: z.string().min(1).max(64) }).strict(),
  z.object({ type: z.literal('quest_start'), quest: z.string().min(1).max(64) }).strict(),
  z.object({ type: z.literal('quest_complete'), quest: z.string().min(1).max(64) }).strict(),
  z.object({ type: z.literal('stat'), player: z.string().min(1).max(64), stat: z.enum(['health', 'wits', 'nerve']), delta: z.number().int().min(-5).max(5) }).strict(),
  z.object({ type: z.literal('give_item'), player: z.string().min(1).max(64), item: z.string().min(1).max(64) }).strict(),
  z.object({ type: z.literal('take_item'), player: z.string().min(1).max(64), item: z.string().min(1).max(64) }).strict(),
]);
export type StateChange = z.infer<typeof stateChangeSchema>;

export interface RejectedChange {
  change: unknown;
  reason: string;
}

/** What the rules need to know about the party and the scene to judge a change. */
export interface RulesView {
  scene: { location: string; present: string[]; quests: string[]; completed: string[] };
  /** Party members by player id: their sheet, and whether they are here right now. */
  players: Record<string, { present: boolean; stats: Record<StatName, number>; inventory: string[] }>;
}

/**
 * Rules first: checks each proposed change, in order, against the world and the party as the
 * earlier accepted changes left them. Malformed or rule-breaking changes are rejected with a
 * reason (to be logged), never applied; the accepted ones come back parsed.
 */
export function checkStateChanges(world: CampaignWorld, view: RulesView, proposed: unknown): { accepted: StateChange[]; rejected: RejectedChange[] } {
  const accepted: StateChange[] = [];
  const rejected: RejectedChange[] = [];
  if (proposed === undefined || proposed === null) return { accepted, rejected };
  if (!Array.isArray(proposed)) return { accepted, rejected: [{ change: proposed, reason: 'state_changes must be a list' }] };
  const work = cloneView(view);
  for (const raw of proposed.slice(0, 20)) {
    const parsed = stateChangeSchema.safeParse(raw);
    if (!parsed.success) {
      rejected.push({ change: raw, reason: `malformed: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'change'} ${i.message}`).join('; ')}` });
      continue;
    }
    const reason = ruleBroken(world, work, parsed.data);
    if (reason) rejected.push({ change: raw, reason });
    else {
      accepted.push(parsed.data);
      applyToView(world, work, parsed.data);
    }
  }
  for (const raw of proposed.slice(20)) rejected.push({ change: raw, reason: 'too many changes in one beat (20 at most)' });
  return { accepted, rejected };
}

function ruleBroken(world: CampaignWorld, view: RulesView, change: StateChange): string | null {
  switch (change.type) {
    case 'move':
      if (!locationOf(world, change.location)) return `unknown location "${change.location}"`;
      return change.location === view.scene.location ? `the party is already at "${change.location}"` : null;
    case 'character_enters':
      if (!characterOf(world, change.character)) return `unknown character "${change.character}"`;
      return view.scene.present.includes(change.character) ? `"${change.character}" is already here` : null;
    case 'character_leaves':
      if (!characterOf(world, change.character)) return `unknown character "${change.character}"`;
      return view.scene.present.includes(change.character) ? null : `"${change.character}" is not here`;
    case 'quest_start':
      if (!questOf(world, change.quest)) return `unknown quest "${change.quest}"`;
      if (view.scene.completed.includes(change.quest)) return `quest "${change.quest}" is already complete`;
      return view.scene.quests.includes(change.quest) ? `quest "${change.quest}" is already active` : null;
    case 'quest_complete':
      if (!questOf(world, change.quest)) return `unknown quest "${change.quest}"`;
      return view.scene.quests.includes(change.quest) ? null : `quest "${change.quest}" is not active`;
    case 'stat': {
      const player = presentPlayer(view, change.player);
      if (typeof player === 'string') return player;
      const bounds = STATS[change.stat];
      const next = player.stats[change.stat] + change.delta;
      if (change.delta === 0) return 'a stat change of 0 changes nothing';
      return next < bounds.min || next > bounds.max ? `${change.stat} would be ${next}, outside ${bounds.min}–${bounds.max}` : null;
    }
    case 'give_item': {
      const player = presentPlayer(view, change.player);
      if (typeof player === 'string') return player;
      if (!itemOf(world, change.item)) return `unknown item "${change.item}"`;
      if (player.inventory.includes(change.item)) return `player "${change.player}" already carries "${change.item}"`;
      return player.inventory.length >= MAX_INVENTORY ? `player "${change.player}" carries ${MAX_INVENTORY} items already` : null;
    }
    case 'take_item': {
      const player = presentPlayer(view, change.player);
      if (typeof player === 'string') return player;
      if (!itemOf(world, change.item)) return `unknown item "${change.item}"`;
      return player.inventory.includes(change.item) ? null : `player "${change.player}" does not carry "${change.item}"`;
    }
  }
}

function presentPlayer(view: RulesView, id: string): RulesView['players'][string] | string {
  const player = view.players[id];
  if (!player) return `"${id}" is not in the party`;
  return player.present ? player : `player "${id}" is absent`;
}

function cloneView(view: RulesView): RulesView {
  return structuredClone(view);
}

/** Applies an accepted change to the rules view (the campaign model applies the same way). */
export function applyToView(world: CampaignWorld, view: RulesView, change: StateChange): void {
  const scene = view.scene;
  switch (change.type) {
    case 'move':
      // Moving on leaves the people here behind; whoever lives at the new place is there.
      scene.location = change.location;
      scene.present = charactersAt(world, change.location);
      return;
    case 'character_enters':
      scene.present.push(change.character);
      return;
    case 'character_leaves':
      scene.present = scene.present.filter((c) => c !== change.character);
      return;
    case 'quest_start':
      scene.quests.push(change.quest);
      return;
    case 'quest_complete':
      scene.quests = scene.quests.filter((q) => q !== change.quest);
      scene.completed.push(change.quest);
      return;
    case 'stat': {
      const player = view.players[change.player];
      if (player) player.stats[change.stat] += change.delta;
      return;
    }
    case 'give_item':
      view.players[change.player]?.inventory.push(change.item);
      return;
    case 'take_item': {
      const player = view.players[change.player];
      if (player) player.inventory = player.inventory.filter((i) => i !== change.item);
      return;
    }
  }
}
