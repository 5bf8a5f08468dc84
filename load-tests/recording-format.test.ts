import { describe, expect, it } from 'vitest';
import { parseRecording, RecordingError } from './recording-format';

const header = { type: 'session', version: 1, room: 'story', player: 'p_3f2a9c1e0b7d', startedAt: '2026-11-22T03:00:00.000Z', options: { storyId: 'the-lantern-keeper' } };
const lines = [
  header,
  { type: 'out', t: 12, kind: 'scene', chapterId: 'lantern-ch1', sceneId: 'cottage', status: 'playing' },
  { type: 'in', t: 1500, message: 'advance', payload: {} },
  { type: 'out', t: 1504, kind: 'scene', chapterId: 'lantern-ch1', sceneId: 'moth', status: 'choice' },
  { type: 'in', t: 4000, message: 'choose', payload: { choiceId: 'climb' } },
  { type: 'out', t: 4003, kind: 'error', code: 'INVALID_CHOICE' },
  { type: 'end', t: 9000, reason: 'left' },
];
const jsonl = (rows: unknown[]) => `${rows.map((row) => (typeof row === 'string' ? row : JSON.stringify(row))).join('\n')}\n`;

/** The RecordingError a text raises, as "file:line: reason". */
function failure(rows: unknown[]): string {
  try {
    parseRecording(jsonl(rows), 'rec/a.jsonl');
  } catch (error) {
    expect(error).toBeInstanceOf(RecordingError);
    return (error as Error).message;
  }
  throw new Error('expected the recording to be refused');
}

describe('parseRecording', () => {
  it('reads the header, the messages and outcomes in order, and the end', () => {
    const recording = parseRecording(jsonl(lines), 'rec/a.jsonl');
    expect(recording.header).toEqual(header);
    expect(recording.events.map((event) => event.type)).toEqual(['out', 'in', 'out', 'in', 'out']);
    expect(recording.events[3]).toEqual({ type: 'in', t: 4000, message: 'choose', payload: { choiceId: 'climb' } });
    expect(recording.end).toEqual({ type: 'end', t: 9000, reason: 'left' });
  });

  it('takes a message without payload as an empty one, and a chapterId in the options', () => {
    const recording = parseRecording(jsonl([{ ...header, options: { storyId: 'dead-air', chapterId: 'dead-air-ch2' } }, { type: 'in', t: 5, message: 'advance' }, { type: 'end', t: 6, reason: 'disposed' }]), 'b.jsonl');
    expect(recording.events[0]).toEqual({ type: 'in', t: 5, message: 'advance', payload: {} });
  });

  it.each([
    ['a line that is not JSON', [header, '{"type":"in",', lines.at(-1)], /^rec\/a\.jsonl:2: not JSON/],
    ['a missing header', [lines[1], lines.at(-1)], /^rec\/a\.jsonl:1: the first line must be the "session" header/],
    ['another version', [{ ...header, version: 2 }, lines.at(-1)], /^rec\/a\.jsonl:1: .*version/],
    ['story options the room would refuse', [{ ...header, options: { storyId: 'Not An Id' } }, lines.at(-1)], /^rec\/a\.jsonl:1: options: storyId must be a story id/],
    ['a bad start time', [{ ...header, startedAt: 'yesterday' }, lines.at(-1)], /^rec\/a\.jsonl:1: .*startedAt/],
    ['a negative time', [header, { type: 'in', t: -1, message: 'advance', payload: {} }, lines.at(-1)], /^rec\/a\.jsonl:2: client message: t /],
    ['an unknown line type', [header, { type: 'note', t: 1 }, lines.at(-1)], /^rec\/a\.jsonl:2: "type" must be "in", "out" or "end" \(got "note"\)/],
    ['an unknown outcome kind', [header, { type: 'out', t: 1, kind: 'patch' }, lines.at(-1)], /^rec\/a\.jsonl:2: outcome \(kind "scene" or "error"\): /],
    ['a refusal without code', [header, { type: 'out', t: 1, kind: 'error' }, lines.at(-1)], /^rec\/a\.jsonl:2: refusal: code/],
    ['a second header', [header, header, lines.at(-1)], /^rec\/a\.jsonl:2: a second "session" header/],
    ['lines after the end', [header, lines.at(-1), lines[2]], /^rec\/a\.jsonl:3: nothing may follow the "end" line/],
    ['a bad end reason', [header, { type: 'end', t: 1, reason: 'crashed' }], /^rec\/a\.jsonl:2: end line: reason/],
    ['no end line', [header, lines[1]], /^rec\/a\.jsonl:\d+: the session has no "end" line/],
  ])('names the file and line of %s', (_what, rows, message) => {
    expect(failure(rows)).toMatch(message);
  });

  it('refuses an empty file', () => {
    expect(() => parseRecording('\n', 'empty.jsonl')).toThrow('empty.jsonl:1: empty file');
  });
});
