import { z } from 'zod';
import { STORY_ID_PATTERN } from '../../content-pipeline';
import { toGenreSlug } from '../catalog/genre-slug';

// Request shapes of the studio routes (api/studio.ts). Unknown fields are refused rather than
// ignored: a misspelt "titel" in a PATCH would otherwise answer 200 and change nothing.

/** The `stories` columns: title varchar(200); description is text, held to what a catalog card shows. */
export const MAX_STORY_TITLE = 200;
export const MAX_STORY_DESCRIPTION = 2000;

const title = z.string().trim().min(1, 'must not be empty').max(MAX_STORY_TITLE, `must be at most ${MAX_STORY_TITLE} characters`);
const description = z.string().trim().max(MAX_STORY_DESCRIPTION, `must be at most ${MAX_STORY_DESCRIPTION} characters`);
/** Folded to a slug as the catalog folds a manifest's genre ("Science Fiction" → "science-fiction"). */
const genre = z
  .string()
  .max(100)
  .transform((value, ctx) => {
    const slug = toGenreSlug(value);
    if (slug === undefined) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be a genre such as "mystery" or "science fiction" (letters, digits, spaces or dashes; at most 32)' });
      return z.NEVER;
    }
    return slug;
  });
const storyId = z.string().regex(STORY_ID_PATTERN, 'must be a story id: lowercase letters, digits and dashes, at most 64, not starting with a dash');

export const createStoryBody = z.object({ title, description, genre, id: storyId.optional() }).strict();

export const updateStoryBody = z
  .object({ title, description, genre, cover: z.string().min(1).max(200).nullable() })
  .partial()
  .strict();

export const publishBody = z
  .object({ releaseAt: z.string().datetime({ offset: true, message: 'must be an ISO 8601 time such as 2026-12-24T18:00:00Z' }).optional() })
  .strict();

export const storyParams = z.object({ storyId });

/** As the content pipeline takes a chapter `_id`: it names the bundle file and sits in URLs. */
const chapterId = z
  .string()
  .min(1)
  .max(128)
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  .refine((id) => !/[/\\\u0000-\u001f\u007f]/.test(id) && !id.startsWith('.'), 'must be 1 to 128 characters with no "/", "\\" or control characters, not starting with "."');

export const chapterParams = z.object({ storyId, chapterId });
