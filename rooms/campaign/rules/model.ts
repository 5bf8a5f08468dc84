import { mixSeed, seededRandom, pick } from './random';
import { applyToView, STATS, type RejectedChange, type RulesView, type StateChange, type StatName } from './state-changes';
import { describeVote } from './vote-outcome';
import { charactersAt, startLocation, type CampaignWorld } from './world';

/**
 * The campaign as pure data, and the one reducer that moves it: every event the room decides
 * (a join, an action, a vote, a narrated beat…) is persisted in order and folded by `applyEvent`,
 * so replaying the log rebuilds exactly the same campaign, and a prefix of it forks one.
 */
export type CampaignMode = 'turns' | 'vote';
export type CampaignPhase = 'lobby' | 'acting' | 'voting' | 'narrating' | 'ended';

export interface PlayerSheet {
  /** The account id: stable over reconnects, reloads and restarts. */
  id: string;
  name: string;
  /** The world character they play, or null for a character of their own. */
  character: string | null;
  /** In the party (false once they left or were kicked; joining again brings the same sheet back). */
  inParty: boolean;
  stats: Record<StatName, number>;
  inventory: string[];
  /** Private: only its owner sees it. */
  goal: string;
}

export interface SceneModel {
  location: string;
  present: string[];
  quests: string[];
  completed: string[];
}

export interface ChoiceModel {
  id: string;
  text: string;
}

export interface DialogueLine {
  character: string;
  text: string;
}

export type PendingBeat =
  | { kind: 'opening' }
  | { kind: 'action'; playerId: string; text: string }
  /** `vote`: how the vote went, in words (unanimous, a majority, or a split and who settled it). */
  | { kind: 'choice'; choiceId: string; text: string; vote?: string };

export interface BeatRecord {
  beat: number;
  /** Who acted (player name) and what they did, or the choice the party took; empty for the opening. */
  prompt: string;
  narrative: string;
}

export interface Usage {
  promptTokens: number;
  completionTokens: number;
}

export interface CampaignModel {
  worldId: string;
  mode: CampaignMode;
  seed: number;
  seats: number;
  phase: CampaignPhase;
  beat: number;
  hostId: string | null;
  players: PlayerSheet[];
  kicked: string[];
  /** Player id whose turn it is (turns mode, acting). */
  turn: string | null;
  scene: SceneModel;
  choices: ChoiceModel[];
  /** Player id → choice id (vote mode, voting). */
  votes: Record<string, string>;
  /** Voters in the order their standing vote was cast (changing a vote moves it last): the tie rule. */
  voteOrder: string[];
  /** Votes cast (or changed) this beat: each one restarts the vote timer. */
  votesCast: number;
  pending: PendingBeat | null;
  recent: BeatRecord[];
  /** Older beats, condensed: the rolling summary the game master is given. */
  summary: string;
  lastBeat: { narrative: string; dialogue: DialogueLine[]; choices: ChoiceModel[] } | null;
}

export type CampaignEvent =
  | { type: 'created'; worldId: string; mode: CampaignMode; seed: number; seats: number }
  /** `character`: the world character they chose (absent: their own, or the one they had). */
  | { type: 'joined'; playerId: string; name: string; character?: string | null }
  | { type: 'left'; playerId: string; kicked: boolean }
  | { type: 'host'; playerId: string | null }
  | { type: 'started' }
  | { type: 'action'; playerId: string; text: string }
  | { type: 'turn_skipped'; playerId: string }
  | { type: 'voted'; playerId: string; choiceId: string }
  /** `tally` and `tieBrokenBy` are absent in logs written before ties were narrated. */
  | { type: 'vote_closed'; choiceId: string; tally?: Record<string, number>; tieBrokenBy?: string | null }
  | {
      type: 'beat';
      beat: number;
      narrative: string;
      dialogue: DialogueLine[];
      choices: ChoiceModel[];
      applied: StateChange[];
      rejected: RejectedChange[];
      provider: string;
      usage: Usage | null;
      /** Who the tokens are metered to (the acting player), or null. */
      actorId: string | null;
    };

const RECENT_BEATS = 6;
const SUMMARY_CHARS = 1500;

