import { z } from 'zod';
import { conditionSchema } from './condition-schema';
import { nonEmpty, paragraphIdSchema } from './schema-primitives';

// What a scene shows, in order. Steps are a closed set: an unknown `type` is a schema error
// rather than something a client silently skips (a skipped line changes the story).

export const STAGE_POSITIONS = ['left', 'center', 'right'] as const;

export const dialogueStepSchema = z
  .object({
    type: z.literal('dialogue'),
    /** The paragraph id readers' reactions and comments attach to (FORMAT.md); derived when absent. */
    id: paragraphIdSchema.optional(),
    character: nonEmpty,
    text: z.string(),
    /** A key of the character's sprites (checked by the linter, which sees story.json). */
    mood: nonEmpty.optional(),
    /** *extension*: the line is shown only when all hold (Twine's text inside `if` hooks). */
    requires: z.array(conditionSchema).optional(),
  })
  .passthrough();

/** Text with no speaker: the narrator's voice. */
export const narrationStepSchema = z
  .object({
    type: z.literal('narration'),
    /** The paragraph id readers' reactions and comments attach to (FORMAT.md); derived when absent. */
    id: paragraphIdSchema.optional(),
    text: z.string(),
    requires: z.array(conditionSchema).optional(),
  })
  .passthrough();

/** Puts a character's sprite on stage (or changes its mood or place when already there). */
export const showStepSchema = z
  .object({
    type: z.literal('show'),
    /** The paragraph id readers' reactions and comments attach to (FORMAT.md); derived when absent. */
    id: paragraphIdSchema.optional(),
    character: nonEmpty,
    mood: nonEmpty.optional(),
    position: z.enum(STAGE_POSITIONS).optional(),
  })
  .passthrough();

export const hideStepSchema = z
  .object({
    type: z.literal('hide'),
    /** The paragraph id readers' reactions and comments attach to (FORMAT.md); derived when absent. */
    id: paragraphIdSchema.optional(),
    character: nonEmpty,
  })
  .passthrough();

export const timelineStepSchema = z.discriminatedUnion('type', [dialogueStepSchema, narrationStepSchema, showStepSchema, hideStepSchema]);

export type DialogueStep = z.infer<typeof dialogueStepSchema>;
export type NarrationStep = z.infer<typeof narrationStepSchema>;
export type ShowStep = z.infer<typeof showStepSchema>;
export type HideStep = z.infer<typeof hideStepSchema>;
export type TimelineStep = z.infer<typeof timelineStepSchema>;
export type StagePosition = (typeof STAGE_POSITIONS)[number];
