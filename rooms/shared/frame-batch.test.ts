import type { Socket } from 'node:net';
import { getMessageBytes, Protocol, Room, Server, type Client } from '@colyseus/core';
import { Schema, type } from '@colyseus/schema';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { Client as GameClient } from 'colyseus.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './free-port';
import { SEPARATE_WRITES as SEPARATE, type ClientWrites } from './client-writes';
import { FrameBatch } from './frame-batch';

/** A client that records what it is sent, and in which `together` call. */
function recordingClient(id: string, log: string[]) {
  const frames: Uint8Array[] = [];
  const client = { sessionId: id, enqueueRaw: (frame: Uint8Array) => { frames.push(frame); log.push(`${id} frame`); } } as unknown as Client;
  return { client, frames };
}

describe('FrameBatch', () => {
  it('sends what was gathered to each client in one write each, in order, encoded once', () => {
    const log: string[] = [];
    const writes: ClientWrites = { together: (client, send) => { log.push(`${client.sessionId} begin`); send(); log.push(`${client.sessionId} end`); } };
    const batch = new FrameBatch(writes);
    const [a, b] = [recordingClient('a', log), recordingClient('b', log)];
    batch.push('comment', { text: 'first' });
    batch.push('commentDeleted', { id: 'c1' });
    batch.flush([a.client, b.client]);
    expect(log).toEqual(['a begin', 'a frame', 'a frame', 'a end', 'b begin', 'b frame', 'b frame', 'b end']);
    expect(a.frames).toEqual([getMessageBytes.raw(Protocol.ROOM_DATA, 'comment', { text: 'first' }), getMessageBytes.raw(Protocol.ROOM_DATA, 'commentDeleted', { id: 'c1' })]);
    // The same bytes for every client: encoded once.
    expect(b.frames[0]).toBe(a.frames[0]);
  });

  it('sends nothing when nothing was gathered, and nothing twice', () => {
    let writes = 0;
    const batch = new FrameBatch({ together: (_client, send) => { writes++; send(); } });
    const a = recordingClient('a', []);
    batch.flush([a.client]);
    batch.push('comment', { text: 'once' });
    batch.flush([a.client]);
    batch.flush([a.client]);
    expect(writes).toBe(1);
    expect(a.frames).toHaveLength(1);
  });

  it('gives each client its share with a chooser: some of the frames by their tags, and a frame of its own, even with nothing gathered', () => {
    const seenTags: (readonly string[])[] = [];
    const own = getMessageBytes.raw(Protocol.ROOM_DATA, 'commentsHeldBack', { count: 1 });
    const batch = new FrameBatch<string>(SEPARATE, (client, tags) => {
      seenTags.push(tags);
      if (client.sessionId === 'a') return { indices: null, own: null };
      if (client.sessionId === 'c') return { indices: [], own: null };
      return { indices: tags.flatMap((tag, index) => (tag === 'for b' ? [index] : [])), own };
    });
    const [a, b, c] = [recordingClient('a', []), recordingClient('b', []), recordingClient('c', [])];
    batch.push('comment', { text: 'one' }, 'for a');
    batch.push('comment', { text: 'two' }, 'for b');
    batch.flush([a.client, b.client, c.client]);
    expect(seenTags).toEqual([['for a', 'for b'], ['for a', 'for b'], ['for a', 'for b']]);
    expect(a.frames).toHaveLength(2);
    expect(b.frames).toEqual([a.frames[1], own]);
    expect(c.frames).toEqual([]);
    // Nothing gathered: still asked, and only a client with a frame of its own is written to.
    batch.flush([a.client, b.client, c.client]);
    expect(seenTags.slice(3)).toEqual([[], [], []]);
    expect([a.frames.length, b.frames.length, c.frames.length]).toEqual([2, 3, 0]);
  });
});

/** A counter state, patched by the room below. */
class CounterState extends Schema {
  @type('number') count = 0;
  /** Clients that have joined: a client that sees 2 has both joins behind it. */
  @type('number') joined = 0;
}

/** Frames gathered with the patch, over a real Colyseus server (ws transport, writes counted at Node's socket). */
describe('FrameBatch.patchAndFlush in a room', () => {
  let server: Server;
  let port: number;
  /** Writes each client's socket has made since it joined (Node's socket: ws transport). */
  const writes = new Map<string, number>();
  const beforePatch = { calls: 0 };

  beforeAll(async () => {
    const corked: ClientWrites = {
      together: (client, send) => {
        const socket = (client as Client & { ref: { _socket: Socket } }).ref._socket;
        socket.cork();
        send();
        socket.uncork();
      },
    };
    const countWrites = (client: Client) => {
      const socket = (client as Client & { ref: { _socket: Socket & Record<string, (...args: unknown[]) => unknown> } }).ref._socket;
      writes.set(client.sessionId, 0);
      for (const name of ['_write', '_writev']) {
        const original = socket[name]!;
        socket[name] = (...args: unknown[]) => (writes.set(client.sessionId, writes.get(client.sessionId)! + 1), original.apply(socket, args));
      }
    };
    class BatchRoom extends Room<CounterState> {
      private readonly batch = new FrameBatch(corked);
      override onCreate(): void {
        this.setState(new CounterState());
        this.setPatchRate(50);
        this.onMessage('bump', () => {
          this.state.count++;
          this.batch.push('note', { count: this.state.count });
          this.broadcast('after', { count: this.state.count }, { afterNextPatch: true });
        });
      }
      override onJoin(client: Client): void {
        countWrites(client);
        this.state.joined++;
      }
      override onBeforePatch(): void {
        beforePatch.calls++;
      }
      override broadcastPatch(): boolean {
        return this.batch.patchAndFlush(this);
      }
    }
    server = new Server({ transport: new WebSocketTransport(), greet: false, gracefullyShutdown: false });
    server.define('batch', BatchRoom);
    port = await freePort();
    await server.listen(port, '127.0.0.1');
  });
  afterAll(async () => { await server?.gracefullyShutdown(false); });

  it('sends each client the patch and the gathered messages in one write, and keeps what Colyseus does around a patch', async () => {
    const rooms = await Promise.all([1, 2].map(() => new GameClient(`ws://127.0.0.1:${port}`).joinOrCreate<CounterState>('batch')));
    // Both joins behind both clients (state, not events: a first state can be decoded before a handler is added).
    await expect.poll(() => rooms.every((room) => room.state.joined === 2)).toBe(true);
    const seen = rooms.map(() => [] as string[]);
    rooms.forEach((room, i) => {
      room.onStateChange((state) => seen[i]!.push(`state ${state.count}`));
      room.onMessage('note', (m: { count: number }) => seen[i]!.push(`note ${m.count}`));
      room.onMessage('after', (m: { count: number }) => seen[i]!.push(`after ${m.count}`));
    });
    for (const sessionId of writes.keys()) writes.set(sessionId, 0);
    rooms[0]!.send('bump');
    await expect.poll(() => seen.every((s) => s.includes('after 1'))).toBe(true);
    for (const s of seen) expect(s).toEqual(['state 1', 'note 1', 'after 1']);
    // Each client: the patch and the note in one write, then the message Colyseus sends after the patch.
    expect([...writes.values()]).toEqual([2, 2]);
    expect(beforePatch.calls).toBeGreaterThan(0);
    await Promise.all(rooms.map((room) => room.leave()));
  });
});
