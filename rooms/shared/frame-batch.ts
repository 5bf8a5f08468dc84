import { ClientState, getMessageBytes, Protocol, Room, type Client } from '@colyseus/core';
import type { ClientWrites } from './client-writes';

/** What FrameBatch needs of a Colyseus 0.16 room to send its patch itself (pinned version; see patchAndFlush). */
interface PatchingRoom {
  readonly clients: Iterable<Client>;
  readonly state: unknown;
  onBeforePatch?(state: unknown): unknown;
  readonly clock: { tick(): void };
  readonly _simulationInterval?: unknown;
  readonly _serializer: { hasFilters?: boolean; applyPatches(clients: unknown[], state: unknown): boolean };
  _dequeueAfterPatchMessages(): void;
}

/**
 * Room messages for everyone in the room, gathered between two patches and then sent to each client
 * with the patch in one write (ClientWrites), in the order they came — each still its own message of
 * its own type, so clients see exactly what `broadcast` would have sent them, up to a patch interval
 * later. Each message is encoded once for the whole room.
 */
export class FrameBatch {
  private frames: Uint8Array[] = [];

  constructor(private readonly writes: ClientWrites) {}

  /** A message for everyone in the room at the next flush. */
  push(type: string, message: unknown): void {
    this.frames.push(getMessageBytes.raw(Protocol.ROOM_DATA, type, message));
  }

  /**
   * Room.broadcastPatch with each client's patch and the gathered frames in one write. Colyseus sends
   * the patch to every client in a loop of its own — a write each, then another for the frames — so
   * this does what its broadcastPatch does (@colyseus/core 0.16, pinned) with the send taken out: the
   * serializer encodes the patch once for a single capturing client (a room without StateView filters
   * sends every client the same bytes), then each client gets patch and frames together. A room with
   * filters gets Colyseus' own patch, then the frames.
   */
  patchAndFlush(room: object): boolean {
    const colyseus = room as PatchingRoom;
    if (colyseus._serializer.hasFilters) {
      // Colyseus' own, not the room's override that called this.
      const changed = Room.prototype.broadcastPatch.call(room as Room);
      this.flush(colyseus.clients);
      return changed;
    }
    colyseus.onBeforePatch?.(colyseus.state);
    if (!colyseus._simulationInterval) colyseus.clock.tick();
    if (!colyseus.state) return false;
    let patch: Uint8Array | null = null;
    const capture = { state: ClientState.JOINED, raw: (bytes: Uint8Array) => (patch = bytes) };
    const changed = colyseus._serializer.applyPatches([capture], colyseus.state);
    this.send(colyseus.clients, patch);
    colyseus._dequeueAfterPatchMessages();
    return changed;
  }

  /** Sends what was gathered to every client (one still joining gets it with its first state). */
  flush(clients: Iterable<Client>): void {
    this.send(clients, null);
  }

  private send(clients: Iterable<Client>, patch: Uint8Array | null): void {
    if (this.frames.length === 0 && !patch) return;
    const frames = this.frames;
    this.frames = [];
    for (const client of clients) {
      this.writes.together(client, () => {
        // The patch goes only to joined clients (as Colyseus sends it); a joining one gets the full state.
        if (patch && client.state === ClientState.JOINED) client.raw(patch);
        for (const frame of frames) client.enqueueRaw(frame);
      });
    }
  }
}
