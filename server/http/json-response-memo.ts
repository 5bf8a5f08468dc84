import type { Request, Response } from 'express';

interface Serialized {
  body: Buffer;
  etag: string;
}

/**
 * Sends answers that are cached objects (the catalog's pages and details are the same object for
 * as long as the service caches them) without serializing and hashing them again on every request:
 * the JSON bytes and their ETag are kept per object and dropped with it. Same bytes, ETag (Express's
 * own function) and 304 handling as `res.json`.
 */
export class JsonResponseMemo {
  private readonly serialized = new WeakMap<object, Serialized>();

  send(req: Request, res: Response, value: object): void {
    let entry = this.serialized.get(value);
    if (!entry) {
      const body = Buffer.from(JSON.stringify(value));
      const etagOf = req.app.get('etag fn') as ((body: Buffer, encoding: string) => string) | undefined;
      entry = { body, etag: etagOf ? etagOf(body, 'utf8') : '' };
      this.serialized.set(value, entry);
    }
    if (entry.etag) res.setHeader('ETag', entry.etag);
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    // res.send answers 304 when the request is fresh against the ETag set here.
    res.send(entry.body);
  }
}
