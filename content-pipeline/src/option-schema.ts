import { z } from 'zod';
import { codedValue } from './coded-value';
import { conditionSchema } from './condition-schema';
import { nonEmpty } from './schema-primitives';

// An option of a choice: where it leads, what it costs, what it changes and what it needs.

export const MAX_OPTION_COST = 1000;

// Above MAX_OPTION_COST a price is far more likely a typo than a real offer.
const diamondCost = codedValue<number>(
  'BAD_COST',
  (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_OPTION_COST,
  `must be a whole number of diamonds from 0 to ${MAX_OPTION_COST}`,
);

/** Applied when the option is chosen, after the seed format's `flag`. */
export const optionEffectsSchema = z
  .object({
    /** flag name → new value */
    flags: z.record(nonEmpty, z.boolean()).optional(),
    /** character → change of the relationship value (which starts at 0) */
    relationships: z.record(nonEmpty, z.number().int()).optional(),
    /** character → new relationship value, applied before `relationships` (Twine's `(set: $x to 5)`) */
    set: z.record(nonEmpty, z.number().int()).optional(),
  })
  .passthrough();

export const optionSourceSchema = z
  .object({
    id: nonEmpty,
    text: nonEmpty,
    nextSceneId: nonEmpty,
    cost: diamondCost.optional(),
    flag: nonEmpty.optional(),
    effects: optionEffectsSchema.optional(),
    /** All must hold, else the option is shown locked. */
    requires: z.array(conditionSchema).optional(),
    /** What the player reads while the option is locked, e.g. "If you had found Iris's letter". */
    lockedText: nonEmpty.optional(),
  })
  .passthrough();

export const choiceSourceSchema = z
  .object({
    prompt: z.string(),
    options: z.array(optionSourceSchema),
  })
  .passthrough();

export type OptionEffects = z.infer<typeof optionEffectsSchema>;
export type OptionSource = z.infer<typeof optionSourceSchema>;
export type ChoiceSource = z.infer<typeof choiceSourceSchema>;
