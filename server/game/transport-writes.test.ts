import { Room, Server, type Client } from '@colyseus/core';
import { Client as GameClient } from 'colyseus.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../rooms/shared/free-port';
import { transportsUnderTest } from '../../testing/transports';
import { silentLogger } from '../shared/logger';
import { createTransport, type ServingTransport } from './transport';

const FRAMES = 20;

/** Counts the writes Node's socket under a ws client makes (uWS writes in C++, out of sight). */
function countWrites(client: Client): () => number {
  const socket = (client as Client & { ref?: { _socket?: Record<string, (...args: unknown[]) => unknown> } }).ref?._socket;
  if (!socket) return () => -1;
  let writes = 0;
  for (const name of ['_write', '_writev']) {
    const original = socket[name]!.bind(socket);
    socket[name] = (...args: unknown[]) => (writes++, original(...args));
  }
  return () => writes;
}

describe.each(await transportsUnderTest())('frames sent together on the %s transport', (kind) => {
  let serving: ServingTransport;
  let server: Server;
  let port: number;
  beforeAll(async () => {
    serving = await createTransport(kind, silentLogger, '127.0.0.1');
    const writes = serving.writes;
    class BurstRoom extends Room {
      override onCreate(): void {
        this.onMessage('burst', (client, mode: 'together' | 'apart') => {
          const written = countWrites(client);
          const send = () => { for (let i = 0; i < FRAMES; i++) client.send('n', i); };
          if (mode === 'together') writes.together(client, send);
          else send();
          setImmediate(() => client.send('writes', written()));
        });
      }
    }
    server = new Server({ transport: serving.transport, greet: false, gracefullyShutdown: false });
    server.define('burst', BurstRoom);
    port = await freePort();
    await server.listen(port, '127.0.0.1');
  });
  afterAll(async () => { await server?.gracefullyShutdown(false); });

  const burst = async (mode: 'together' | 'apart') => {
    const room = await new GameClient(`ws://127.0.0.1:${port}`).joinOrCreate('burst');
    const received: number[] = [];
    room.onMessage('n', (n: number) => received.push(n));
    const writes = new Promise<number>((resolve) => room.onMessage('writes', resolve));
    room.send('burst', mode);
    const written = await writes;
    await room.leave();
    return { received, written };
  };

  it('delivers every frame as its own message, in order', async () => {
    const { received } = await burst('together');
    expect(received).toEqual(Array.from({ length: FRAMES }, (_, i) => i));
  });

  // uWS writes in C++, out of sight of a test; ws writes through Node's socket, which can be counted.
  if (kind === 'ws') {
    it('hands the socket one write instead of one per frame', async () => {
      expect((await burst('apart')).written).toBeGreaterThanOrEqual(FRAMES);
      expect((await burst('together')).written).toBe(1);
    });
  }
});
