import type { AllowanceOutcome } from '../campaign-services';
import { playerOf, type CampaignEvent, type CampaignModel } from './model';

/** Why a command was refused: the REST error shape's code, message and details. */
export interface CommandRefusal {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/** Another seat a host command points at, as the room's seats know it (null: no such seat). */
export interface CommandTarget {
  playerId: string;
  connected: boolean;
}

/**
 * A player's game command, with what the room knows about it: `paid` is whether this player's
 * allowance was already taken this beat (changing a vote is free), a target is resolved to its seat.
 */
export type CampaignCommand =
  | { type: 'start'; playerId: string }
  | { type: 'action'; playerId: string; text: string }
  | { type: 'vote'; playerId: string; choiceId: string; paid: boolean }
  | { type: 'kick'; playerId: string; target: CommandTarget | null }
  | { type: 'handover'; playerId: string; target: CommandTarget | null };

export type Decision =
  | { kind: 'refused'; refusal: CommandRefusal }
  /** Ask the meter for one turn of `playerId`'s allowance, then decide again with its answer. */
  | { kind: 'needs-allowance'; playerId: string }
  /** Commit these events in order; `charged` when this command spent the player's allowance. */
  | { kind: 'accepted'; events: CampaignEvent[]; charged: boolean };

/** What `decide` may ask about the room: the seat a player sits in (for the NOT_YOUR_TURN details). */
export interface CommandTable {
  seatOf(playerId: string): string | undefined;
}

/**
 * The campaign's command rules, pure: given the model and a command, the events to commit or a
 * refusal. Host-only commands, turn order, phase and mode, choices and targets are checked here;
 * the allowance is the one answer that needs I/O, so the room asks the meter when told to and
 * decides again with its `allowance` outcome.
 */
export function decide(model: CampaignModel, command: CampaignCommand, table: CommandTable): Decision;
export function decide(model: CampaignModel, command: CampaignCommand, table: CommandTable, allowance: AllowanceOutcome): Exclude<Decision, { kind: 'needs-allowance' }>;
export function decide(model: CampaignModel, command: CampaignCommand, table: CommandTable, allowance?: AllowanceOutcome): Decision {
  switch (command.type) {
    case 'start':
      if (command.playerId !== model.hostId) return refused({ code: 'NOT_HOST', message: 'Only the host can start the campaign' });
      if (model.phase !== 'lobby') return refused({ code: 'ALREADY_STARTED', message: 'The campaign has already started' });
      return accepted([{ type: 'started' }]);
    case 'action': {
      if (model.mode !== 'turns') return refused({ code: 'WRONG_MODE', message: 'This campaign is played by vote: vote for one of the choices' });
      const phase = phaseRefusal(model, 'acting');
      if (phase) return refused(phase);
      if (model.turn !== command.playerId) {
        const name = playerOf(model, model.turn ?? '')?.name ?? 'someone else';
        return refused({ code: 'NOT_YOUR_TURN', message: `It is ${name}'s turn`, details: { turn: (model.turn && table.seatOf(model.turn)) ?? '' } });
      }
      return charge(command.playerId, allowance, [{ type: 'action', playerId: command.playerId, text: command.text }]);
    }
    case 'vote': {
      if (model.mode !== 'vote') return refused({ code: 'WRONG_MODE', message: 'This campaign is played in turns: act when it is your turn' });
      const phase = phaseRefusal(model, 'voting');
      if (phase) return refused(phase);
      if (!model.choices.some((c) => c.id === command.choiceId)) return refused({ code: 'INVALID_CHOICE', message: `"${command.choiceId}" is not one of the choices`, details: { choices: model.choices.map((c) => c.id) } });
      const events: CampaignEvent[] = [{ type: 'voted', playerId: command.playerId, choiceId: command.choiceId }];
      return command.paid ? accepted(events) : charge(command.playerId, allowance, events);
    }
    case 'kick':
      if (command.playerId !== model.hostId) return refused({ code: 'NOT_HOST', message: 'Only the host can remove players' });
      if (command.target === null) return refused(noSuchPlayer);
      if (command.target.playerId === command.playerId) return refused({ code: 'INVALID_TARGET', message: 'The host cannot remove themselves; leave instead' });
      return accepted([{ type: 'left', playerId: command.target.playerId, kicked: true }]);
    case 'handover':
      if (command.playerId !== model.hostId) return refused({ code: 'NOT_HOST', message: 'Only the host can hand over' });
      if (command.target === null || !command.target.connected) return refused(noSuchPlayer);
      return accepted([{ type: 'host', playerId: command.target.playerId }]);
  }
}

/** Why a player cannot act or vote in the campaign's phase (null when it is `wanted`). */
export function phaseRefusal(model: CampaignModel, wanted: 'acting' | 'voting'): CommandRefusal | null {
  switch (model.phase) {
    case wanted:
      return null;
    case 'lobby':
      return { code: 'NOT_STARTED', message: 'The host has not started the campaign yet' };
    case 'narrating':
      return { code: 'NARRATING', message: 'The game master is still telling the last beat; wait for it' };
    case 'ended':
      return { code: 'CAMPAIGN_ENDED', message: 'This campaign has ended' };
    default:
      return { code: 'WRONG_PHASE', message: `The campaign is ${model.phase}` };
  }
}

const noSuchPlayer: CommandRefusal = { code: 'NO_SUCH_PLAYER', message: 'That player is not here' };

function charge(playerId: string, allowance: AllowanceOutcome | undefined, events: CampaignEvent[]): Decision {
  if (allowance === undefined) return { kind: 'needs-allowance', playerId };
  if (!allowance.ok) {
    return refused({
      code: 'TURN_ALLOWANCE_EXHAUSTED',
      message: `You have used all ${allowance.limit} turns of today's allowance; it renews at ${allowance.resetsAt}`,
      details: { used: allowance.used, limit: allowance.limit, resetsAt: allowance.resetsAt },
    });
  }
  return { kind: 'accepted', events, charged: true };
}

const refused = (refusal: CommandRefusal): Decision => ({ kind: 'refused', refusal });
const accepted = (events: CampaignEvent[]): Decision => ({ kind: 'accepted', events, charged: false });
