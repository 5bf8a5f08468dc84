/** A client message after validation: its payload, or why it was refused. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

interface Issue {
  path: (string | number)[];
  message: string;
}

/** A zod schema, as far as rooms need one. */
export interface SafeParser<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false; error: { issues: Issue[] } };
}

/** "choiceId Expected string, received number; …": zod's issues in one line for a refusal. */
export function describeIssues(issues: Issue[], whole = '(payload)'): string {
  return issues.map((i) => `${i.path.join('.') || whole} ${i.message}`).join('; ');
}

/** A payload checked against its schema: never throws (a throw would disconnect the client), tags the result instead. */
export function parse<T>(schema: SafeParser<T>, message: unknown): Parsed<T> {
  const parsed = schema.safeParse(message ?? {});
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, message: `Invalid message: ${describeIssues(parsed.error.issues)}` };
}
