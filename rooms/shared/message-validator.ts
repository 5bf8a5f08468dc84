/** A client message after validation: its payload, or why it was refused. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

interface SafeParser<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false; error: { issues: { path: (string | number)[]; message: string }[] } };
}

/** The onMessage validator: never throws (a throw would disconnect the client), tags the result instead. */
export function validator<T>(schema: SafeParser<T>) {
  return (message: unknown): Parsed<T> => {
    const parsed = schema.safeParse(message ?? {});
    if (parsed.success) return { ok: true, value: parsed.data };
    return { ok: false, message: `Invalid message: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'} ${i.message}`).join('; ')}` };
  };
}
