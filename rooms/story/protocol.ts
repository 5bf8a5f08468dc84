/**
 * The `story` room's protocol, shared by the server, the web client and the load tests.
 *
 *   client.create('story', { storyId, chapterId? })   with client.auth.token = accessToken
 *   → state: StoryState
 *   send('advance', {})              leave a scene that has no choice
 *   send('choose', { choiceId })     pick one of state.choices
 *   ← 'error' { error: { code, message, details, request_id } }   a refusal; state is unchanged
 */
import { z } from 'zod';
import { ROOM_ERROR_MESSAGE } from '../shared/room-error';

export type { RoomErrorMessage } from '../shared/room-error';
import { storableString } from '../shared/storable-text';

export const STORY_ROOM = 'story';

export const StoryMessage = {
  advance: 'advance',
  choose: 'choose',
  error: ROOM_ERROR_MESSAGE,
} as const;

export const joinOptionsSchema = z.object({
  storyId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a story id'),
  chapterId: storableString(z.string().min(1).max(128)).optional(),
});
export type StoryJoinOptions = z.infer<typeof joinOptionsSchema>;

export const advanceSchema = z.object({}).strict();
export type AdvanceMessage = z.infer<typeof advanceSchema>;

export const chooseSchema = z.object({ choiceId: storableString(z.string().min(1).max(128)) }).strict();
export type ChooseMessage = z.infer<typeof chooseSchema>;
