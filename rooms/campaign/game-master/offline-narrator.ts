import { mixSeed, pick, seededRandom } from '../rules/random';
import { characterOf, itemOf, locationOf, questOf, type CampaignWorld } from '../rules/world';
import type { BeatOutput, BeatRequest, GameMaster, NarratedBeat, NarrationSink } from './game-master';

/**
 * The default game master: no model, no network. It writes each beat from the world's own
 * content with templates, deterministically from the campaign seed, the beat and the prompt —
 * the same seed gives the same opening, and a whole campaign is playable offline. Its changes
 * go through the same rules as any model's.
 */
export class OfflineNarrator implements GameMaster {
  readonly name = 'offline';

  async narrate(request: BeatRequest, sink: NarrationSink, signal: AbortSignal): Promise<NarratedBeat> {
    const output = writeBeat(request);
    for (const piece of sentences(output.narrative)) {
      if (signal.aborted) throw new Error('aborted');
      sink.chunk(piece);
      await new Promise((resolve) => setImmediate(resolve));
    }
    return { output, provider: this.name, usage: null };
  }
}

const OPENINGS = [
  'The story begins in {place}. {description}',
  'You meet for the first time in {place}. {description}',
  'Night is settling over {place} when the party gathers. {description}',
];
const REACTIONS = [
  '{actor} acts: "{action}" The moment hangs, then {place} answers.',
  '{actor} does not wait. "{action}" Heads turn all across {place}.',
  'With a breath, {actor} commits: "{action}" Something in {place} shifts.',
];
const CHOICE_REACTIONS = [
  'The party decides together: {choice}. {place} seems to notice.',
  'Votes counted, the party moves as one: {choice}.',
];
const ATMOSPHERE = ['A draught carries the smell of hot glass.', 'Somewhere close, something small breaks.', 'The light changes, as if a cloud crossed a lamp.', 'For a moment everyone hears their own heartbeat.'];

function writeBeat(request: BeatRequest): BeatOutput {
  const { world, scene, prompt } = request;
  const random = seededRandom(mixSeed(request.seed, request.beat, prompt.kind, prompt.kind === 'action' ? prompt.text : prompt.kind === 'choice' ? prompt.choiceId : ''));
  const here = locationOf(world, scene.location);
  const place = here?.name ?? 'the road';
  const text = prompt.kind === 'action' ? prompt.text : prompt.kind === 'choice' ? prompt.text : '';
  const changes: unknown[] = [];
  const parts: string[] = [];

  // Where does the prompt take the party? A location named in it, or a "go-<id>" choice.
  const target = prompt.kind === 'choice' && prompt.choiceId.startsWith('go-') ? locationOf(world, prompt.choiceId.slice(3)) : mentionedLocation(world, text, scene.location);
  if (prompt.kind === 'opening') {
    parts.push(fill(pick(random, OPENINGS)!, { place, description: here?.description ?? '' }), world.setting);
  } else if (prompt.kind === 'action') {
    parts.push(fill(pick(random, REACTIONS)!, { actor: prompt.playerName ?? 'Someone', action: trimAction(prompt.text), place }));
  } else {
    parts.push(fill(pick(random, CHOICE_REACTIONS)!, { choice: prompt.text.replace(/[.!?]$/, '').toLowerCase(), place }));
  }
  let location = scene.location;
  let present = scene.present;
  if (target && target.id !== scene.location) {
    changes.push({ type: 'move', location: target.id });
    location = target.id;
    present = world.characters.filter((c) => c.location === target.id).map((c) => c.id);
    parts.push(`The way leads to ${target.name}. ${target.description}`);
  }

  for (const entry of request.lore.slice(0, 1)) parts.push(entry.text);
  const dialogue: BeatOutput['dialogue'] = [];
  const speakerId = pick(random, present);
  const speaker = speakerId ? characterOf(world, speakerId) : undefined;
  if (speaker) {
    parts.push(`${speaker.name} watches the party. (${speaker.personality})`);
    dialogue.push({ character: speaker.name, text: pick(random, lines(request, world))! });
  } else {
    parts.push(pick(random, ATMOSPHERE)!);
  }

  // The first beat sets the party a quest; later, now and then, one is solved or an item found.
  const open = world.quests.filter((q) => !scene.quests.includes(q.id) && !scene.completed.includes(q.id));
  if (prompt.kind === 'opening' || (scene.quests.length === 0 && open.length > 0)) {
    const quest = open[0];
    if (quest) {
      changes.push({ type: 'quest_start', quest: quest.id });
      parts.push(`A task takes shape: ${quest.title}. ${quest.description}`);
    }
  } else if (request.beat % 5 === 0 && scene.quests[0]) {
    changes.push({ type: 'quest_complete', quest: scene.quests[0] });
    parts.push(`At last, "${questOf(world, scene.quests[0])?.title ?? scene.quests[0]}" is resolved.`);
  }
  if (prompt.kind === 'action' && request.beat % 3 === 0) {
    const actor = request.party.find((p) => p.id === prompt.playerId);
    const item = pick(random, (world.items ?? []).filter((i) => !actor?.inventory.includes(i.id)));
    if (actor && item) {
      changes.push({ type: 'give_item', player: actor.id, item: item.id });
      parts.push(`${actor.name} finds ${itemOf(world, item.id)?.name ?? item.id}.`);
    }
  }
  if (prompt.kind === 'action' && request.beat % 4 === 0) {
    changes.push({ type: 'stat', player: prompt.playerId, stat: 'nerve', delta: (request.party.find((p) => p.id === prompt.playerId)?.stats.nerve ?? 3) < 5 ? 1 : -1 });
  }

  const choices = offlineChoices(world, location, present, random);
  return { narrative: parts.filter(Boolean).join(' '), dialogue, choices, state_changes: changes };
}

