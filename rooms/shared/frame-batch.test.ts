import type { Client } from '@colyseus/core';
import { getMessageBytes, Protocol } from '@colyseus/core';
import { describe, expect, it } from 'vitest';
import type { ClientWrites } from './client-writes';
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
});
