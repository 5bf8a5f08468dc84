import type { RequestHandler, Response } from 'express';
import { DomainError } from '../shared/domain-error';
import { ApiError } from './api-error';

/** What the HTTP layer needs from the accounts module to authenticate a request. */
export interface AccessTokenVerifier {
  verify(token: string): Promise<{ userId: string; isGuest: boolean }>;
}

/** Requires `Authorization: Bearer <access token>`; puts the user id in `res.locals.userId`. */
export function requireUser(tokens: AccessTokenVerifier): RequestHandler {
  return (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) return next(new ApiError(401, 'UNAUTHENTICATED', 'Send an access token as "Authorization: Bearer <token>"'));
    tokens.verify(match[1]).then(
      (claims) => {
        res.locals.userId = claims.userId;
        res.locals.isGuest = claims.isGuest;
        next();
      },
      (error: unknown) => next(error instanceof DomainError ? error : new ApiError(401, 'INVALID_TOKEN', 'The access token is not valid')),
    );
  };
}

/** The authenticated user's id; only valid behind requireUser. */
export function userIdOf(res: Response): string {
  const id = res.locals.userId;
  if (typeof id !== 'string') throw new Error('userIdOf used on a route without requireUser');
  return id;
}