export function newCampaign(world: CampaignWorld, created: Extract<CampaignEvent, { type: 'created' }>): CampaignModel {
  const location = startLocation(world);
  return {
    worldId: created.worldId,
    mode: created.mode,
    seed: created.seed,
    seats: created.seats,
    phase: 'lobby',
    beat: 0,
    hostId: null,
    players: [],
    kicked: [],
    turn: null,
    scene: { location, present: charactersAt(world, location), quests: [], completed: [] },
    choices: [],
    votes: {},
    voteOrder: [],
    votesCast: 0,
    pending: null,
    recent: [],
    summary: '',
    lastBeat: null,
  };
}

/** Folds a whole log (which starts with `created`). */
export function replay(world: CampaignWorld, events: readonly CampaignEvent[]): CampaignModel {
  const [first, ...rest] = events;
  if (first?.type !== 'created') throw new Error('a campaign log starts with its created event');
  const model = newCampaign(world, first);
  for (const event of rest) applyEvent(world, model, event);
  return model;
}

export const partyOf = (model: CampaignModel): PlayerSheet[] => model.players.filter((p) => p.inParty);
export const playerOf = (model: CampaignModel, id: string): PlayerSheet | undefined => model.players.find((p) => p.id === id);

/** Mutates `model` by one event. Events were validated by the room; this never refuses. */
export function applyEvent(world: CampaignWorld, model: CampaignModel, event: CampaignEvent): void {
  switch (event.type) {
    case 'created':
      return;
    case 'joined': {
      const known = playerOf(model, event.playerId);
      if (known) {
        known.inParty = true;
        known.name = event.name;
        if (event.character !== undefined) known.character = event.character;
      } else {
        model.players.push(newSheet(world, model, event.playerId, event.name, event.character ?? null));
      }
      model.hostId ??= event.playerId;
      // Everyone had left mid-game: whoever comes back first takes the turn.
      if (model.phase === 'acting' && model.turn === null) model.turn = event.playerId;
      return;
    }
    case 'left': {
      const player = playerOf(model, event.playerId);
      if (!player) return;
      player.inParty = false;
      if (event.kicked) model.kicked.push(event.playerId);
      delete model.votes[event.playerId];
      model.voteOrder = model.voteOrder.filter((id) => id !== event.playerId);
      if (model.turn === event.playerId && model.phase === 'acting') model.turn = nextInTurn(model, event.playerId);
      if (model.hostId === event.playerId) model.hostId = partyOf(model)[0]?.id ?? null;
      return;
    }
    case 'host':
      model.hostId = event.playerId;
      return;
    case 'started':
      if (model.mode === 'vote') {
        // The game master opens with a beat that offers the first choices.
        model.phase = 'narrating';
        model.pending = { kind: 'opening' };
      } else {
        // Turns: the world itself sets the scene, and the first player acts at once. The place's
        // description is on screen beside the narration already: name it, do not repeat it.
        const here = world.locations.find((l) => l.id === model.scene.location);
        model.lastBeat = { narrative: `${world.setting} ${here ? `The story begins in ${here.name}.` : ''}`.trim(), dialogue: [], choices: [] };
        model.choices = fallbackChoices(world, model);
        model.phase = 'acting';
        model.turn = partyOf(model)[0]?.id ?? null;
      }
      return;
    case 'action':
      model.phase = 'narrating';
      model.pending = { kind: 'action', playerId: event.playerId, text: event.text };
      return;
    case 'turn_skipped':
      if (model.turn === event.playerId) model.turn = nextInTurn(model, event.playerId);
      return;
    case 'voted':
      model.votes[event.playerId] = event.choiceId;
      model.voteOrder = [...model.voteOrder.filter((id) => id !== event.playerId), event.playerId];
      model.votesCast++;
      return;
    case 'vote_closed': {
      const choice = model.choices.find((c) => c.id === event.choiceId);
      const vote = event.tally ? describeVote(model, { choiceId: event.choiceId, tally: event.tally, tieBrokenBy: event.tieBrokenBy ?? null }) : undefined;
      model.phase = 'narrating';
      model.pending = { kind: 'choice', choiceId: event.choiceId, text: choice?.text ?? event.choiceId, ...(vote ? { vote } : {}) };
      clearVotes(model);
      return;
    }
    case 'beat':
      return applyBeat(world, model, event);
  }
}

