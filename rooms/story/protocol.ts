/**
 * The `story` room's protocol, shared by the server, the web client and the load tests.
 *
 *   client.create('story', { storyId, chapterId? })   with client.auth.token = accessToken
 *   client.create('story', { storyId, chapterId, preview: true })   the story's writer plays the
 *     chapter's draft (or latest version): nothing saved, no key spent, premium choices free;
 *     anyone else is refused NOT_YOUR_STORY
 *   → state: StoryState
 *   send('advance', {})              leave a scene that has no choice
 *   send('choose', { choiceId })     pick one of state.choices
 *   send('name', { name })           name the character where state.asksName (INVALID_NAME, NAME_NOT_ASKED)
 *   send('wear', { outfitId })       wear one of the bundle's outfits where state.wardrobe: a premium one
 *                                    is bought once (INSUFFICIENT_DIAMONDS), free or owned ones cost
 *                                    nothing (UNKNOWN_OUTFIT, WARDROBE_CLOSED)
 *   send('next', {})                 at a chapter's end (state.nextChapterId set), open the next chapter in
 *                                    this same room: its key is spent as on a join (NO_KEYS and
 *                                    CHAPTER_LOCKED leave the session locked; `advance` tries again);
 *                                    anywhere else NO_NEXT_CHAPTER
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
  name: 'name',
  wear: 'wear',
  next: 'next',
  error: ROOM_ERROR_MESSAGE,
} as const;

export const joinOptionsSchema = z
  .object({
    storyId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a story id'),
    chapterId: storableString(z.string().min(1).max(128)).optional(),
    /** The writer's preview of one chapter (needs chapterId). */
    preview: z.boolean().optional(),
  })
  .refine((options) => options.preview !== true || options.chapterId !== undefined, { message: 'is required for a preview', path: ['chapterId'] });
export type StoryJoinOptions = z.infer<typeof joinOptionsSchema>;

export const advanceSchema = z.object({}).strict();
export type AdvanceMessage = z.infer<typeof advanceSchema>;

export const nextSchema = z.object({}).strict();
export type NextMessage = z.infer<typeof nextSchema>;

export const chooseSchema = z.object({ choiceId: storableString(z.string().min(1).max(128)) }).strict();
export type ChooseMessage = z.infer<typeof chooseSchema>;

/** Checked by the rules after trimming (INVALID_NAME); the schema only bounds the frame. */
export const nameSchema = z.object({ name: storableString(z.string().max(200)) }).strict();
export type NameMessage = z.infer<typeof nameSchema>;

export const wearSchema = z.object({ outfitId: storableString(z.string().min(1).max(64)) }).strict();
export type WearMessage = z.infer<typeof wearSchema>;