function lines(request: BeatRequest, world: CampaignWorld): string[] {
  const quest = request.scene.quests[0] ? questOf(world, request.scene.quests[0]) : undefined;
  return [
    'You are not from here. Good. Locals stopped asking the right questions years ago.',
    quest ? `If you mean to see "${quest.title}" through, start before the light goes.` : 'Ask what you came to ask.',
    'Everything in this town has a price. Some of them are paid later.',
    'Listen. Do you hear it? No? That is the trouble.',
  ];
}

function offlineChoices(world: CampaignWorld, location: string, present: string[], random: () => number): BeatOutput['choices'] {
  const choices: BeatOutput['choices'] = [];
  const elsewhere = world.locations.filter((l) => l.id !== location);
  const destination = pick(random, elsewhere);
  if (destination) choices.push({ id: `go-${destination.id}`, text: `Head for ${destination.name}` });
  const someone = pick(random, present);
  const character = someone ? characterOf(world, someone) : undefined;
  if (character) choices.push({ id: `talk-${character.id}`, text: `Talk to ${character.name}` });
  choices.push({ id: 'search', text: 'Search the place carefully' });
  return choices;
}

function mentionedLocation(world: CampaignWorld, text: string, current: string) {
  const lower = text.toLowerCase();
  const words = (l: { id: string; name: string }) => [l.name.toLowerCase().replace(/^the\s+/, ''), l.id.replace(/-/g, ' ')];
  return world.locations.find((l) => l.id !== current && words(l).some((w) => new RegExp(`\\b${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(lower)));
}

function trimAction(text: string): string {
  const clean = text.trim().replace(/\s+/g, ' ');
  return clean.length > 200 ? `${clean.slice(0, 199)}…` : clean;
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
}

/** Splits narration into sentence-sized chunks (keeping the spaces), as a model would stream it. */
export function sentences(text: string): string[] {
  return text.match(/[^.!?]+[.!?]*\s*/g) ?? [text];
}
