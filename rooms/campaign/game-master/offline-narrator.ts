import { triggeredLore } from '../rules/lore';
import { mixSeed, pick, seededRandom } from '../rules/random';
import { characterOf, locationOf, questOf, type CampaignWorld } from '../rules/world';
import type { BeatOutput, BeatRequest, GameMaster, NarratedBeat, NarrationSink } from './game-master';
import { readPlayerWords, type Intent, type PlayerWords } from './player-words';

/**
 * The default game master: no model, no network. It writes each beat from the world's own content
 * and what the player wrote (the verb, and the places, people and things it names), with phrasing
 * varied by the campaign seed — the same seed gives the same beat, and a whole campaign is playable
 * offline. It never repeats the place description the screen already shows, and its changes go
 * through the same rules as any model's.
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

type Character = CampaignWorld['characters'][number];
type Item = NonNullable<CampaignWorld['items']>[number];

const OPENINGS = ['The party first meets in {place}, strangers with the same bad feeling.', 'Night is settling over {place} when the party gathers.', 'It is market day, and {place} is where the party finds each other.'];
const ARRIVALS = ['Before long the party stands in {target}.', '{from} falls behind; {target} closes around the party.', 'The way to {target} is short and steep, and then they are there.'];
const ARRIVALS_BY_VOTE = ['The party sets off for {target}.', 'So it is {target}: the party leaves {from} behind.'];
const NO_DESTINATION = ['{actor} looks for a way on, but names no place to go; {place} keeps them a while longer.'];
const TALKS = ['{character} hears {actor} out.', '{character} turns at the sound of {actor}\u2019s voice.', 'It takes {character} a moment to answer.'];
const LOOKS = ['{actor} takes a long look at {thing}.', 'Nothing about {thing} escapes {actor} now.'];
const TAKES = ['{actor} closes a hand around {item}.', 'Quietly, {item} changes hands: {actor} has it now.'];
const USES = ['{actor} holds up {item}, and the air in {place} seems to tighten.', 'With {item} in hand, {actor} tries it.'];
const LACKS = ['{actor} reaches for {item}, but does not have it.'];
const FIGHTS = ['{target} steps back from {actor}, hands raised.', 'Heads turn across {place}: nobody expected {actor} to {verb}.'];
const OTHERS = ['Nobody in {place} expected anyone to {verb} just then.', 'For a moment, all of {place} watches {actor}.', 'It is a small thing, but {place} notices.'];
const ABSENT = ['{character} is not here; someone says they were last seen at {where}.'];
const ATMOSPHERE = ['A draught carries the smell of hot glass.', 'Somewhere close, something small breaks.', 'The light changes, as if a cloud crossed a lamp.', 'For a moment everyone hears their own heartbeat.'];

/** What the beat is about: who acted, how, and what they named. */
interface Beat {
  request: BeatRequest;
  random: () => number;
  actor: string;
  intent: Intent;
  verb: string | null;
  named: { characters: Character[]; items: Item[] };
  parts: string[];
  changes: unknown[];
  dialogue: BeatOutput['dialogue'];
  location: string;
  present: string[];
}

function writeBeat(request: BeatRequest): BeatOutput {
  const { world, scene, prompt } = request;
  const promptKey = prompt.kind === 'action' ? prompt.text : prompt.kind === 'choice' ? prompt.choiceId : '';
  const random = seededRandom(mixSeed(request.seed, request.beat, prompt.kind, promptKey));
  const beat: Beat = { request, random, actor: 'The party', intent: 'other', verb: null, named: { characters: [], items: [] }, parts: [], changes: [], dialogue: [], location: scene.location, present: scene.present };

  if (prompt.kind === 'opening') {
    beat.parts.push(world.setting, say(beat, OPENINGS, {}));
  } else if (prompt.kind === 'action') {
    const words = readPlayerWords(world, prompt.text, prompt.playerName ?? 'Someone');
    Object.assign(beat, { actor: prompt.playerName ?? 'Someone', intent: words.intent, verb: words.verb, named: { characters: words.characters, items: words.items } });
    beat.parts.push(words.retold ?? `${beat.actor}: \u201c${trimAction(prompt.text)}\u201d`);
    respondToAction(beat, words, prompt.playerId);
  } else {
    if (prompt.vote) beat.parts.push(prompt.vote);
    respondToChoice(beat, prompt.choiceId);
  }

  for (const entry of triggeredLore(world, [promptKey]).slice(0, 1)) beat.parts.push(entry.text);
  speak(beat);
  questsAndFinds(beat);
  return { narrative: beat.parts.filter(Boolean).join(' '), dialogue: beat.dialogue, choices: offlineChoices(world, beat.location, beat.present, random), state_changes: beat.changes };
}

