import type { z, ZodError, ZodTypeAny } from 'zod';
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from '../../rooms/shared/storable-text';
import { ApiError } from './api-error';

export { isStorableText };

export function zodIssues(error: ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.') || '(body)', message: issue.message }));
}

/**
 * Parses untrusted input or throws a 400 VALIDATION_FAILED naming each bad field. Every string
 * that passes must also be storable text: PostgreSQL refuses a NUL byte in text (a 500 once the
 * query runs) and an unpaired surrogate cannot be encoded as UTF-8 (it would be stored as U+FFFD).
 */
export function parseInput<S extends ZodTypeAny>(schema: S, input: unknown, what = 'request'): z.infer<S> {
  const result = schema.safeParse(input);
  const issues = result.success ? unstorableText(result.data) : zodIssues(result.error);
  if (issues.length === 0) return result.data;
  const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  throw new ApiError(400, 'VALIDATION_FAILED', `The ${what} is not valid — ${summary}`, { issues });
}

/** One issue per string (key or value) in a parsed input that is not storable text. */
export function unstorableText(value: unknown): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  // Iterative, each entry linked to its parent: parsed input is bounded by its schema, but its
  // depth is never trusted to the call stack nor copied level by level.
  const pending: Visit[] = [{ value, key: '', parent: null }];
  for (let i = 0; i < pending.length; i++) {
    const visit = pending[i]!;
    if (typeof visit.value === 'string') {
      if (!isStorableText(visit.value)) issues.push({ path: pathOf(visit), message: UNSTORABLE_TEXT_MESSAGE });
    } else if (visit.value !== null && typeof visit.value === 'object') {
      for (const [key, item] of Object.entries(visit.value)) pending.push({ value: key, key, parent: visit }, { value: item, key, parent: visit });
    }
  }
  return issues;
}

interface Visit {
  value: unknown;
  key: string;
  parent: Visit | null;
}

function pathOf(visit: Visit): string {
  const keys: string[] = [];
  for (let at: Visit | null = visit; at?.parent; at = at.parent) keys.push(at.key);
  return keys.reverse().join('.') || '(body)';
}
