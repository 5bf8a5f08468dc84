import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JsonResponseMemo } from './json-response-memo';

describe('JsonResponseMemo', () => {
  let base = '';
  let serializations = 0;
  let close: () => void = () => undefined;
  // A cached answer: the same object every time, counting how often it is turned into JSON.
  const cachedPage = { items: [{ id: 'dead-air', title: 'Dead Air' }], nextCursor: null, toJSON() { serializations++; return { items: this.items, nextCursor: this.nextCursor }; } };

  beforeAll(async () => {
    const app = express();
    const memo = new JsonResponseMemo();
    app.get('/memo', (req, res) => memo.send(req, res, cachedPage));
    app.get('/plain', (_req, res) => res.json(cachedPage));
    const server = app.listen(0);
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close());

  it('answers the same bytes, content type and ETag as res.json', async () => {
    const [memo, plain] = await Promise.all([fetch(`${base}/memo`), fetch(`${base}/plain`)]);
    expect(memo.status).toBe(200);
    expect(await memo.text()).toBe(await plain.text());
    expect(memo.headers.get('content-type')).toBe(plain.headers.get('content-type'));
    expect(memo.headers.get('etag')).toBe(plain.headers.get('etag'));
  });

  it('serializes one object once, however often it is sent', async () => {
    const before = serializations;
    for (let i = 0; i < 5; i++) await (await fetch(`${base}/memo`)).text();
    expect(serializations - before).toBeLessThanOrEqual(1);
  });

  it('answers 304 with no body to a reader who already has it', async () => {
    const etag = (await fetch(`${base}/memo`)).headers.get('etag')!;
    // As a browser revalidates (fetch() would add `cache-control: no-cache` to a conditional request).
    const again = await fetch(`${base}/memo`, { headers: { 'if-none-match': etag, 'cache-control': 'max-age=0' } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });
});
