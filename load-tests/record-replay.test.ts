import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, newPlayer, openSession, ready } from '../testing/story-test-kit';
import { startTestServer, type TestServer } from '../testing/test-server';
import { runReplay } from './run-replay';

/**
 * End to end: the server records a real story session (RECORD_SESSIONS=story), and the load tool replays
 * that recording with 20 new guests, who must reach the same scenes and meet the same refusals.
 */
describe('recording a story session and replaying it', () => {
  let server: TestServer;
  let recordings: string;

  beforeAll(async () => {
    recordings = mkdtempSync(join(tmpdir(), 'storyverse-recordings-'));
    server = await startTestServer('sqlite', { RECORD_SESSIONS: 'story', RECORDINGS_DIR: recordings, KEYS_CAP: '50', WELCOME_DIAMONDS: '1000' });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(recordings, { recursive: true, force: true });
  });

  it('replays a recording with 20 clients, every one reaching the same scenes with zero errors', async () => {
    const player = await newPlayer(server);
    const session = await ready(await openSession(server, player, { storyId: 'the-lantern-keeper' }));
    await act(session, 'choose', { choiceId: 'not-offered-here' });
    for (let i = 0; i < 4; i++) await act(session, 'advance');
    expect(session.room.state.status).toBe('choice');
    await act(session, 'choose', { choiceId: 'sit_and_listen' });
    await act(session, 'advance');
    await session.room.leave();
    await new Promise((resolve) => setTimeout(resolve, 200)); // the recording is closed on leave

    const [file] = readdirSync(join(recordings, 'story'));
    const lines = readFileSync(join(recordings, 'story', file!), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(lines[0]).toMatchObject({ type: 'session', version: 1, room: 'story', options: { storyId: 'the-lantern-keeper' } });
    expect(JSON.stringify(lines)).not.toContain(player.userId);
    expect(lines.filter((line) => line.type === 'in')).toHaveLength(7);
    expect(lines.at(-1)).toMatchObject({ type: 'end', reason: 'left' });

    const summary = await runReplay({ paths: [join(recordings, 'story')], clients: 20, speed: 20, target: `http://127.0.0.1:${server.port}` });
    expect(summary).toMatchObject({ clients: 20, replays: 20, diverged: 0, errors: 0, refusalsByCode: { INVALID_CHOICE: 20 } });
  });
});
