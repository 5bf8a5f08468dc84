import { z } from 'zod';
import { codedValue } from './coded-value';
import { choiceSourceSchema } from './option-schema';
import { assetPath, nonEmpty } from './schema-primitives';
import { timelineStepSchema } from './timeline-schema';

// Source format for stories (DESIGN.md §5, FORMAT.md). Objects are passthrough: extensions are
// additive, and an older pipeline must not strip keys that a newer client understands (the one
// exception, conditions, explains itself in condition-schema.ts). Types, required fields and
// single-value limits (with their own lint codes, see coded-value.ts) are enforced here; rules
// that relate values to each other (links, reachability, characters, moods, uniqueness,
// assets) live in rules/.

export * from './timeline-schema';
export * from './condition-schema';
export * from './option-schema';

export const STORY_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const COLOR_PATTERN = /^#[0-9a-fA-F]{6}$/;

const storyId = codedValue<string>(
  'BAD_STORY_ID',
  (v) => typeof v === 'string' && STORY_ID_PATTERN.test(v),
  'must be a slug: lowercase letters, digits and dashes, at most 64, not starting with a dash',
);

// The _id becomes a file name of the built bundle (and a URL segment), so it must not be able
// to name a folder or climb out of one. Deliberately loose otherwise: seed documents use many styles.
const chapterId = codedValue<string>(
  'BAD_CHAPTER_ID',
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  (v) => typeof v === 'string' && v.length > 0 && v.length <= 128 && !/[/\\\u0000-\u001f\u007f]/.test(v) && !v.startsWith('.'),
  'must be usable as a file name: 1 to 128 characters, no "/", "\\" or control characters, not starting with "."',
);

const chapterNumber = codedValue<number>(
  'BAD_CHAPTER_NUMBER',
  (v) => typeof v === 'number' && Number.isInteger(v) && v > 0,
  'must be a positive whole number',
);

const isoDate = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}([T ].*)?$/.test(s) && !Number.isNaN(Date.parse(s)), 'must be an ISO date such as 2025-01-31');

export const characterDefSchema = z
  .object({
    displayName: z.string().optional(),
    color: z.string().regex(COLOR_PATTERN, 'must be a colour written as #rrggbb, e.g. #e8b04a').optional(),
    /** mood → asset path */
    sprites: z.record(nonEmpty, assetPath).optional(),
    /** A key of `sprites` (checked by the linter): shown by a `show` step that names no mood. */
    defaultMood: nonEmpty.optional(),
  })
  .passthrough();

/** The player's character: the name shown for `{name}` until the player picks one (when nameable). */
export const protagonistSchema = z
  .object({
    defaultName: z.string().trim().min(1, 'must not be empty').max(24, 'must be at most 24 characters'),
    nameable: z.boolean().default(false),
  })
  .passthrough();

/** An outfit of the wardrobe: free without a cost, else bought once with diamonds; `sprite` is the protagonist wearing it. */
export const outfitSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be a lowercase id (letters, digits, - and _)'),
    name: nonEmpty,
    cost: z.number().int('must be a whole number').min(0, 'must be 0 or more').max(1000, 'must be at most 1000').optional(),
    sprite: assetPath.optional(),
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
    /** flag id → what a player reads for it at a chapter's end ("Found Iris's letter"); unlabeled flags are not shown. */
    flags: z.record(nonEmpty, nonEmpty).optional(),
    protagonist: protagonistSchema.optional(),
    outfits: z.array(outfitSchema).optional(),
  })
  .passthrough();

/** Names the ending the player reached; only on an `end: true` scene (checked in rules/scene-exits.ts). */
export const sceneEndingSchema = z
  .object({
    title: nonEmpty,
    text: z.string().optional(),
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
    ending: sceneEndingSchema.optional(),
    /** The scene asks the player to name their character (story.json `protagonist.nameable`). */
    nameEntry: z.boolean().optional(),
    /** The scene offers the story's `outfits`. */
    wardrobe: z.boolean().optional(),
  })
  .passthrough();

export const chapterSourceSchema = z
  .object({
    _id: chapterId,
    storyId: nonEmpty,
    chapterNumber,
    title: z.string().optional(),
    startSceneId: nonEmpty.optional(),
    scenes: z.record(sceneSourceSchema),
  })
  .passthrough();

export type CharacterDef = z.infer<typeof characterDefSchema>;
export type StoryManifest = z.infer<typeof storyManifestSchema>;
export type Protagonist = z.infer<typeof protagonistSchema>;
export type Outfit = z.infer<typeof outfitSchema>;
export type SceneEnding = z.infer<typeof sceneEndingSchema>;
export type SceneSource = z.infer<typeof sceneSourceSchema>;
export type ChapterSource = z.infer<typeof chapterSourceSchema>;
