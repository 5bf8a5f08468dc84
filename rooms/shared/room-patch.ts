import type { Client } from '@colyseus/core';

/** What sending a patch our own way needs of a Colyseus 0.16 room and its schema serializer (pinned version). */
export interface PatchingRoom {
  readonly clients: Iterable<Client>;
  readonly state: unknown;
  onBeforePatch?(state: unknown): unknown;
  readonly clock: { tick(): void };
  readonly _simulationInterval?: unknown;
  readonly _serializer: {
    hasFilters?: boolean;
    needFullEncode?: boolean;
    encoder?: { discardChanges(): void };
    applyPatches(clients: unknown[], state: unknown): boolean;
  };
  _dequeueAfterPatchMessages(): void;
}

/**
 * Room.broadcastPatch (@colyseus/core 0.16, pinned) with its serializer step replaced by `patch`: the
 * hook before a patch, the clock's tick, then `patch` (answering whether anything changed), then the
 * messages queued for after it. The one place that knows what surrounds Colyseus' patch.
 */
export function broadcastPatchThrough(room: object, patch: (room: PatchingRoom) => boolean): boolean {
  const colyseus = room as PatchingRoom;
  colyseus.onBeforePatch?.(colyseus.state);
  if (!colyseus._simulationInterval) colyseus.clock.tick();
  if (!colyseus.state) return false;
  const changed = patch(colyseus);
  colyseus._dequeueAfterPatchMessages();
  return changed;
}
