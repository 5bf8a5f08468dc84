/**
 * Recordings, format version 1: one JSONL file per room a player was in, written by the server
 * when RECORD_SESSIONS names the room kind. (The header's type stays "session": files already
 * written carry it.)
 *
 *   {"type":"session","version":1,"room":"story","player":"p_3f2a9c1e0b7d","startedAt":"…Z","options":{"storyId":"…","chapterId":"…"}}
 *   {"type":"in","t":1234,"message":"choose","payload":{"choiceId":"climb"}}     a client message, t = ms since the recording started
 *   {"type":"out","t":1240,"kind":"scene","chapterId":"…","sceneId":"…","status":"choice"}   a state change the server applied
 *   {"type":"out","t":1250,"kind":"error","code":"INVALID_CHOICE"}                            a refusal it sent
 *   {"type":"end","t":9000,"reason":"left"}                                                  the last line ("left" | "disposed")
 */
import { z } from 'zod';
import { joinOptionsSchema, STORY_ROOM } from '../rooms/story/protocol';

const millis = z.number().finite().nonnegative();

const headerSchema = z.object({
  type: z.literal('session'),
  version: z.literal(1),
  room: z.string().min(1),
  player: z.string().min(1),
  startedAt: z.string().datetime({ offset: true }),
  options: z.record(z.unknown()),
});

const inSchema = z.object({
  type: z.literal('in'),
  t: millis,
  message: z.string().min(1).max(128),
  payload: z.record(z.unknown()).default({}),
});

const sceneSchema = z.object({ type: z.literal('out'), t: millis, kind: z.literal('scene'), chapterId: z.string(), sceneId: z.string(), status: z.string() });
const errorSchema = z.object({ type: z.literal('out'), t: millis, kind: z.literal('error'), code: z.string().min(1) });
const endSchema = z.object({ type: z.literal('end'), t: millis, reason: z.enum(['left', 'disposed']) });

export type RecordingHeader = z.infer<typeof headerSchema>;
export type RecordedMessage = z.infer<typeof inSchema>;
export type RecordedScene = z.infer<typeof sceneSchema>;
export type RecordedError = z.infer<typeof errorSchema>;
export type RecordedEnd = z.infer<typeof endSchema>;
export type RecordedEvent = RecordedMessage | RecordedScene | RecordedError;

export interface Recording {
  file: string;
  header: RecordingHeader;
  /** Messages and outcomes in file order (the end line excluded). */
  events: RecordedEvent[];
  end: RecordedEnd;
}

/** A recording we cannot replay, naming the file and the (1-based) line. */
export class RecordingError extends Error {
  constructor(readonly file: string, readonly line: number, reason: string) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'RecordingError';
  }
}

/** Parses and validates one file's text; throws RecordingError at the first bad line. */
export function parseRecording(text: string, file: string): Recording {
  const lines = text.split('\n');
  let header: RecordingHeader | undefined;
  let end: RecordedEnd | undefined;
  const events: RecordedEvent[] = [];
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    if (end) throw new RecordingError(file, line, 'nothing may follow the "end" line');
    const value = parseJson(raw, file, line);
    if (!header) {
      header = check(headerSchema, value, file, line, 'the first line must be the "session" header');
      if (header.room === STORY_ROOM) check(joinOptionsSchema, header.options, file, line, 'options');
      return;
    }
    const event = parseEvent(value, file, line);
    if (event.type === 'end') end = event;
    else events.push(event);
  });
  if (!header) throw new RecordingError(file, 1, 'empty file: expected the "session" header');
  if (!end) throw new RecordingError(file, lines.length, 'the session has no "end" line (was it still being written?)');
  return { file, header, events, end };
}

/** Picks the schema by `type` (and `kind`), so a bad line gets that schema's precise complaint. */
function parseEvent(value: unknown, file: string, line: number): RecordedEvent | RecordedEnd {
  const { type, kind } = (typeof value === 'object' && value !== null ? value : {}) as { type?: unknown; kind?: unknown };
  if (type === 'in') return check(inSchema, value, file, line, 'client message');
  if (type === 'end') return check(endSchema, value, file, line, 'end line');
  if (type === 'out' && kind === 'error') return check(errorSchema, value, file, line, 'refusal');
  if (type === 'out') return check(sceneSchema, value, file, line, 'outcome (kind "scene" or "error")');
  if (type === 'session') throw new RecordingError(file, line, 'a second "session" header');
  throw new RecordingError(file, line, `"type" must be "in", "out" or "end" (got ${JSON.stringify(type)})`);
}

function parseJson(raw: string, file: string, line: number): unknown {
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw new RecordingError(file, line, `not JSON (${(error as Error).message})`);
  }
}

function check<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, value: unknown, file: string, line: number, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(line)'} ${issue.message}`).join('; ');
  throw new RecordingError(file, line, `${what}: ${issues}`);
}