function respondToAction(beat: Beat, words: PlayerWords, playerId: string): void {
  const { world, scene } = beat.request;
  const destination = words.locations.find((l) => l.id !== scene.location);
  const place = placeName(beat);
  if (destination && (words.intent === 'move' || words.intent === 'other')) return moveTo(beat, destination.id, ARRIVALS);
  if (words.intent === 'move') beat.parts.push(say(beat, NO_DESTINATION, { place }));
  for (const character of words.characters.filter((c) => !scene.present.includes(c.id)).slice(0, 1)) {
    beat.parts.push(say(beat, ABSENT, { character: character.name, where: locationOf(world, character.location ?? '')?.name ?? 'somewhere else in town' }));
  }
  const here = words.characters.find((c) => scene.present.includes(c.id));
  const item = words.items[0];
  const carried = beat.request.party.find((p) => p.id === playerId)?.inventory ?? [];
  switch (words.intent) {
    case 'talk':
      if (here) beat.parts.push(say(beat, TALKS, { character: here.name }));
      break;
    case 'look':
      beat.parts.push(say(beat, LOOKS, { thing: item?.name ?? here?.name ?? words.locations[0]?.name ?? place }));
      break;
    case 'take':
      if (item && !carried.includes(item.id)) {
        beat.changes.push({ type: 'give_item', player: playerId, item: item.id });
        beat.parts.push(say(beat, TAKES, { item: item.name }));
      } else if (item) beat.parts.push(`${beat.actor} already has ${item.name}.`);
      break;
    case 'use':
      if (item) beat.parts.push(say(beat, carried.includes(item.id) ? USES : LACKS, { item: item.name, place }));
      else beat.parts.push(say(beat, OTHERS, { place, verb: words.verb ?? 'act' }));
      break;
    case 'fight':
      beat.parts.push(say(beat, FIGHTS, { target: here?.name ?? 'Everyone near', place, verb: words.verb ?? 'fight' }));
      break;
    default:
      if (words.intent !== 'move') beat.parts.push(say(beat, OTHERS, { place, verb: words.verb ?? 'act' }));
  }
}

function respondToChoice(beat: Beat, choiceId: string): void {
  const { world, scene } = beat.request;
  if (choiceId.startsWith('go-') && locationOf(world, choiceId.slice(3))) return moveTo(beat, choiceId.slice(3), ARRIVALS_BY_VOTE);
  const character = choiceId.startsWith('talk-') ? characterOf(world, choiceId.slice(5)) : undefined;
  if (character && scene.present.includes(character.id)) {
    beat.intent = 'talk';
    beat.named.characters = [character];
    beat.parts.push(say(beat, TALKS, { character: character.name }));
  } else {
    beat.intent = 'look';
    beat.parts.push(say(beat, LOOKS, { thing: placeName(beat) }));
  }
}

/** The party goes to `locationId`: a move the rules will check, and whoever is there. */
function moveTo(beat: Beat, locationId: string, phrases: string[]): void {
  const { world } = beat.request;
  const from = placeName(beat);
  beat.changes.push({ type: 'move', location: locationId });
  beat.location = locationId;
  beat.present = world.characters.filter((c) => c.location === locationId).map((c) => c.id);
  beat.intent = 'move';
  beat.parts.push(say(beat, phrases, { from, target: locationOf(world, locationId)?.name ?? locationId }));
}

