import { createServer, type Server as HttpServer } from 'node:http';
import type { Transport } from '@colyseus/core';
import express, { type Express } from 'express';
import type { Logger } from '../shared/logger';

export type TransportKind = 'uws' | 'ws';

/** A Colyseus transport plus the Express app that serves REST on the same port. */
export interface ServingTransport {
  kind: TransportKind;
  transport: Transport;
  expressApp: Express;
  /** The port actually bound (useful with port 0). */
  boundPort(requested: number): number;
}

/**
 * uWebSockets.js when asked and loadable (REST rides on it through uwebsockets-express);
 * otherwise, or when TRANSPORT=ws, the `ws` transport on a Node HTTP server.
 */
export async function createTransport(requested: TransportKind, logger: Logger): Promise<ServingTransport> {
  if (requested === 'uws') {
    try {
      return await createUwsTransport();
    } catch (error) {
      logger.warn({ err: error }, 'uWebSockets.js failed to load; falling back to the ws transport');
    }
  }
  return createWsTransport();
}

async function createUwsTransport(): Promise<ServingTransport> {
  const { uWebSocketsTransport } = await import('@colyseus/uwebsockets-transport');
  const uws = (await import('uWebSockets.js')).default;
  const transport = new uWebSocketsTransport({ maxPayloadLength: 16 * 1024 });
  return {
    kind: 'uws',
    transport,
    expressApp: transport.expressApp as unknown as Express,
    boundPort: (requested) => {
      // The transport keeps uWS's listen socket privately; ask uWS which port it got.
      const socket = (transport as unknown as { _listeningSocket?: unknown })._listeningSocket;
      return socket ? uws.us_socket_local_port(socket as never) : requested;
    },
  };
}

async function createWsTransport(): Promise<ServingTransport> {
  const { WebSocketTransport } = await import('@colyseus/ws-transport');
  const expressApp = express();
  const server: HttpServer = createServer(expressApp);
  const transport = new WebSocketTransport({ server, maxPayload: 16 * 1024 });
  return {
    kind: 'ws',
    transport,
    expressApp,
    boundPort: (requested) => {
      const address = server.address();
      return address && typeof address === 'object' ? address.port : requested;
    },
  };
}
