import { z } from 'zod';
import type { BeatRecord, CampaignMode, PendingBeat, SceneModel, Usage } from '../rules/model';
import type { CampaignWorld } from '../rules/world';

/** Everything a game master is told for one beat (built by `beatRequest`). */
export interface BeatRequest {
  world: CampaignWorld;
  mode: CampaignMode;
  seed: number;
  /** The beat being narrated (1 for the opening). */
  beat: number;
  scene: SceneModel;
  /** `character`: the world character the player plays (the narrator never speaks for them), or null. */
  party: { id: string; name: string; character: string | null; stats: Record<string, number>; inventory: string[] }[];
  /** What to narrate: the opening, a player's action, or the party's chosen option. */
  prompt: PendingBeat & { playerName?: string };
  recent: BeatRecord[];
  summary: string;
  /** Lore entries whose keywords appear in the action, the scene or the recent beats. */
  lore: CampaignWorld['lore'];
}

/** The structured output every provider must produce; `state_changes` are checked by the rules later. */
export const beatOutputSchema = z.object({
  narrative: z.string().trim().min(1).max(6000),
  dialogue: z.array(z.object({ character: z.string().min(1).max(80), text: z.string().min(1).max(1000) })).max(12).default([]),
  choices: z.array(z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,47}$/), text: z.string().min(1).max(200) })).max(6).default([]),
  /** Left unparsed here: each change is validated, and refused or applied, on its own. */
  state_changes: z.array(z.unknown()).max(40).default([]),
});
export type BeatOutput = z.infer<typeof beatOutputSchema>;

export interface NarratedBeat {
  output: BeatOutput;
  /** Which provider produced it (e.g. "openai:gpt-4o-mini", "offline"). */
  provider: string;
  usage: Usage | null;
}

export interface NarrationSink {
  /** A piece of narration as it arrives. */
  chunk(text: string): void;
  /** An attempt failed after streaming some text: the next chunks start the beat again. */
  restart(): void;
}

/**
 * One game master. `narrate` streams narration through `sink` as it is written and resolves
 * with the whole validated beat; it rejects on failure or when `signal` aborts.
 */
export interface GameMaster {
  readonly name: string;
  narrate(request: BeatRequest, sink: NarrationSink, signal: AbortSignal): Promise<NarratedBeat>;
}
