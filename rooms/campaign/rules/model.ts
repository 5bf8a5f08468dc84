import { mixSeed, seededRandom, pick } from './random';
import type { RejectedChange, RulesView, StateChange, StatName } from './state-changes';
import { charactersAt, startLocation, type CampaignWorld } from './world';

/**
 * The campaign as pure data, and the queries on it. Every event the room decides (a join, an
 * action, a vote, a narrated beat…) is persisted in order and folded by `applyEvent`
 * (apply-event.ts), so replaying the log rebuilds exactly the same campaign, and a prefix of it forks one.
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

export const partyOf = (model: CampaignModel): PlayerSheet[] => model.players.filter((p) => p.inParty);
export const playerOf = (model: CampaignModel, id: string): PlayerSheet | undefined => model.players.find((p) => p.id === id);

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
