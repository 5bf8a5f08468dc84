import type { NarratedBeat } from '../game-master/game-master';
import { rulesViewOf, type CampaignEvent, type CampaignModel } from './model';
import { checkStateChanges } from './state-changes';
import type { CampaignWorld } from './world';

export type BeatEvent = Extract<CampaignEvent, { type: 'beat' }>;

/**
 * The event a narrated beat commits: the game master's text as told, and of its proposed state
 * changes those the rules accept (`applied`) and those they refuse, with the reason (`rejected`).
 * `present(id)` says who is at the table, which some changes depend on.
 */
export function beatEvent(world: CampaignWorld, model: CampaignModel, beat: number, narrated: NarratedBeat, present: (playerId: string) => boolean): BeatEvent {
  const output = narrated.output;
  const { accepted, rejected } = checkStateChanges(world, rulesViewOf(model, present), output.state_changes);
  return {
    type: 'beat',
    beat,
    narrative: output.narrative,
    dialogue: output.dialogue,
    choices: output.choices,
    applied: accepted,
    rejected,
    provider: narrated.provider,
    usage: narrated.usage,
    actorId: model.pending?.kind === 'action' ? model.pending.playerId : null,
  };
}
