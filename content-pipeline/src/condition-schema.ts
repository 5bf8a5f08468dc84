import { z } from 'zod';
import { nonEmpty } from './schema-primitives';

// Conditions gate options (`requires`). Unlike the rest of the format they are strict: a key
// an older engine does not know would be ignored, and ignoring part of a gate lets players
// through it. A condition is told apart by its key (`flag` or `relationship`), which also
// gives the writer a precise message instead of "matches neither shape".

/** Holds when the flag is set (`set` omitted or true) or not set (`set: false`). */
export const flagConditionSchema = z
  .object({
    flag: nonEmpty,
    set: z.boolean().optional(),
  })
  .strict();

/** Holds when the relationship value (0 until changed) is within [min, max]; either bound may be open. */
export const relationshipConditionSchema = z
  .object({
    relationship: nonEmpty,
    min: z.number().int().optional(),
    max: z.number().int().optional(),
  })
  .strict()
  .refine((c) => c.min !== undefined || c.max !== undefined, { message: 'a relationship condition needs "min", "max" or both' });

export type FlagCondition = z.infer<typeof flagConditionSchema>;
export type RelationshipCondition = z.infer<typeof relationshipConditionSchema>;
export type Condition = FlagCondition | RelationshipCondition;

const SHAPES = 'expected {"flag": name, "set"?: true|false} or {"relationship": character, "min"?: n, "max"?: n}';

export const conditionSchema = z.unknown().transform((value, ctx): Condition => {
  const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
  const hasFlag = isObject && Object.hasOwn(value, 'flag');
  const hasRelationship = isObject && Object.hasOwn(value, 'relationship');
  if (hasFlag === hasRelationship) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: hasFlag ? `a condition has "flag" or "relationship", not both; ${SHAPES}` : `not a condition; ${SHAPES}` });
    return z.NEVER;
  }
  const parsed = hasFlag ? flagConditionSchema.safeParse(value) : relationshipConditionSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  // Re-raised here so the paths continue from this condition (requires[0].min…).
  for (const issue of parsed.error.issues) ctx.addIssue(issue);
  return z.NEVER;
});

export function isFlagCondition(condition: Condition): condition is FlagCondition {
  return 'flag' in condition;
}
