import { randomUUID } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import type { Transport } from '@colyseus/core';
import express, { type Express } from 'express';
import type { ClientWrites } from '../../rooms/shared/client-writes';
import type { Logger } from '../shared/logger';
import { UWS_WRITES, WS_WRITES } from './transport-writes';

/**
 * Node's HTTP parser resets a request whose head passes 16 KiB (a long URL) before Express sees it;
 * uWS answers such requests. The same limit on both transports: a long path gets a 4xx, not a reset.
 */
const MAX_REQUEST_HEAD_BYTES = 128 * 1024;

/**
 * How long an idle keep-alive connection stays open on a Node HTTP server (Node's own default, made
 * explicit): the cluster's nginx closes its idle upstream connections sooner (cluster/nginx-config.ts),
 * so it never sends a request down one this end is closing — that race answered POSTs with 502.
 */
export const NODE_HTTP_KEEP_ALIVE_MS = 5_000;
/** uWS closes an idle HTTP connection after 10 s (HTTP_IDLE_TIMEOUT_S in uWebSockets; not settable from JS). */
export const UWS_HTTP_IDLE_MS = 10_000;

/** Node's HTTP server for Express: the request-head limit, the keep-alive time, and the error shape for what its parser refuses. */
function nodeHttpServer(app: Express): HttpServer {
  const server = answerUnparsableRequests(createServer({ maxHeaderSize: MAX_REQUEST_HEAD_BYTES }, app));
  server.keepAliveTimeout = NODE_HTTP_KEEP_ALIVE_MS;
  return server;
}

/** Requests Node's parser refuses before Express (a head past the limit, garbage) still get the error shape. */
function answerUnparsableRequests(server: HttpServer): HttpServer {
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
    const body = JSON.stringify({ error: { code: tooLarge ? 'REQUEST_TOO_LARGE' : 'BAD_REQUEST', message: tooLarge ? 'The request line and headers are too large' : 'The request could not be parsed', details: {}, request_id: randomUUID() } });
    socket.end(`HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
  return server;
}

export type TransportKind = 'uws' | 'ws';

/** A Colyseus transport plus the Express app that serves REST on the same port. */
export interface ServingTransport {
  kind: TransportKind;
  transport: Transport;
  /** How several frames to one client leave in one write on this transport. */
  writes: ClientWrites;
  expressApp: Express;
  /** The port actually bound (useful with port 0). */
  boundPort(requested: number): number;
}

/**
 * uWebSockets.js when asked and loadable (REST rides on it through uwebsockets-express);
 * otherwise, or when TRANSPORT=ws, the `ws` transport on a Node HTTP server.
 */
export async function createTransport(requested: TransportKind, logger: Logger, bindAddress?: string): Promise<ServingTransport> {
  if (requested === 'uws') {
    try {
      return await createUwsTransport(bindAddress);
    } catch (error) {
      // Expected on Node 22/24 where glibc is older than 2.38 (Debian 12): a warning, not an error.
      logger.warn({ err: error }, 'uWebSockets.js failed to load (its Node 22/24 binaries need glibc 2.38); falling back to the ws transport');
    }
  }
  return createWsTransport();
}

/** Whether uWebSockets.js loads on this Node and libc, without starting anything. */
export async function uwsLoads(): Promise<boolean> {
  try {
    await import('uWebSockets.js');
    return true;
  } catch {
    return false;
  }
}

async function createUwsTransport(bindAddress?: string): Promise<ServingTransport> {
  const { uWebSocketsTransport } = await import('@colyseus/uwebsockets-transport');
  const uws = (await import('uWebSockets.js')).default;
  const transport = new uWebSocketsTransport({ maxPayloadLength: 16 * 1024 });
  allowSlowBodies(transport.expressApp);
  if (bindAddress) bindUwsTo(transport, bindAddress);
  return {
    kind: 'uws',
    transport,
    writes: UWS_WRITES,
    expressApp: transport.expressApp as unknown as Express,
    boundPort: (requested) => {
      // The transport keeps uWS's listen socket privately; ask uWS which port it got.
      const socket = (transport as unknown as { _listeningSocket?: unknown })._listeningSocket;
      return socket ? uws.us_socket_local_port(socket as never) : requested;
    },
  };
}

/**
 * uwebsockets-express reads a request's whole body before Express sees it, and once its
 * readBodyMaxTime has passed (500 ms by default) it hands Express the part that arrived as if it
 * were all, Content-Length rewritten to match: an upload on a slow link was silently cut short.
 * Give a body as long as Node's HTTP server does (its requestTimeout) before that happens.
 */
const UWS_BODY_READ_MS = 300_000;

function allowSlowBodies(expressApp: unknown): void {
  (expressApp as { opts?: { readBodyMaxTime?: number } }).opts = { readBodyMaxTime: UWS_BODY_READ_MS };
}

/**
 * The uWS transport ignores the host given to listen() and binds every interface; in the cluster
 * a game process must only be reachable through nginx, so listen on the uWS app ourselves.
 */
const LIBUS_LISTEN_EXCLUSIVE_PORT = 1;

function bindUwsTo(transport: Transport, host: string): void {
  const t = transport as unknown as {
    app: { listen(host: string, port: number, options: number, cb: (socket: unknown) => void): void };
    server: { emit(event: string): void };
    _listeningSocket?: unknown;
    listen(port: number, hostname?: string, backlog?: number, cb?: (error?: Error) => void): unknown;
  };
  t.listen = (port, _hostname, _backlog, cb) => {
    // Exclusive: uWS otherwise sets SO_REUSEPORT, and a second process on the port would silently
    // share its connections (rooms live in one process: "seat reservation expired").
    t.app.listen(host, port, LIBUS_LISTEN_EXCLUSIVE_PORT, (socket) => {
      if (!socket) return cb?.(new Error(`cannot listen on ${host}:${port}`));
      t._listeningSocket = socket;
      cb?.();
      t.server.emit('listening');
    });
    return transport;
  };
}

async function createWsTransport(): Promise<ServingTransport> {
  const { WebSocketTransport } = await import('@colyseus/ws-transport');
  const expressApp = express();
  const server = nodeHttpServer(expressApp);
  const transport = new WebSocketTransport({ server, maxPayload: 16 * 1024 });
  return {
    kind: 'ws',
    transport,
    writes: WS_WRITES,
    expressApp,
    boundPort: (requested) => {
      const address = server.address();
      return address && typeof address === 'object' ? address.port : requested;
    },
  };
}

/** A sidecar's plain HTTP server (no rooms): Express on node:http. */
export interface HttpOnlyServer {
  kind: 'http';
  expressApp: Express;
  /** Listens and resolves with the bound port. */
  listen(port: number, host?: string): Promise<number>;
  /** Stops accepting, lets requests in flight finish (idle keep-alive sockets are closed). */
  close(): Promise<void>;
}

export function createHttpOnly(): HttpOnlyServer {
  const expressApp = express();
  const server = nodeHttpServer(expressApp);
  return {
    kind: 'http',
    expressApp,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address();
          resolve(address && typeof address === 'object' ? address.port : port);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
