import { z } from 'zod';
import { GENRE_SLUG } from './genre-slug';
import { STORY_SORTS } from './story-sort';

// Query strings arrive as strings (or arrays/objects from qs when a key repeats); anything but the
// one expected shape is a 400. An empty value (`?genre=`) means "not given", as in the URL template.

const emptyAsAbsent = (value: unknown) => (value === '' ? undefined : value);
const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess(emptyAsAbsent, schema.optional());

const limit = z
  .string()
  .regex(/^\d{1,3}$/, 'must be a whole number from 1 to 50')
  .transform(Number)
  .pipe(z.number().int().min(1, 'must be a whole number from 1 to 50').max(50, 'must be a whole number from 1 to 50'));

const DEFAULT_PAGE_SIZE = 20;

export const listStoriesQuery = z.object({
  genre: optional(z.string().toLowerCase().regex(GENRE_SLUG, 'must be a genre slug such as "mystery"')),
  sort: z.preprocess(emptyAsAbsent, z.enum(STORY_SORTS).default('popular')),
  cursor: optional(z.string().max(512)),
  limit: z.preprocess(emptyAsAbsent, limit.optional()).transform((value) => value ?? DEFAULT_PAGE_SIZE),
});

export const storyParams = z.object({ storyId: z.string().min(1).max(64) });

export const chapterParams = z.object({ chapterId: z.string().min(1).max(128) });

/** `v` is the content hash the client believes current; anything else just gets redirected. */
export const bundleQuery = z.object({ v: z.unknown().optional() });

export const assetParams = z.object({ storyId: z.string().min(1).max(64), 0: z.string().min(1).max(1024) });