/** A character answers: the one the player named (if here), else someone present; their line is about what was named. */
function speak(beat: Beat): void {
  const { world } = beat.request;
  const played = new Set(beat.request.party.map((p) => p.character));
  const free = beat.present.filter((id) => !played.has(id));
  const named = beat.named.characters.find((c) => free.includes(c.id));
  const speaker = named ?? characterOf(world, pick(beat.random, free) ?? '');
  if (!speaker) {
    beat.parts.push(pick(beat.random, ATMOSPHERE)!);
    return;
  }
  const item = beat.named.items[0];
  const quest = beat.request.scene.quests[0] ? questOf(world, beat.request.scene.quests[0]) : undefined;
  const lines = item
    ? [`${item.name}? Where did you hear about that?`, `Careful with talk of ${item.name}. People here listen.`]
    : beat.intent === 'fight'
      ? ['Put that away. Nobody here is your enemy. Yet.', 'Try that again and the whole street will be on you.']
      : beat.intent === 'move'
        ? [`You came to ${placeName(beat)} for a reason. Out with it.`, 'Strangers, this far in? Something must be wrong.']
        : [
            'You are not from here. Good. Locals stopped asking the right questions years ago.',
            quest ? `If you mean to see "${quest.title}" through, start before the light goes.` : 'Ask what you came to ask.',
            'Everything in this town has a price. Some of them are paid later.',
          ];
  beat.dialogue.push({ character: speaker.name, text: pick(beat.random, lines)! });
}

/** The first beat sets the party a quest; later, now and then, one is solved or something found. */
function questsAndFinds(beat: Beat): void {
  const request = beat.request;
  const { world, scene, prompt } = request;
  const open = world.quests.filter((q) => !scene.quests.includes(q.id) && !scene.completed.includes(q.id));
  if (prompt.kind === 'opening' || (scene.quests.length === 0 && open.length > 0)) {
    const quest = open[0];
    if (quest) {
      beat.changes.push({ type: 'quest_start', quest: quest.id });
      beat.parts.push(`A task takes shape: ${quest.title}. ${quest.description}`);
    }
  } else if (request.beat % 5 === 0 && scene.quests[0]) {
    beat.changes.push({ type: 'quest_complete', quest: scene.quests[0] });
    beat.parts.push(`At last, "${questOf(world, scene.quests[0])?.title ?? scene.quests[0]}" is resolved.`);
  }
  if (prompt.kind !== 'action') return;
  const actor = request.party.find((p) => p.id === prompt.playerId);
  const gives = beat.changes.some((c) => (c as { type: string }).type === 'give_item');
  if (actor && !gives && beat.intent === 'look' && request.beat % 3 === 0) {
    const item = pick(beat.random, (world.items ?? []).filter((i) => !actor.inventory.includes(i.id)));
    if (item) {
      beat.changes.push({ type: 'give_item', player: actor.id, item: item.id });
      beat.parts.push(`${actor.name} finds ${item.name}.`);
    }
  }
  if (request.beat % 4 === 0) beat.changes.push({ type: 'stat', player: prompt.playerId, stat: 'nerve', delta: (actor?.stats.nerve ?? 3) < 5 ? 1 : -1 });
}

function offlineChoices(world: CampaignWorld, location: string, present: string[], random: () => number): BeatOutput['choices'] {
  const choices: BeatOutput['choices'] = [];
  const destination = pick(random, world.locations.filter((l) => l.id !== location));
  if (destination) choices.push({ id: `go-${destination.id}`, text: `Head for ${destination.name}` });
  const character = characterOf(world, pick(random, present) ?? '');
  if (character) choices.push({ id: `talk-${character.id}`, text: `Talk to ${character.name}` });
  choices.push({ id: 'search', text: 'Search the place carefully' });
  return choices;
}

const placeName = (beat: Beat) => locationOf(beat.request.world, beat.location)?.name ?? 'the road';

function say(beat: Beat, templates: string[], values: Record<string, string>): string {
  const filled = fill(pick(beat.random, templates)!, { actor: beat.actor, place: placeName(beat), ...values });
  return filled.charAt(0).toUpperCase() + filled.slice(1);
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
