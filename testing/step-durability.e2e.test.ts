/**
 * Nothing acknowledged is lost on kill -9: a real StoryVerse process (`server/main.ts`, as `npm
 * start` runs it) with many players stepping at once — their steps sharing commits — is killed
 * with SIGKILL mid-play; after a restart on the same database, every player's saved progress is
 * at least the step their room had shown them (a step is shown only after its commit), and half
 * of them, who take the premium option, paid for it exactly when its step was saved — never twice,
 * never without the step.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'colyseus.js';
import { afterAll, expect, it } from 'vitest';
import { STORY_ROOM } from '../rooms/story/protocol';
import type { StoryState } from '../rooms/story/StoryState';
import { freePort } from '../rooms/shared/free-port';
import { createScratchPostgres, type ScratchPostgres } from '../server/database/scratch-postgres';
import { describeEachEngine } from './test-database';

const PLAYERS = 24;
const STORY = 'the-lantern-keeper';
/** The Lantern Keeper's premium option (5 diamonds) and the flag its step sets. */
const PREMIUM = { cost: 5, flag: 'gave_hearth_ember' };
const WELCOME_DIAMONDS = 20;

async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: process.cwd(),
    env: { ...process.env, LOG_LEVEL: 'warn', PORT: String(port), GUEST_RATE_LIMIT_PER_MINUTE: '100000', JWT_SECRET: 'kill-nine-test-secret-0123456789abcdef', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${output}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      if (/StoryVerse is running/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
    child.on('exit', (code) => reject(new Error(`the server exited (${code}):\n${output}`)));
  });
  return { child, base: `http://127.0.0.1:${port}` };
}

const stopped = (child: ChildProcess) => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once('exit', resolve)));

describeEachEngine('a kill -9 mid-play', (engine) => {
  let scratch: ScratchPostgres | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'kill-nine-'));
  afterAll(async () => {
    await scratch?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses no step a player was shown', async () => {
    if (engine === 'postgresql') scratch = await createScratchPostgres();
    const env = { DATA_DIR: dataDir, ...(scratch ? { DATABASE_URL: scratch.url } : {}) };
    const first = await startServer(env);
    const players = await Promise.all(
      Array.from({ length: PLAYERS }, async (_, index) => {
        const { accessToken } = (await (await fetch(`${first.base}/v1/auth/guest`, { method: 'POST' })).json()) as { accessToken: string };
        const client = new Client(first.base.replace(/^http/, 'ws'));
        client.auth.token = accessToken;
        const room = await client.create<StoryState>(STORY_ROOM, { storyId: STORY });
        const player = { token: accessToken, shown: 0, paidShown: false };
        room.onStateChange((state) => {
          player.shown = Math.max(player.shown, state.step);
          player.paidShown ||= state.flags.get(PREMIUM.flag) === true;
        });
        room.onMessage('*', () => undefined);
        // Step as fast as the room answers, until the chapter ends or the server is gone.
        const step = () => {
          const { state } = room;
          if (state.status === 'ended' || first.child.exitCode !== null || first.child.signalCode !== null) return;
          const premium = index % 2 === 0 ? state.choices.find((c) => !c.locked && c.cost > 0) : undefined;
          const pick = premium ?? state.choices.find((c) => !c.locked && c.cost === 0);
          if (state.status === 'choice' && pick) room.send('choose', { choiceId: pick.id });
          else room.send('advance');
        };
        room.onStateChange(() => setTimeout(step, 30));
        return player;
      }),
    );
    // Mid-play: once the players were shown a few steps each on average, and a few were shown their paid step, kill the process.
    const deadline = Date.now() + 20_000;
    const midPlay = () => players.reduce((sum, p) => sum + p.shown, 0) >= PLAYERS * 4 && players.filter((p) => p.paidShown).length >= 3;
    while (!midPlay() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    first.child.kill('SIGKILL');
    await stopped(first.child);
    const shown = players.map((p) => p.shown);
    expect(shown.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(PLAYERS * 4);
    expect(players.filter((p) => p.paidShown).length).toBeGreaterThanOrEqual(3);

    const second = await startServer(env);
    try {
      for (const [i, player] of players.entries()) {
        const response = await fetch(`${second.base}/v1/progress/${STORY}`, { headers: { authorization: `Bearer ${player.token}` } });
        const saved = (await response.json()) as { step: number; flags: Record<string, boolean> };
        expect(saved.step, `player ${i}`).toBeGreaterThanOrEqual(shown[i]!);
        const inventory = await fetch(`${second.base}/v1/inventory`, { headers: { authorization: `Bearer ${player.token}` } });
        const paid = WELCOME_DIAMONDS - ((await inventory.json()) as { diamonds: number }).diamonds;
        expect(paid, `player ${i} paid for the premium step ${saved.flags[PREMIUM.flag] ? 'once' : 'not at all'}`).toBe(saved.flags[PREMIUM.flag] ? PREMIUM.cost : 0);
      }
    } finally {
      second.child.kill('SIGKILL');
      await stopped(second.child);
    }
  }, 120_000);
});
