import { mixSeed, seededRandom, pick } from './random';
import { STATS, applyToView, type StatName } from './state-changes';
import { describeVote } from './vote-outcome';
import type { CampaignWorld } from './world';
import { fallbackChoices, newCampaign, nextInTurn, partyOf, playerOf, rulesViewOf, type CampaignEvent, type CampaignModel, type PlayerSheet } from './model';

/** How events move a campaign: the one reducer (`applyEvent`) and the log fold built on it (`replay`). */

/** Beats kept word for word for the game master; older ones are condensed into the summary. */
const RECENT_BEATS = 6;
const SUMMARY_CHARS = 1500;

/** Folds a whole log (which starts with `created`). */
export function replay(world: CampaignWorld, events: readonly CampaignEvent[]): CampaignModel {
  const [first, ...rest] = events;
  if (first?.type !== 'created') throw new Error('a campaign log starts with its created event');
  const model = newCampaign(world, first);
  for (const event of rest) applyEvent(world, model, event);
  return model;
}

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
