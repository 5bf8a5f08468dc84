import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server';
import { runReplay } from './run-replay';
import { RunStats } from './run-stats';
import { GuestAccount } from './storyverse-api';
import { StorySession } from './story-session';

/**
 * Plays The Lantern Keeper's first chapter to its end and writes it down the way the server
 * records sessions (format version 1), so the replay can be tested before recording lands.
 */
async function recordSession(target: string): Promise<string[]> {
  const started = performance.now();
  const t = () => Math.round(performance.now() - started);
  const lines: object[] = [{ type: 'session', version: 1, room: 'story', player: 'p_test', startedAt: new Date().toISOString(), options: { storyId: 'the-lantern-keeper' } }];
  const token = await (await GuestAccount.create(target)).accessToken();
  const session = await StorySession.open(target, token, { storyId: 'the-lantern-keeper' }, new RunStats(), (outcome) => lines.push({ type: 'out', t: t(), ...outcome }));
  const send = async (message: string, payload: object) => {
    lines.push({ type: 'in', t: t(), message, payload });
    await session.act(message, payload);
  };
  await send('choose', { choiceId: 'not-offered' }); // a refusal, which a faithful replay meets again
  while (session.state.status !== 'ended') {
    const free = session.state.choices.find((option) => !option.locked && option.cost === 0);
    if (session.state.status === 'choice' && free) await send('choose', { choiceId: free.id });
    else await send('advance', {});
  }
  await session.leave();
  lines.push({ type: 'end', t: t(), reason: 'left' });
  return lines.map((line) => JSON.stringify(line));
}

describe('runReplay against the real composition', () => {
  let server: TestServer;
  let target: string;
  let folder: string;
  let recorded: string[];
  beforeAll(async () => {
    server = await startTestServer('sqlite', { KEYS_CAP: '50', WELCOME_DIAMONDS: '1000' });
    target = `http://127.0.0.1:${server.port}`;
    folder = mkdtempSync(join(tmpdir(), 'storyverse-replay-'));
    recorded = await recordSession(target);
  });
  afterAll(async () => {
    await server?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('replays a session with new guests and finds the same scenes and refusals', async () => {
    writeFileSync(join(folder, 'faithful.jsonl'), `${recorded.join('\n')}\n`);
    const summary = await runReplay({ paths: [join(folder, 'faithful.jsonl')], clients: 5, speed: 4, target });
    expect(summary).toMatchObject({ clients: 5, replays: 5, diverged: 0, errors: 0, refusalsByCode: { INVALID_CHOICE: 5 } });
    expect(summary.choices + summary.advances).toBeGreaterThan(0);
  });

  it('reports a replay that reaches another scene as REPLAY_DIVERGED, with the first difference', async () => {
    const forged = recorded.map((line) => line.replace('"sceneId":"stair"', '"sceneId":"cellar"'));
    expect(forged).not.toEqual(recorded);
    writeFileSync(join(folder, 'forged.jsonl'), `${forged.join('\n')}\n`);
    const summary = await runReplay({ paths: [join(folder, 'forged.jsonl')], clients: 2, count: 2, speed: 10, target });
    expect(summary).toMatchObject({ replays: 2, diverged: 2, errors: 2, errorsByCode: { REPLAY_DIVERGED: 2 } });
    expect(summary.errorSamples[0]).toMatch(/forged\.jsonl: outcome \d+: expected scene the-lantern-keeper-ch1\/cellar \(playing\), got scene the-lantern-keeper-ch1\/stair \(playing\)/);
  });
});
