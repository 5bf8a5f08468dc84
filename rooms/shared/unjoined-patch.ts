import { ClientState } from '@colyseus/core';
import { broadcastPatchThrough } from './room-patch';

/** True when some client of the room has completed its join (a joining one gets the whole state instead of patches). */
export function hasJoinedClient(room: { readonly clients: Iterable<{ state: ClientState }> }): boolean {
  for (const client of room.clients) if (client.state === ClientState.JOINED) return true;
  return false;
}

/**
 * Room.broadcastPatch for a room whose clients are all still joining: Colyseus would encode the patch
 * and send it to nobody. Each joining client is sent the whole state when its join completes, so the
 * changes are dropped unencoded, and the whole state is encoded afresh for the next join, as after any
 * patch. Answers false (nothing was sent).
 */
export function dropUnjoinedPatch(room: object): false {
  broadcastPatchThrough(room, ({ _serializer: serializer }) => {
    if (!serializer.encoder) return false;
    serializer.needFullEncode = true;
    serializer.encoder.discardChanges();
    return false;
  });
  return false;
}
