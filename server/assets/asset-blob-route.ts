import type { Readable } from 'node:stream';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { ifNoneMatchHits } from '../catalog/if-none-match';
import { ApiError } from '../http/api-error';
import { asyncRoute } from '../http/async-route';
import { parseInput } from '../http/validate';
import type { AssetStore, ByteRange } from './asset-store';
import { requestedRange } from './byte-range';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Uploaded by writers, opened by anyone: never sniffed into another type, and sandboxed as the
 * story asset route sandboxes them (server/catalog/asset-route.ts; a test keeps the two the same).
 */
const BLOB_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox",
};

const blobParams = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256: 64 lowercase hex digits') });

/**
 * GET /v1/assets/:sha256 — a stored asset by the hash of its bytes. The URL names the bytes, so the
 * answer is cached for a year and its ETag is the hash itself. A single byte range is served as
 * 206 (Safari plays <audio> only from a server that answers ranges).
 */
export function assetBlobRouter(deps: { assets: AssetStore }): Router {
  const { assets } = deps;
  const router = Router();
  router.get(
    '/v1/assets/:sha256',
    asyncRoute(async (req, res, next) => {
      const { sha256 } = parseInput(blobParams, req.params, 'path');
      const etag = `"${sha256}"`;
      // Only a stored asset gets the year-long caching: a 404 must not be cached as if immutable.
      if (ifNoneMatchHits(req.get('if-none-match'), etag)) {
        if (!(await assets.has(sha256))) throw notFound(sha256);
        setBlobHeaders(res, etag);
        return res.status(304).end();
      }
      const range = await rangeAsked(req, assets, sha256, etag);
      const blob = await assets.get(sha256, range ?? undefined);
      if (!blob) throw notFound(sha256);
      setBlobHeaders(res, etag);
      res.setHeader('Content-Type', blob.contentType);
      if (range) {
        res.status(206);
        res.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${blob.size}`);
      }
      if (Buffer.isBuffer(blob.body)) return res.end(blob.body);
      res.setHeader('Content-Length', String(range ? range.end - range.start + 1 : blob.size));
      stream(blob.body, res, next);
    }),
  );
  return router;
}

/** The single range a Range request asks for (if its If-Range holds), null for the whole blob; 416 when it lies past the end. */
async function rangeAsked(req: Request, assets: AssetStore, sha256: string, etag: string): Promise<ByteRange | null> {
  const header = req.get('range');
  // If-Range names the version the client holds part of; under a hash URL there is only one.
  if (header === undefined || ![undefined, etag].includes(req.get('if-range'))) return null;
  const info = await assets.stat(sha256);
  if (!info) return null;
  const range = requestedRange(header, info.size);
  if (range === 'unsatisfiable') {
    throw new ApiError(416, 'RANGE_NOT_SATISFIABLE', `The asset has ${info.size} bytes`, { size: info.size }, { 'Content-Range': `bytes */${info.size}` });
  }
  return range;
}

function setBlobHeaders(res: Response, etag: string): void {
  // One header per call: uwebsockets-express's res.set() takes no object form.
  for (const [name, value] of Object.entries(BLOB_HEADERS)) res.setHeader(name, value);
  res.setHeader('ETag', etag);
  res.setHeader('Cache-Control', IMMUTABLE);
  res.setHeader('Accept-Ranges', 'bytes');
}

/** Pipes the blob out; a client that goes away releases the file or the S3 connection behind it. */
function stream(body: Readable, res: Response, next: (error: unknown) => void): void {
  res.once('close', () => body.destroy());
  body.once('error', (error) => {
    if (!res.headersSent) {
      for (const name of ['ETag', 'Cache-Control', 'Accept-Ranges', 'Content-Length', 'Content-Range', 'Content-Type']) res.removeHeader(name);
      res.status(200);
      return next(error);
    }
    // Part of the blob has gone out: all that can be said now is that the answer is cut short.
    // (uwebsockets-express sends nothing before the end, so there headersSent is still false.)
    res.destroy(error);
  });
  body.pipe(res);
}

function notFound(sha256: string): ApiError {
  return new ApiError(404, 'ASSET_NOT_FOUND', `No asset ${sha256}`);
}
