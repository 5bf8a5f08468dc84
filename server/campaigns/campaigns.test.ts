import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, type Room } from 'colyseus.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadWorldsDir } from '../../content-pipeline';
import type { CampaignState } from '../../rooms/campaign/CampaignState';
import { CAMPAIGN_ROOM, type CampaignCreateOptions, type StoryCompleteMessage } from '../../rooms/campaign/protocol';
import { replay } from '../../rooms/campaign/rules/apply-event';
import type { RoomErrorMessage } from '../../rooms/shared/room-error';
import { startStoryVerse, type StoryVerse } from '../composition';
import { loadConfig } from '../config/config';
import { createScratchPostgres } from '../database/scratch-postgres';
import { startFakeOpenAi, type FakeOpenAi } from '../game-master/fake-openai-server';
import { silentLogger } from '../shared/logger';
import { systemClock } from '../shared/clock';
import { describeEachEngine, type Engine } from '../../testing/test-database';
import { DatabaseCampaignMeter } from './campaign-meter';
import { DatabaseCampaignLog } from './database-campaign-log';
import { freePort } from '../../rooms/shared/free-port';

const WORLD = 'the-glass-orchard';

interface Seat {
  name: string;
  room: Room<CampaignState>;
  complete: StoryCompleteMessage[];
  errors: RoomErrorMessage['error'][];
}

async function until(predicate: () => boolean, ms = 5000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && !predicate()) await new Promise((resolve) => setTimeout(resolve, 5));
  return predicate();
}


/** One StoryVerse process on a database that outlives it (so it can be restarted). */
class Deployment {
  app: StoryVerse | null = null;
  private dataDir = mkdtempSync(join(tmpdir(), 'campaigns-'));
  private scratch: { url: string; drop(): Promise<void> } | undefined;

  constructor(private readonly engine: Engine, private readonly env: Record<string, string> = {}) {}

  async boot(): Promise<StoryVerse> {
    if (this.engine === 'postgresql') this.scratch ??= await createScratchPostgres();
    const config = loadConfig({ PORT: String(await freePort()), DATA_DIR: this.dataDir, LOG_LEVEL: 'silent', TRANSPORT: 'ws', ...(this.scratch ? { DATABASE_URL: this.scratch.url } : {}), ...this.env });
    this.app = await startStoryVerse(config, { logger: silentLogger });
    return this.app;
  }

  async stop(): Promise<void> {
    await this.app?.close();
    this.app = null;
  }

