import { z } from 'zod';
import { codedValue } from './coded-value';

// Source format for stories (DESIGN.md §5). Objects are passthrough: extensions such as
// relationship effects or conditions are additive, and an older pipeline must not strip
// keys that a newer client understands. Types, required fields and single-value limits
// (with their own lint codes, see coded-value.ts) are enforced here; rules that relate values
// to each other (links, reachability, uniqueness, assets) live in rules/.

export const STORY_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const MAX_OPTION_COST = 1000;

const storyId = codedValue<string>(
  'BAD_STORY_ID',
  (v) => typeof v === 'string' && STORY_ID_PATTERN.test(v),
  'must be a slug: lowercase letters, digits and dashes, at most 64, not starting with a dash',
);

const chapterNumber = codedValue<number>(
  'BAD_CHAPTER_NUMBER',
  (v) => typeof v === 'number' && Number.isInteger(v) && v > 0,
  'must be a positive whole number',
);

// Above MAX_OPTION_COST a price is far more likely a typo than a real offer.
const diamondCost = codedValue<number>(
  'BAD_COST',
  (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_OPTION_COST,
  `must be a whole number of diamonds from 0 to ${MAX_OPTION_COST}`,
);

const isoDate = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}([T ].*)?$/.test(s) && !Number.isNaN(Date.parse(s)), 'must be an ISO date such as 2025-01-31');

/** Relative to the story folder; existence and safety are checked by the linter, which knows the folder. */
const assetPath = z.string().min(1);
const nonEmpty = z.string().min(1);

export const characterDefSchema = z
  .object({
    displayName: z.string().optional(),
    color: z.string().optional(),
    /** mood → asset path */
    sprites: z.record(assetPath).optional(),
  })
  .passthrough();

export const storyManifestSchema = z
  .object({
    id: storyId,
    title: nonEmpty,
    description: z.string(),
    genre: nonEmpty,
    cover: assetPath.optional(),
    /** Keyed by the speaker names the timelines use. Without it any speaker is accepted. */
    characters: z.record(characterDefSchema).optional(),
    publishedAt: isoDate.optional(),
  })
  .passthrough();

export const dialogueStepSchema = z
  .object({
    type: z.literal('dialogue'),
    character: nonEmpty,
    text: z.string(),
    mood: nonEmpty.optional(),
  })
  .passthrough();

// A union of one for now: new step kinds (narration, effects…) are added here, and until
// then an unknown type is a schema error rather than something silently skipped.
export const timelineStepSchema = z.discriminatedUnion('type', [dialogueStepSchema]);

export const optionSourceSchema = z
  .object({
    id: nonEmpty,
    text: nonEmpty,
    nextSceneId: nonEmpty,
    cost: diamondCost.optional(),
    flag: nonEmpty.optional(),
  })
  .passthrough();

export const choiceSourceSchema = z
  .object({
    prompt: z.string(),
    options: z.array(optionSourceSchema),
  })
  .passthrough();

export const sceneSourceSchema = z
  .object({
    background: assetPath.optional(),
    music: assetPath.optional(),
    timeline: z.array(timelineStepSchema).default([]),
    nextSceneId: nonEmpty.optional(),
    choice: choiceSourceSchema.optional(),
    end: z.boolean().optional(),
  })
  .passthrough();

export const chapterSourceSchema = z
  .object({
    _id: nonEmpty,
    storyId: nonEmpty,
    chapterNumber,
    title: z.string().optional(),
    startSceneId: nonEmpty.optional(),
    scenes: z.record(sceneSourceSchema),
  })
  .passthrough();

export type CharacterDef = z.infer<typeof characterDefSchema>;
export type StoryManifest = z.infer<typeof storyManifestSchema>;
export type DialogueStep = z.infer<typeof dialogueStepSchema>;
export type TimelineStep = z.infer<typeof timelineStepSchema>;
export type OptionSource = z.infer<typeof optionSourceSchema>;
export type ChoiceSource = z.infer<typeof choiceSourceSchema>;
export type SceneSource = z.infer<typeof sceneSourceSchema>;
export type ChapterSource = z.infer<typeof chapterSourceSchema>;