function applyBeat(world: CampaignWorld, model: CampaignModel, event: Extract<CampaignEvent, { type: 'beat' }>): void {
  const view = rulesViewOf(model, () => true);
  for (const change of event.applied) applyToView(world, view, change);
  model.scene = view.scene;
  for (const player of model.players) {
    const sheet = view.players[player.id];
    if (sheet) {
      player.stats = sheet.stats;
      player.inventory = sheet.inventory;
    }
  }
  const pending = model.pending;
  const prompt = pending?.kind === 'action' ? `${playerOf(model, pending.playerId)?.name ?? 'Someone'}: ${pending.text}` : pending?.kind === 'choice' ? `The party chose: ${pending.text}` : '';
  model.recent.push({ beat: event.beat, prompt, narrative: event.narrative });
  while (model.recent.length > RECENT_BEATS) {
    const old = model.recent.shift()!;
    model.summary = condense(`${model.summary} ${firstSentence(old.narrative)}`.trim());
  }
  model.beat = event.beat;
  model.lastBeat = { narrative: event.narrative, dialogue: event.dialogue, choices: event.choices };
  model.choices = event.choices.length > 0 ? event.choices : fallbackChoices(world, model);
  clearVotes(model);
  model.pending = null;
  if (model.mode === 'vote') {
    model.phase = 'voting';
    model.turn = null;
  } else {
    model.phase = 'acting';
    model.turn = pending?.kind === 'action' ? nextInTurn(model, pending.playerId) : (partyOf(model)[0]?.id ?? null);
  }
}

/** The party member after `id` in join order (wrapping round); `id` itself if alone. */
export function nextInTurn(model: CampaignModel, id: string): string | null {
  const order = model.players;
  const at = order.findIndex((p) => p.id === id);
  for (let step = 1; step <= order.length; step++) {
    const candidate = order[(at + step) % order.length];
    if (candidate?.inParty) return candidate.id;
  }
  return null;
}

/** The rules' view of the party: sheets plus who is here (`present(id)`, e.g. connected). */
export function rulesViewOf(model: CampaignModel, present: (id: string) => boolean): RulesView {
  const players: RulesView['players'] = {};
  for (const p of model.players) players[p.id] = { present: p.inParty && present(p.id), stats: { ...p.stats }, inventory: [...p.inventory] };
  return { scene: structuredClone(model.scene), players };
}

/** Choices the rules offer when a game master offered none: go somewhere, talk to someone, press on. */
export function fallbackChoices(world: CampaignWorld, model: CampaignModel): ChoiceModel[] {
  const random = seededRandom(mixSeed(model.seed, model.beat, 'choices'));
  const elsewhere = world.locations.filter((l) => l.id !== model.scene.location);
  const choices: ChoiceModel[] = [];
  const destination = pick(random, elsewhere);
  if (destination) choices.push({ id: `go-${destination.id}`, text: `Head for ${destination.name}` });
  const someone = pick(random, model.scene.present.map((id) => world.characters.find((c) => c.id === id)).filter((c) => c !== undefined));
  if (someone) choices.push({ id: `talk-${someone.id}`, text: `Talk to ${someone.name}` });
  choices.push({ id: 'search', text: 'Search the place carefully' });
  return choices;
}

/** A new player's sheet; their private goal is a quest no one else at the table was dealt, while the world has one. */
function newSheet(world: CampaignWorld, model: CampaignModel, id: string, name: string, character: string | null): PlayerSheet {
  const random = seededRandom(mixSeed(model.seed, id));
  const dealt = new Set(model.players.map((p) => p.goal));
  const unused = world.quests.filter((q) => !dealt.has(goalOf(q)));
  const quest = pick(random, unused.length > 0 ? unused : world.quests);
  const stats = Object.fromEntries(Object.entries(STATS).map(([stat, bounds]) => [stat, bounds.start])) as Record<StatName, number>;
  return {
    id,
    name,
    character,
    inParty: true,
    stats,
    inventory: [],
    goal: quest ? goalOf(quest) : 'Privately, you want to see this through.',
  };
}

const goalOf = (quest: CampaignWorld['quests'][number]) => `Privately, you care most about "${quest.title}": ${quest.description}`;

function clearVotes(model: CampaignModel): void {
  model.votes = {};
  model.voteOrder = [];
  model.votesCast = 0;
}

function firstSentence(text: string): string {
  const match = /^.*?[.!?](\s|$)/s.exec(text);
  return (match ? match[0] : text).trim();
}

function condense(text: string): string {
  return text.length <= SUMMARY_CHARS ? text : `…${text.slice(text.length - SUMMARY_CHARS + 1)}`;
}
