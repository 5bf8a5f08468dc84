import { type z } from 'zod';

// A NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
// eslint-disable-next-line no-control-regex -- finding the NUL control character is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSTORABLE_TEXT_MESSAGE = 'must not contain NUL characters or unpaired surrogates';

/**
 * True when `text` has no NUL and no unpaired surrogate, so a database stores it as given:
 * PostgreSQL refuses a NUL in text (and a `\u0000` or lone `\ud800` escape in jsonb), and an
 * unpaired surrogate has no UTF-8 form. Client input is held to this at every boundary (REST
 * bodies, paths and queries; room messages and options).
 */
export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/** A zod string that refuses text a database cannot store (see isStorableText). */
export function storableString<T extends z.ZodType<string, z.ZodTypeDef, unknown>>(schema: T): z.ZodEffects<T, string, z.input<T>> {
  return schema.refine(isStorableText, UNSTORABLE_TEXT_MESSAGE);
}
