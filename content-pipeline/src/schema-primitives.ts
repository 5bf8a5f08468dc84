import { z } from 'zod';

// Small building blocks shared by the schema files, so "a name" means the same everywhere.

export const nonEmpty = z.string().min(1);

/** Relative to the story folder; existence and safety are checked by the linter, which knows the folder. */
export const assetPath = z.string().min(1);
