import { getMessageBytes, Protocol, type Client } from '@colyseus/core';
import type { ClientWrites } from './client-writes';

/**
 * Room messages for everyone in the room, gathered between two patches and then sent to each client
 * in one write (ClientWrites), in the order they came — each still its own message of its own type,
 * so clients see exactly what `broadcast` would have sent them, up to a patch interval later. Each
 * message is encoded once for the whole room.
 */
export class FrameBatch {
  private frames: Uint8Array[] = [];

  constructor(private readonly writes: ClientWrites) {}

  /** A message for everyone in the room at the next flush. */
  push(type: string, message: unknown): void {
    this.frames.push(getMessageBytes.raw(Protocol.ROOM_DATA, type, message));
  }

  /** Sends what was gathered to every client (one still joining gets it with its first state). */
  flush(clients: Iterable<Client>): void {
    if (this.frames.length === 0) return;
    const frames = this.frames;
    this.frames = [];
    for (const client of clients) {
      this.writes.together(client, () => {
        for (const frame of frames) client.enqueueRaw(frame);
      });
    }
  }
}
