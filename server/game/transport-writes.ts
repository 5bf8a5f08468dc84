import type { Socket } from 'node:net';
import type { Client } from '@colyseus/core';
import type { ClientWrites } from '../../rooms/shared/client-writes';

/** The uWS socket behind a Colyseus uWS client (its `ref` wraps it). */
interface UwsSocket {
  cork(send: () => void): void;
}

/**
 * uWS: the client's socket corked around the sends — its frames go out in one write when the handler
 * returns. uWS runs the handler uncorked when another socket is corked, so a nested call is safe.
 */
export const UWS_WRITES: ClientWrites = {
  together(client, send) {
    const uws = client as Client & { ref?: { ws?: UwsSocket }; readyState?: number };
    const socket = uws.ref?.ws;
    // readyState 1 is OPEN (the uWS client's own flag, set false in uWS' close callback).
    if (!socket || uws.readyState !== 1) return send();
    try {
      socket.cork(send);
    } catch {
      // Closed under us (uWS throws on a closed socket): nothing sent to it can arrive anyway.
    }
  },
};

/** ws: the client's TCP socket corked; uncork hands Node every frame at once (one writev). */
export const WS_WRITES: ClientWrites = {
  together(client, send) {
    const socket = (client as Client & { ref?: { _socket?: Socket } }).ref?._socket;
    if (!socket) return send();
    socket.cork();
    try {
      send();
    } finally {
      socket.uncork();
    }
  },
};
