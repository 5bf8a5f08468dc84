import type { z, ZodError, ZodTypeAny } from 'zod';
import { ApiError } from './api-error';

export function zodIssues(error: ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.') || '(body)', message: issue.message }));
}

/** Parses untrusted input or throws a 400 VALIDATION_FAILED naming each bad field. */
export function parseInput<S extends ZodTypeAny>(schema: S, input: unknown, what = 'request'): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = zodIssues(result.error);
  const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  throw new ApiError(400, 'VALIDATION_FAILED', `The ${what} is not valid — ${summary}`, { issues });
}
