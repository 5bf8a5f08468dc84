import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../shared/clock';
import { silentLogger } from '../shared/logger';
import { JsonlRoomRecorder } from './jsonl-room-recorder';

const dirs: string[] = [];
afterEach(() => { for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true }); });

function recorder(rooms = ['story']) {
  const dir = mkdtempSync(join(tmpdir(), 'sv-recordings-'));
  dirs.push(dir);
  const clock = new ManualClock('2026-06-01T12:00:00Z');
  return { dir, clock, recorder: new JsonlRoomRecorder({ dir, rooms: new Set(rooms), pseudonymKey: 'a-key-that-is-long-enough-for-hmac', clock, logger: silentLogger }) };
}

async function linesOf(dir: string, room: string): Promise<object[]> {
  await new Promise((resolve) => setTimeout(resolve, 50)); // the stream flushes asynchronously
  const [file] = readdirSync(join(dir, room));
  return readFileSync(join(dir, room, file!), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
}

describe('JsonlRoomRecorder', () => {
  it('writes a recording as JSONL: header, inputs and outcomes with relative times, end', async () => {
    const { dir, clock, recorder: r } = recorder();
    const recording = r.start('story', { userId: 'user-1', options: { storyId: 'dead-air' } })!;
    recording.output({ kind: 'scene', chapterId: 'c1', sceneId: 'a', status: 'playing' });
    clock.advance(1.5);
    recording.input('advance', {});
    clock.advance(0.01);
    recording.output({ kind: 'scene', chapterId: 'c1', sceneId: 'b', status: 'choice' });
    clock.advance(2);
    recording.input('choose', { choiceId: 'x' });
    recording.output({ kind: 'error', code: 'INVALID_CHOICE' });
    recording.end('left');
    recording.end('disposed'); // a second end is ignored
    expect(await linesOf(dir, 'story')).toEqual([
      { type: 'session', version: 1, room: 'story', player: r.pseudonym('user-1'), startedAt: '2026-06-01T12:00:00.000Z', options: { storyId: 'dead-air' } },
      { type: 'out', t: 0, kind: 'scene', chapterId: 'c1', sceneId: 'a', status: 'playing' },
      { type: 'in', t: 1500, message: 'advance', payload: {} },
      { type: 'out', t: 1510, kind: 'scene', chapterId: 'c1', sceneId: 'b', status: 'choice' },
      { type: 'in', t: 3510, message: 'choose', payload: { choiceId: 'x' } },
      { type: 'out', t: 3510, kind: 'error', code: 'INVALID_CHOICE' },
      { type: 'end', t: 3510, reason: 'left' },
    ]);
  });

  it('replaces user ids with stable pseudonyms that do not contain them', () => {
    const { recorder: r } = recorder();
    expect(r.pseudonym('user-1')).toBe(r.pseudonym('user-1'));
    expect(r.pseudonym('user-1')).not.toBe(r.pseudonym('user-2'));
    expect(r.pseudonym('user-1')).toMatch(/^p_[0-9a-f]{12}$/);
  });

  it('records only the room kinds it was asked to', () => {
    const { dir, recorder: r } = recorder(['campaign']);
    expect(r.start('story', { userId: 'u', options: {} })).toBeNull();
    expect(readdirSync(dir)).toEqual([]);
  });
});
