import express, { type Request, type RequestHandler, type Response } from 'express';
import { ApiError } from './api-error';
import { rawBodyOf } from './raw-body';

export interface RawBodyLimit {
  maxBytes: number;
  /** The refusal for a body over the limit (default: 413 PAYLOAD_TOO_LARGE); it gets `maxBytes`. */
  tooLarge?: (maxBytes: number) => Error;
}

const payloadTooLarge = (maxBytes: number) => new ApiError(413, 'PAYLOAD_TOO_LARGE', `The request body may be at most ${maxBytes} bytes`, { maxBytes });

/** One parser per limit: express.raw builds its options once. */
const parsers = new Map<number, RequestHandler>();

function parserFor(maxBytes: number): RequestHandler {
  let parser = parsers.get(maxBytes);
  if (!parser) {
    // Any content type; no inflating: the bytes kept are the bytes sent (and a zip bomb is refused as 415).
    parser = express.raw({ type: () => true, limit: maxBytes, inflate: false });
    parsers.set(maxBytes, parser);
  }
  return parser;
}

/**
 * The request body as bytes, at most `maxBytes` of them, for uploads (art, sound) that are not JSON.
 * The body must declare its Content-Length (411 otherwise: uwebsockets-express never reads a
 * chunked body, so waiting for one would hang). A declared length over the limit is refused before
 * a byte is read, and reading stops at the limit (413), so no more than `maxBytes` is ever kept.
 * Under uwebsockets-express the transport has already read the body (up to its declared length)
 * before any route runs; the limit then decides the answer, not the memory spent.
 * A JSON body was already read by the app's express.json; its kept raw bytes are returned.
 */
export async function readRawBody(req: Request, res: Response, limit: RawBodyLimit): Promise<Buffer> {
  const tooLarge = limit.tooLarge ?? payloadTooLarge;
  const declared = req.headers['content-length'];
  if (declared === undefined) throw new ApiError(411, 'LENGTH_REQUIRED', 'Send the body with a Content-Length header (chunked uploads are not accepted)');
  if (!/^\d{1,15}$/.test(declared)) throw new ApiError(400, 'BAD_REQUEST', 'The Content-Length header is not a number of bytes');
  if (Number(declared) > limit.maxBytes) throw tooLarge(limit.maxBytes);
  await new Promise<void>((resolve, reject) => {
    parserFor(limit.maxBytes)(req, res, (error?: unknown) => (error ? reject(bodyError(error, limit.maxBytes, tooLarge)) : resolve()));
  });
  const body = rawBodyOf(req) ?? Buffer.alloc(0);
  if (body.length > limit.maxBytes) throw tooLarge(limit.maxBytes);
  return body;
}

/** body-parser's errors, in the error shape: over the limit is the caller's refusal, the rest as the app's error handler says. */
function bodyError(error: unknown, maxBytes: number, tooLarge: (maxBytes: number) => Error): unknown {
  const type = (error as { type?: unknown })?.type;
  if (type === 'entity.too.large') return tooLarge(maxBytes);
  if (type === 'request.aborted') return new ApiError(400, 'REQUEST_ABORTED', 'The request body ended before its Content-Length');
  if (type === 'request.size.invalid') return new ApiError(400, 'BAD_REQUEST', 'The request body does not match its Content-Length');
  return error;
}
