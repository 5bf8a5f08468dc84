/**
 * Colyseus caches a room's handshake — the reflection of its state's types, sent with every join —
 * per room, and builds it at the room's first join: for a story session (one room per player) that
 * was ~0.3 ms of every join (load-tests/RESULTS.md). Its bytes depend only on the state's class
 * (@colyseus/schema caches the encoder's type context per root class), so rooms of one kind share one.
 */
interface HandshakeSerializer {
  handshakeCache?: Uint8Array;
  handshake?(): Uint8Array;
  encoder?: { state?: object };
}

const handshakes = new WeakMap<object, Uint8Array>();

/** After the room's state is set: hand it the handshake of its state class, made once per process. */
export function shareHandshake(room: object): void {
  const serializer = (room as { _serializer?: HandshakeSerializer })._serializer;
  const stateClass = serializer?.encoder?.state?.constructor;
  // Another serializer (none, or a future Colyseus): leave it to build its own.
  if (!serializer?.handshake || !stateClass) return;
  const shared = handshakes.get(stateClass);
  if (shared) serializer.handshakeCache = shared;
  else handshakes.set(stateClass, serializer.handshake());
}
