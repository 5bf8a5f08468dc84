/**
 * The `campaign` room's protocol, shared by the server, the web client and the tests.
 *
 *   client.create('campaign', { worldId, mode: 'turns'|'vote', seed?, seats?, name?, character? })   (client.auth.token = accessToken)
 *   client.joinById(code, { name?, character? })   the room id is the invite code (state.code)
 *     name: 1–24 letters, spaces, apostrophes, hyphens (else INVALID_NAME); character: a world
 *     character's id nobody else plays (else INVALID_CHARACTER / CHARACTER_TAKEN), absent: their own
 *   → state: CampaignState
 *   send('start', {})            host: leave the lobby; the game master narrates the opening
 *   send('action', { text })     turns mode: the player whose turn it is acts
 *   send('vote', { choiceId })   vote mode: vote for one of state.choices (again to change it)
 *   send('chat', { text })       party chat, broadcast as 'chat'
 *   send('typing', { typing }), send('ready', { ready })   presence
 *   send('kick', { sessionId })  host: remove a player (they cannot join again)
 *   send('handover', { sessionId })  host: make another player the host
 *   ← 'story:chunk' { beat, text, restart? }   narration as it streams (restart: drop this beat's earlier chunks)
 *   ← 'story:complete' { beat, narrative, dialogue, choices }
 *   ← 'chat' { from, name, text, at }
 *   ← 'error' { error: { code, message, details, request_id } }   a refusal; state is unchanged
 */
import { z } from 'zod';
import type { RoomErrorMessage } from '../shared/room-error';
import { storableString } from '../shared/storable-text';

export const CAMPAIGN_ROOM = 'campaign';

export const CampaignMessage = {
  start: 'start',
  action: 'action',
  vote: 'vote',
  chat: 'chat',
  typing: 'typing',
  ready: 'ready',
  kick: 'kick',
  handover: 'handover',
  chunk: 'story:chunk',
  complete: 'story:complete',
  error: 'error',
} as const;

export const CAMPAIGN_MODES = ['turns', 'vote'] as const;

export const createOptionsSchema = z.object({
  /** Required for a new campaign; a resume or fork takes both from the log. */
  worldId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a world id').optional(),
  mode: z.enum(CAMPAIGN_MODES).optional(),
  seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
  seats: z.number().int().min(2).max(6).optional(),
  /** The name shown to the party (default "Player N"); checked by checkDisplayName (INVALID_NAME). */
  name: z.unknown().optional(),
  /** The world character the host plays (an id of the world's characters); absent: their own. */
  character: z.unknown().optional(),
  /** Host only: pick up a campaign from its log (after a restart), under the same code. */
  resume: z.string().regex(/^[A-Z0-9]{4,12}$/).optional(),
  /** Host only: fork a new campaign from another's log, up to and including beat `atBeat`. */
  fork: z.object({ code: z.string().regex(/^[A-Z0-9]{4,12}$/), atBeat: z.number().int().min(0) }).optional(),
}).superRefine((options, ctx) => {
  if (options.resume || options.fork) return;
  if (!options.worldId) ctx.addIssue({ code: 'custom', path: ['worldId'], message: 'is required for a new campaign' });
  if (!options.mode) ctx.addIssue({ code: 'custom', path: ['mode'], message: 'is required for a new campaign (turns or vote)' });
});
export type CampaignCreateOptions = z.infer<typeof createOptionsSchema>;

/** Options of `joinById(code, options)`. */
export const joinOptionsSchema = z.object({ name: z.unknown().optional(), character: z.unknown().optional() }).passthrough();

export const emptySchema = z.object({}).strict();
export const actionSchema = z.object({ text: storableString(z.string().trim().min(1, 'must not be empty').max(500)) }).strict();
export const voteSchema = z.object({ choiceId: storableString(z.string().min(1).max(64)) }).strict();
export const chatSchema = z.object({ text: storableString(z.string().trim().min(1, 'must not be empty').max(500)) }).strict();
export const typingSchema = z.object({ typing: z.boolean() }).strict();
export const readySchema = z.object({ ready: z.boolean() }).strict();
export const targetSchema = z.object({ sessionId: storableString(z.string().min(1).max(64)) }).strict();

export interface StoryChunkMessage {
  beat: number;
  text: string;
  /** True on the first chunk after a provider failed mid-beat: forget this beat's earlier chunks. */
  restart?: boolean;
}
export interface StoryCompleteMessage {
  beat: number;
  narrative: string;
  dialogue: { character: string; text: string }[];
  choices: { id: string; text: string }[];
}
export interface ChatMessage {
  from: string;
  name: string;
  text: string;
  at: number;
}

/** The web client's name for the kit's error shape (DESIGN.md §4), sent as the `error` message. */
export type CampaignErrorMessage = RoomErrorMessage;
