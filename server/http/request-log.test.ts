import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestLogRouter } from './request-log';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwbGF5ZXItMSJ9.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg';

describe('the request log', () => {
  const lines: string[] = [];
  let base: string;
  let close: () => void;

  beforeAll(async () => {
    const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => { lines.push(chunk.toString('utf8')); done(); } });
    const app = express();
    app.use(requestLogRouter(pino({ level: 'info' }, sink), 'info'));
    app.get('/v1/stories', (_req, res) => { res.json({ items: [] }); });
    app.use((_req, res) => { res.status(404).json({ error: { code: 'ROUTE_NOT_FOUND' } }); });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close?.());

  it('logs the path of each request without its query string, so a token in a URL never reaches the log', async () => {
    await fetch(`${base}/game-1/AbCd/room1?sessionId=seat1&_authToken=${TOKEN}`);
    await fetch(`${base}/v1/stories?_authToken=${TOKEN}&cursor=abc`);
    await expect.poll(() => lines.length).toBe(2);
    const [socketPath, stories] = lines.map((line) => JSON.parse(line) as { path: string; status: number });
    expect(socketPath).toMatchObject({ path: '/game-1/AbCd/room1', status: 404 });
    expect(stories).toMatchObject({ path: '/v1/stories', status: 200 });
    const written = lines.join('');
    expect(written).not.toContain(TOKEN);
    expect(written).not.toContain('_authToken');
    expect(written).not.toContain('sessionId=');
  });
});
