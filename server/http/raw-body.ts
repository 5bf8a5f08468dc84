import type { IncomingMessage } from 'node:http';
import type { Request } from 'express';

const RAW = Symbol('rawBody');
type WithRaw = IncomingMessage & { [RAW]?: Buffer };

/**
 * express.json's `verify` hook: keeps the exact bytes of a JSON body, which a signature check
 * (Stripe's webhook) must hash as received — re-serialising the parsed JSON would not match.
 */
export function keepRawBody(req: IncomingMessage, _res: unknown, buffer: Buffer): void {
  (req as WithRaw)[RAW] = buffer;
}

/** The raw body: as kept by express.json, or as read by express.raw for other content types. */
export function rawBodyOf(req: Request): Buffer | null {
  const kept = (req as unknown as WithRaw)[RAW];
  if (kept) return kept;
  return Buffer.isBuffer(req.body) && req.body.length > 0 ? req.body : null;
}
