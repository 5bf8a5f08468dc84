import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { ApiError } from '../http/api-error';

/**
 * Per-IP limit on credential endpoints (password guessing, account spam). A 429 carries
 * Retry-After in seconds and the usual error body. The store is per process.
 */
export function authRateLimit(perMinute: number, trustProxy: boolean): RequestHandler {
  return rateLimit({
    keyGenerator: (req) => ipKeyGenerator(clientAddress(req, trustProxy)),
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    // The addresses come from the socket (or a trusted proxy); don't second-guess that set-up here.
    validate: false,
    handler: (req, _res, next) => {
      const resetTime = (req as { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const retryAfter = Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now() + 60_000) - Date.now()) / 1000));
      next(new ApiError(429, 'RATE_LIMITED', `Too many attempts from this address; try again in ${retryAfter} s`, { retryAfterSeconds: retryAfter }, { 'Retry-After': String(retryAfter) }));
    },
  });
}

/**
 * The caller's address. Behind our own reverse proxy (TRUST_PROXY=true) that is the address the
 * proxy saw; uwebsockets-express ignores Express's "trust proxy", so the headers are read here.
 */
function clientAddress(req: Request, trustProxy: boolean): string {
  const socketAddress = req.ip ?? req.socket?.remoteAddress ?? 'unknown';
  if (!trustProxy) return socketAddress;
  const forwarded = req.get('x-real-ip') ?? req.get('x-forwarded-for')?.split(',')[0];
  return forwarded?.trim() || socketAddress;
}
