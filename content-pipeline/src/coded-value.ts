import { z } from 'zod';

// Most schema failures are reported as SCHEMA_VIOLATION, but a few fields have their own
// lint code (BAD_COST, BAD_STORY_ID…). A value checked here carries that code in the zod
// issue's params, and schema-problems.ts turns it into the problem's code.

export const PROBLEM_CODE_PARAM = 'problemCode';

/** `requirement` completes "<path> is <value>: …", e.g. "must be a positive whole number". */
export function codedValue<T>(code: string, isValid: (value: unknown) => boolean, requirement: string) {
  return z.custom<T>(isValid, { message: requirement, params: { [PROBLEM_CODE_PARAM]: code } });
}
