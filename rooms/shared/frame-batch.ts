import { ClientState, getMessageBytes, Protocol, Room, type Client } from '@colyseus/core';
import type { ClientWrites } from './client-writes';
import { broadcastPatchThrough, type PatchingRoom } from './room-patch';

/** A client's share of a flush: which of its frames (indices, in order; null: all) and a frame of its own after them. */
export interface FrameShare {
  indices: readonly number[] | null;
  own: Uint8Array | null;
}

/** Decides each client's share from the tags the frames were pushed with (the same array for every client of one flush; empty for a patch alone). */
export type FrameChooser<Tag> = (client: Client, tags: readonly Tag[]) => FrameShare;

/**
 * Room messages for everyone in the room, gathered between two patches and then sent to each client
 * with the patch in one write (ClientWrites), in the order they came — each still its own message of
 * its own type, so clients see exactly what `broadcast` would have sent them, up to a patch interval
 * later. Each message is encoded once for the whole room. With a chooser, each client gets its share
 * of them instead (a reader sent only so many comments a second).
 */
export class FrameBatch<Tag = undefined> {
  private frames: Uint8Array[] = [];
  private tags: Tag[] = [];

  constructor(
    private readonly writes: ClientWrites,
    private readonly chooser: FrameChooser<Tag> | null = null,
  ) {}

  /** A message for everyone in the room (or those the chooser gives it to) at the next flush. */
  push(type: string, message: unknown, tag?: Tag): void {
    this.frames.push(getMessageBytes.raw(Protocol.ROOM_DATA, type, message));
    this.tags.push(tag as Tag);
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
    return broadcastPatchThrough(room, ({ _serializer: serializer, clients, state }) => {
      let patch: Uint8Array | null = null;
      const capture = { state: ClientState.JOINED, raw: (bytes: Uint8Array) => (patch = bytes) };
      const changed = serializer.applyPatches([capture], state);
      this.send(clients, patch);
      return changed;
    });
  }

  /** Sends what was gathered to every client (one still joining gets it with its first state). */
  flush(clients: Iterable<Client>): void {
    this.send(clients, null);
  }

  private send(clients: Iterable<Client>, patch: Uint8Array | null): void {
    // With a chooser, every flush is asked: a client may have a frame of its own due.
    if (this.frames.length === 0 && !patch && !this.chooser) return;
    const frames = this.frames;
    const tags = this.tags;
    this.frames = [];
    this.tags = [];
    for (const client of clients) {
      const share = this.chooser ? this.chooser(client, tags) : null;
      if (frames.length === 0 && !patch && !share?.own) continue;
      this.writes.together(client, () => {
        // The patch goes only to joined clients (as Colyseus sends it); a joining one gets the full state.
        if (patch && client.state === ClientState.JOINED) client.raw(patch);
        if (share?.indices) for (const index of share.indices) client.enqueueRaw(frames[index]!);
        else for (const frame of frames) client.enqueueRaw(frame);
        if (share?.own) client.enqueueRaw(share.own);
      });
    }
  }
}
