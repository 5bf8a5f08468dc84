/**
 * readRawBody on the real transports (uWS through uwebsockets-express, and ws on Node's HTTP
 * server), behind the app's own middleware and error handler (configureHttpApp): the bytes arrive
 * whole — a slow upload too — and a body over the limit, or without a length, is refused in the error shape.
 */
import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import { Router } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTransport, type ServingTransport } from '../game/transport';
import { silentLogger } from '../shared/logger';
import { openTestDatabase, type TestDatabase } from '../../testing/test-database';
import { transportsUnderTest } from '../../testing/transports';
import { ApiError } from './api-error';
import { asyncRoute } from './async-route';
import { configureHttpApp } from './configure-http-app';
import { Metrics } from './metrics';
import { readRawBody } from './read-raw-body';

const MAX_BYTES = 1000;

/** An upload route as the studio's would use the reader: its own refusal over the limit. */
function uploadRouter(): Router {
  const router = Router();
  router.put(
    '/upload',
    asyncRoute(async (req, res) => {
      const body = await readRawBody(req, res, { maxBytes: MAX_BYTES, tooLarge: (maxBytes) => new ApiError(413, 'ASSET_TOO_LARGE', 'too large', { maxBytes }) });
      res.json({ size: body.length, sha256: createHash('sha256').update(body).digest('hex') });
    }),
  );
  return router;
}

/** Sends bytes over a bare socket (a pause between the parts when asked); resolves with the answer's status line and body. */
function rawRequest(port: number, parts: Buffer[], pauseMs = 0): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('connect', async () => {
      for (const [i, part] of parts.entries()) {
        if (i > 0 && pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
        if (!socket.destroyed) socket.write(part);
      }
    });
    const answer = () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text);
      const end = text.indexOf('\r\n\r\n');
      return status && end >= 0 ? { status: Number(status[1]), body: text.slice(end + 4) } : null;
    };
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      const got = answer();
      if (got && got.body.endsWith('}')) {
        socket.destroy();
        resolve(got);
      }
    });
    socket.on('error', reject);
    socket.on('close', () => {
      const got = answer();
      if (got) resolve(got);
      else reject(new Error('closed without an answer'));
    });
  });
}

const head = (headers: Record<string, string | number>) =>
  Buffer.from(`PUT /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`);

describe.each(await transportsUnderTest())('readRawBody on the %s transport', (kind) => {
  let db: TestDatabase;
  let serving: ServingTransport;
  let port: number;

  beforeAll(async () => {
    db = await openTestDatabase('sqlite');
    serving = await createTransport(kind, silentLogger);
    configureHttpApp(serving.expressApp, { orm: db.orm, logger: silentLogger, metrics: new Metrics(), routers: [uploadRouter()], trustProxy: false, startedAt: new Date() });
    await new Promise<void>((resolve, reject) => {
      serving.transport.listen(0, '127.0.0.1', undefined, (error?: Error) => (error ? reject(error) : resolve()));
    });
    port = serving.boundPort(0);
  });
  afterAll(async () => {
    serving?.transport.shutdown();
    await db?.close();
  });

  const put = (body: Uint8Array | string, headers: Record<string, string> = {}) =>
    fetch(`http://127.0.0.1:${port}/upload`, { method: 'PUT', body, headers: { 'content-type': 'image/png', ...headers } });

  it('hands the route the exact bytes, up to the limit', async () => {
    const bytes = Buffer.from(Array.from({ length: MAX_BYTES }, (_, i) => (i * 7) % 256));
    const answer = await put(bytes);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ size: MAX_BYTES, sha256: createHash('sha256').update(bytes).digest('hex') });
  });

  it('answers 413 in the error shape, with the route\'s own code, for one byte over the limit', async () => {
    const answer = await put(Buffer.alloc(MAX_BYTES + 1, 1));
    expect(answer.status).toBe(413);
    const body = (await answer.json()) as any;
    expect(body.error).toMatchObject({ code: 'ASSET_TOO_LARGE', details: { maxBytes: MAX_BYTES } });
    expect(body.error.request_id).toEqual(expect.any(String));
  });

  it('takes an empty body as no bytes', async () => {
    const answer = await put(new Uint8Array(0));
    expect(await answer.json()).toEqual({ size: 0, sha256: createHash('sha256').update('').digest('hex') });
  });

  it('returns a JSON body\'s bytes as sent, though the app parsed it already', async () => {
    const text = '{"a": 1}';
    const answer = await put(text, { 'content-type': 'application/json' });
    expect(await answer.json()).toEqual({ size: text.length, sha256: createHash('sha256').update(text).digest('hex') });
  });

  it('answers 411 to a chunked body with no Content-Length (uwebsockets-express would never read it)', async () => {
    const answer = await rawRequest(port, [head({ 'Content-Type': 'image/png', 'Transfer-Encoding': 'chunked' }), Buffer.from('5\r\nhello\r\n0\r\n\r\n')]);
    expect(answer.status).toBe(411);
    expect(JSON.parse(answer.body).error.code).toBe('LENGTH_REQUIRED');
  });

  it('waits for a slow body instead of taking the part that has arrived', async () => {
    const first = Buffer.alloc(300, 1);
    const rest = Buffer.alloc(400, 2);
    // A pause past uwebsockets-express's default (500 ms), after which it used to hand over the first part alone.
    const answer = await rawRequest(port, [Buffer.concat([head({ 'Content-Type': 'image/png', 'Content-Length': 700 }), first]), rest], 800);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ size: 700, sha256: createHash('sha256').update(Buffer.concat([first, rest])).digest('hex') });
  });

  if (kind === 'ws') {
    // On uWS the transport reads the declared length before any route runs (see readRawBody).
    it('refuses a declared length over the limit before reading the body', async () => {
      const answer = await rawRequest(port, [head({ 'Content-Type': 'image/png', 'Content-Length': 50 * 1024 * 1024 }), Buffer.alloc(10)]);
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body).error.details).toEqual({ maxBytes: MAX_BYTES });
    });
  }
});
