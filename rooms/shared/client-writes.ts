import type { Client } from '@colyseus/core';

/**
 * Several frames to one client in one write to its socket where the transport can gather them (uWS'
 * cork, a corked Node socket); they stay separate WebSocket messages. Outside a transport's own
 * callbacks every send is otherwise a write of its own — a system call and a wake-up of the reader —
 * which is what a chapter-wide stream of comments costs on release day. The composition root picks
 * the transport's; rooms without one send as they are.
 */
export interface ClientWrites {
  /** Runs `send` (which sends only to `client`) so that its frames leave in one write. Never nest two clients' calls. */
  together(client: Client, send: () => void): void;
}

/** Each frame written as it is sent (room tests, a transport that gathers nothing). */
export const SEPARATE_WRITES: ClientWrites = { together: (_client, send) => send() };
