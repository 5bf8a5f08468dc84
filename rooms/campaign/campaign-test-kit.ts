/**
 * Test helpers for the campaign room: a bare Colyseus server (ws transport, no database) with
 * the room bound to test services — tokens are user ids, the log lives in memory, the game
 * master can be swapped per test (inside a chain ending in the offline narrator, as the server
 * builds it), invite codes come from a seeded random — and a real colyseus.js client per
 * simulated player.
 */
import { Server } from '@colyseus/core';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { Client, type Room } from 'colyseus.js';
import { loadWorldsDir } from '../../content-pipeline';
import { MemoryCampaignLog, unmetered, type CampaignMeter } from './campaign-services';
import type { CampaignRoomDeps, CampaignTimings } from './campaign-room-deps';
import { campaignRoom } from './CampaignRoom';
import type { RoomErrorMessage } from '../shared/room-error';
import { FailoverGameMaster } from './game-master/failover';
import type { CampaignState } from './CampaignState';
import type { GameMaster } from './game-master/game-master';
import { OfflineNarrator } from './game-master/offline-narrator';
import { CAMPAIGN_ROOM, type CampaignCreateOptions, type ChatMessage, type StoryChunkMessage, type StoryCompleteMessage } from './protocol';
import { mixSeed, seededRandom } from './rules/random';
import type { CampaignWorld } from './rules/world';
import { freePort } from '../shared/free-port';

export const SHIPPED_CONTENT = new URL('../../content', import.meta.url).pathname;

export interface CampaignTestServer {
  port: number;
  deps: CampaignRoomDeps & { log: MemoryCampaignLog; timings: Partial<CampaignTimings> };
  /** Swaps the chain's first game master for the rooms created from now on (and the running ones). */
  useGameMaster(gameMaster: GameMaster): void;
  useMeter(meter: CampaignMeter): void;
  warnings: { details: object; message: string }[];
  /** What the rooms reported for /metrics: message room kinds, and steps as `room:kind`. */
  telemetry: { messages: string[]; steps: string[] };
  close(): Promise<void>;
}

let serversStarted = 0;

export async function startCampaignServer(options: { worlds?: CampaignWorld[]; timings?: Partial<CampaignTimings> } = {}): Promise<CampaignTestServer> {
  const worlds = options.worlds ?? (await loadWorldsDir(SHIPPED_CONTENT)).worlds.map((w) => w.manifest);
  const byId = new Map(worlds.map((w) => [w.id, w]));
  const warnings: CampaignTestServer['warnings'] = [];
  const telemetry: CampaignTestServer['telemetry'] = { messages: [], steps: [] };
  let gameMaster: GameMaster = new OfflineNarrator();
  let meter: CampaignMeter = unmetered;
  const deps = {
    worlds: { get: (id: string) => byId.get(id) },
    log: new MemoryCampaignLog(),
    meter: { takeTurn: (userId: string) => meter.takeTurn(userId), recordUsage: (...args: Parameters<CampaignMeter['recordUsage']>) => meter.recordUsage(...args) },
    // Long timeouts: a test's game master hangs or fails on purpose, and the chain must not step in first.
    gameMaster: new FailoverGameMaster([{ name: 'test', narrate: (...args: Parameters<GameMaster['narrate']>) => gameMaster.narrate(...args) }, new OfflineNarrator()], { idleTimeoutMs: 60_000, attemptTimeoutMs: 120_000, retries: 0 }),
    auth: { verify: async (token: string) => ({ userId: token }) },
    logger: {
      info: () => undefined,
      warn: (details: object, message: string) => warnings.push({ details, message }),
      error: (details: object, message: string) => warnings.push({ details, message }),
    },
    clock: { now: () => new Date() },
    random: seededRandom(mixSeed('campaign-test-kit', ++serversStarted)),
    timings: { turnSeconds: 30, voteSeconds: 30, reconnectSeconds: 1, ...options.timings },
    telemetry: { message: (room: string) => void telemetry.messages.push(room), step: (room: string, kind: string) => void telemetry.steps.push(`${room}:${kind}`) },
  };
  const server = new Server({ transport: new WebSocketTransport(), greet: false, gracefullyShutdown: false });
  server.define(CAMPAIGN_ROOM, campaignRoom(deps));
  const port = await freePort();
  await server.listen(port, '127.0.0.1');
  return {
    port,
    deps,
    useGameMaster: (next) => (gameMaster = next),
    useMeter: (next) => (meter = next),
    warnings,
    telemetry,
    close: () => server.gracefullyShutdown(false),
  };
}

export interface Seat {
  userId: string;
  client: Client;
  room: Room<CampaignState>;
  chunks: StoryChunkMessage[];
  complete: StoryCompleteMessage[];
  chat: ChatMessage[];
  errors: RoomErrorMessage['error'][];
}

function clientFor(server: CampaignTestServer, userId: string): Client {
  const client = new Client(`ws://127.0.0.1:${server.port}`);
  client.auth.token = userId;
  return client;
}

export async function createCampaign(server: CampaignTestServer, userId: string, options: CampaignCreateOptions): Promise<Seat> {
  const client = clientFor(server, userId);
  const room = await client.create<CampaignState>(CAMPAIGN_ROOM, options);
  const seat = wire(userId, client, room);
  await until(() => room.state.code === room.roomId && room.state.players?.size > 0);
  return seat;
}

export async function joinCampaign(server: CampaignTestServer, userId: string, code: string, options: { name?: string; character?: string } = {}): Promise<Seat> {
  const client = clientFor(server, userId);
  const room = await client.joinById<CampaignState>(code, options);
  const seat = wire(userId, client, room);
  await until(() => room.state.players?.has(room.sessionId));
  return seat;
}

function wire(userId: string, client: Client, room: Room<CampaignState>): Seat {
  const seat: Seat = { userId, client, room, chunks: [], complete: [], chat: [], errors: [] };
  room.onMessage('story:chunk', (m: StoryChunkMessage) => seat.chunks.push(m));
  room.onMessage('story:complete', (m: StoryCompleteMessage) => seat.complete.push(m));
  room.onMessage('chat', (m: ChatMessage) => seat.chat.push(m));
  room.onMessage('error', (m: RoomErrorMessage) => seat.errors.push(m.error));
  return seat;
}

export async function until(predicate: () => boolean, ms = 5000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (predicate()) return true;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return predicate();
}

/** Waits for a refusal after `send`, returning its code (or null if none came). */
export async function refusalOf(seat: Seat, send: () => void, ms = 2000): Promise<string | null> {
  const before = seat.errors.length;
  send();
  await until(() => seat.errors.length > before, ms);
  return seat.errors[before]?.code ?? null;
}

/** The narration each seat saw for `beat`, from the chunks after the last restart. */
export function streamedText(seat: Seat, beat: number): string {
  const chunks = seat.chunks.filter((c) => c.beat === beat);
  const from = chunks.map((c) => c.restart === true).lastIndexOf(true);
  return chunks.slice(Math.max(0, from)).map((c) => c.text).join('');
}

export async function leaveAll(...seats: Seat[]): Promise<void> {
  // A kicked or dropped seat's leave() never settles: give each a moment, then move on.
  await Promise.all(seats.map((s) => Promise.race([s.room.leave().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 500))])));
}

