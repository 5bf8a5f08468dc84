import { ServerError } from '@colyseus/core';
import { describeIssues, type SafeParser } from './message-validator';

/** The options a room is created or joined with, or a 400 INVALID_OPTIONS that refuses the join. */
export function parseJoinOptions<T>(schema: SafeParser<T>, raw: unknown): T {
  const parsed = schema.safeParse(raw ?? {});
  if (!parsed.success) throw new ServerError(400, `INVALID_OPTIONS: ${describeIssues(parsed.error.issues, '(options)')}`);
  return parsed.data;
}
