import { z } from 'zod';

// Small building blocks shared by the schema files, so "a name" means the same everywhere.

export const nonEmpty = z.string().min(1);

/** Relative to the story folder; existence and safety are checked by the linter, which knows the folder. */
export const assetPath = z.string().min(1);

/** An authored paragraph id on a timeline line: unique within its chapter (the linter checks). */
export const paragraphIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, 'must be 1–128 letters, digits, ".", "_", ":" or "-", starting with a letter or digit');