  async destroy(): Promise<void> {
    await this.stop();
    await this.scratch?.drop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  async guest(): Promise<{ token: string; userId: string }> {
    const response = await fetch(`http://127.0.0.1:${this.app!.port}/v1/auth/guest`, { method: 'POST' });
    const json = (await response.json()) as { accessToken: string; user: { id: string } };
    return { token: json.accessToken, userId: json.user.id };
  }

  async seat(name: string, token: string, how: { create: CampaignCreateOptions } | { join: string }): Promise<Seat> {
    const client = new Client(`ws://127.0.0.1:${this.app!.port}`);
    client.auth.token = token;
    const room = 'create' in how ? await client.create<CampaignState>(CAMPAIGN_ROOM, how.create) : await client.joinById<CampaignState>(how.join);
    const seat: Seat = { name, room, complete: [], errors: [] };
    room.onMessage('story:complete', (m: StoryCompleteMessage) => seat.complete.push(m));
    room.onMessage('error', (m: RoomErrorMessage) => seat.errors.push(m.error));
    room.onMessage('*', () => undefined);
    await until(() => room.state.players?.has(room.sessionId));
    return seat;
  }
}

/** What the party sees, independent of session ids. */
function snapshot(state: CampaignState) {
  const nameOf = (sessionId: string) => state.players.get(sessionId)?.name ?? '';
  return {
    beat: state.beat,
    phase: state.phase,
    turn: nameOf(state.turn),
    scene: { location: state.scene.location, present: [...state.scene.present], quests: [...state.scene.quests] },
    narrative: state.narrative,
    recent: state.recent.map((r) => ({ beat: r.beat, prompt: r.prompt, narrative: r.narrative })),
    choices: state.choices.map((c) => c.id),
    sheets: [...state.sheets.entries()].map(([id, s]) => ({ name: nameOf(id), stats: Object.fromEntries(s.stats.entries()), inventory: [...s.inventory] })).sort((a, b) => a.name.localeCompare(b.name)),
    host: [...state.players.values()].find((p) => p.host)?.name,
  };
}

async function playBeats(seats: Seat[], count: number): Promise<void> {
  const host = seats[0]!.room;
  for (let i = 0; i < count; i++) {
    const beat = host.state.beat + 1;
    await until(() => host.state.phase === 'acting' && host.state.turn !== '');
    const mover = seats.find((s) => s.room.sessionId === host.state.turn)!;
    mover.room.send('action', { text: beat === 2 ? 'I hurry to Kiln Row.' : `I look closer (${beat}).` });
    await until(() => seats.every((s) => s.complete.some((c) => c.beat === beat) && s.room.state.beat === beat));
  }
}

const leave = (seats: Seat[]) => Promise.all(seats.map((s) => Promise.race([s.room.leave().catch(() => undefined), new Promise((r) => setTimeout(r, 500))])));


describeEachEngine('campaign event log', (engine) => {
  const deployment = new Deployment(engine);
  afterAll(() => deployment.destroy());

  it('a campaign restarted from its log has identical state, plays on, and forks from beat N matching the original up to N', async () => {
    await deployment.boot();
    const [a, b, c] = [await deployment.guest(), await deployment.guest(), await deployment.guest()];
    const host = await deployment.seat('a', a.token, { create: { worldId: WORLD, mode: 'turns', seed: 11 } });
    const code = host.room.state.code;
    const seats = [host, await deployment.seat('b', b.token, { join: code }), await deployment.seat('c', c.token, { join: code })];
    await until(() => host.room.state.players.size === 3);
    host.room.send('start', {});
    await playBeats(seats, 4);
    const before = snapshot(host.room.state);
    expect(before.beat).toBe(4);
    expect(before.scene.location).toBe('kiln-row');
    // The process stops under the players (no one leaves the party).
    await deployment.stop();

    // A new process: the campaign exists only in the database now.
    const app = await deployment.boot();
    const back = await deployment.seat('a', a.token, { create: { worldId: WORLD, mode: 'turns', resume: code } });
    expect(back.room.roomId).toBe(code);
    const rejoined = [back, await deployment.seat('b', b.token, { join: code }), await deployment.seat('c', c.token, { join: code })];
    await until(() => back.room.state.players.size === 3 && rejoined.every((s) => s.room.state.sheets.size === 3));
    expect(snapshot(back.room.state)).toEqual(before);
    await playBeats(rejoined, 1);
    expect(back.room.state.beat).toBe(5);

    const log = new DatabaseCampaignLog({ em: app.orm.em, clock: systemClock });
    const original = (await log.load(code))!;
    const fork = await deployment.seat('a', a.token, { create: { worldId: WORLD, mode: 'turns', fork: { code, atBeat: 2 } } });
    expect(fork.room.state.code).not.toBe(code);
    await until(() => fork.room.state.beat === 2);
    const forked = (await log.load(fork.room.state.code))!;
    expect(forked.record.forkOf).toEqual({ code, atBeat: 2 });
    const cut = original.events.findIndex((e) => e.type === 'beat' && e.beat === 2);
    expect(forked.events.slice(0, cut + 1)).toEqual(original.events.slice(0, cut + 1));
    const loaded = (await loadWorldsDir(join(import.meta.dirname, '..', '..', 'content'))).worlds.find((w) => w.manifest.id === WORLD)!.manifest;
    const upToN = replay(loaded, original.events.slice(0, cut + 1));
    const fromFork = replay(loaded, forked.events);
    expect({ beat: fromFork.beat, scene: fromFork.scene, recent: fromFork.recent, lastBeat: fromFork.lastBeat, summary: fromFork.summary }).toEqual({ beat: upToN.beat, scene: upToN.scene, recent: upToN.recent, lastBeat: upToN.lastBeat, summary: upToN.summary });
    expect(fork.room.state.narrative).toBe(upToN.lastBeat?.narrative);

    // My campaigns: the host sees both (the fork they are in, most recent first), a guest only theirs.
    const mine = async (token?: string) => {
      const response = await fetch(`http://127.0.0.1:${app.port}/v1/campaigns`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
      return { status: response.status, json: (await response.json()) as { items?: { code: string; worldId: string; mode: string; beat: number; players: number; host: boolean; lastActivity: string }[]; error?: { code: string } } };
    };
    const hosts = await mine(a.token);
    expect(hosts.status).toBe(200);
    expect(hosts.json.items!.map((i) => i.code)).toEqual([fork.room.state.code, code]);
    expect(hosts.json.items![1]).toMatchObject({ code, worldId: WORLD, mode: 'turns', beat: 5, players: 3, host: true });
    expect(Date.parse(hosts.json.items![1]!.lastActivity)).toBeGreaterThan(Date.now() - 60_000);
    expect(hosts.json.items![0]).toMatchObject({ beat: 2, players: 1 });
    const guests = await mine(b.token);
    expect(guests.json.items!.map((i) => ({ code: i.code, host: i.host }))).toEqual([{ code, host: false }]);
    expect(await mine()).toMatchObject({ status: 401, json: { error: { code: 'UNAUTHENTICATED' } } });
    await leave([...rejoined, fork]);
  });
});

describeEachEngine('campaign metering', (engine) => {
  let fake: FakeOpenAi;
  let deployment: Deployment;
  beforeAll(async () => {
    fake = await startFakeOpenAi(() => ({ text: JSON.stringify({ narrative: 'The kilns flare blue, then settle.', dialogue: [], choices: [{ id: 'wait', text: 'Wait' }], state_changes: [] }) }));
    deployment = new Deployment(engine, { OPENAI_BASE_URL: fake.baseUrl, GM_MODEL: 'fake-model', CAMPAIGN_DAILY_TURNS: '2' });
  });
  afterAll(async () => {
    await deployment.destroy();
    await fake.close();
  });

  it("meters the model's tokens per campaign and per player, and refuses turns beyond the daily allowance", async () => {
    const app = await deployment.boot();
    const [a, b] = [await deployment.guest(), await deployment.guest()];
    const host = await deployment.seat('a', a.token, { create: { worldId: WORLD, mode: 'turns' } });
    const code = host.room.state.code;
    const seats = [host, await deployment.seat('b', b.token, { join: code })];
    await until(() => host.room.state.players.size === 2);
    host.room.send('start', {});
    await playBeats(seats, 4);
    expect(host.complete.at(-1)?.narrative).toBe('The kilns flare blue, then settle.');
    await until(() => host.room.state.turn === host.room.sessionId);
    host.room.send('action', { text: 'One more.' });
    await until(() => host.errors.length > 0);
    expect(host.errors[0]).toMatchObject({ code: 'TURN_ALLOWANCE_EXHAUSTED', details: { used: 2, limit: 2 } });
    expect(host.room.state.beat).toBe(4);

    const meter = new DatabaseCampaignMeter({ em: app.orm.em, clock: systemClock, dailyTurns: 2 });
    const usage = await meter.usageOf(code);
    expect(usage.players[a.userId]).toMatchObject({ beats: 2, promptTokens: 240 });
    expect(usage.players[b.userId]).toMatchObject({ beats: 2, promptTokens: 240 });
    expect(usage.promptTokens).toBe(480);
    expect(usage.completionTokens).toBeGreaterThan(0);
    await leave(seats);
  });
});
