import { ClientState, type Client } from '@colyseus/core';

/** What dropping a patch needs of a Colyseus 0.16 room and its schema serializer (pinned version). */
interface PatchedRoom {
  readonly clients: Iterable<Client>;
  onBeforePatch?(state: unknown): unknown;
  readonly clock: { tick(): void };
  readonly _simulationInterval?: unknown;
  readonly _serializer: { needFullEncode?: boolean; encoder?: { discardChanges(): void } };
  _dequeueAfterPatchMessages(): void;
}

/** True when some client of the room has completed its join (a joining one gets the whole state instead of patches). */
export function hasJoinedClient(room: object): boolean {
  for (const client of (room as PatchedRoom).clients) if (client.state === ClientState.JOINED) return true;
  return false;
}

/**
 * Room.broadcastPatch for a room whose clients are all still joining (@colyseus/core 0.16, pinned):
 * Colyseus would encode the patch and send it to nobody. Each joining client is sent the whole state
 * when its join completes, so the changes are dropped unencoded, and the whole state is encoded
 * afresh for the next join, as after any patch. The rest is Room.broadcastPatch's: the hook before a
 * patch, the clock's tick, the messages queued for after it. Answers false (nothing was sent).
 */
export function dropUnjoinedPatch(room: object): false {
  const colyseus = room as PatchedRoom;
  colyseus.onBeforePatch?.((room as { state: unknown }).state);
  if (!colyseus._simulationInterval) colyseus.clock.tick();
  if (colyseus._serializer.encoder) {
    colyseus._serializer.needFullEncode = true;
    colyseus._serializer.encoder.discardChanges();
  }
  colyseus._dequeueAfterPatchMessages();
  return false;
}
