import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { MeResponse, SignIn } from '../../api/accounts';
import { asyncRoute } from '../http/async-route';
import { userIdOf } from '../http/require-user';
import { parseInput } from '../http/validate';
import type { AccountService } from './account-service';

const email = z.string({ required_error: 'is required', invalid_type_error: 'must be a string' }).trim().max(254, 'is too long').email('must be an email address');
const newPassword = z.string({ required_error: 'is required', invalid_type_error: 'must be a string' }).min(8, 'must have at least 8 characters').max(200, 'must have at most 200 characters');
const displayName = z.string({ invalid_type_error: 'must be a string' }).trim().min(1).max(64).optional();

const registerBody = z.object({ email, password: newPassword, displayName }).strict();
const loginBody = z.object({ email, password: z.string({ required_error: 'is required', invalid_type_error: 'must be a string' }).min(1).max(200) }).strict();
const refreshBody = z.object({ refreshToken: z.string({ required_error: 'is required', invalid_type_error: 'must be a string' }).min(1).max(200) }).strict();
const logoutBody = z.object({ refreshToken: z.string().min(1).max(200).optional(), everywhere: z.boolean().optional() }).strict();

/** `/v1/auth/*` and `/v1/user/me` (DESIGN.md §4). */
export function accountsRouter(deps: { accounts: AccountService; requireUser: RequestHandler; credentialLimit: RequestHandler; guestLimit: RequestHandler }): Router {
  const { accounts, requireUser, credentialLimit, guestLimit } = deps;
  const router = Router();

  router.post('/v1/auth/register', credentialLimit, asyncRoute(async (req, res) => {
    res.status(201).json((await accounts.register(parseInput(registerBody, req.body, 'registration'))) satisfies SignIn);
  }));
  router.post('/v1/auth/login', credentialLimit, asyncRoute(async (req, res) => {
    res.json((await accounts.login(parseInput(loginBody, req.body, 'sign-in'))) satisfies SignIn);
  }));
  router.post('/v1/auth/guest', guestLimit, asyncRoute(async (_req, res) => {
    res.status(201).json((await accounts.registerGuest()) satisfies SignIn);
  }));
  router.post('/v1/auth/upgrade', credentialLimit, requireUser, asyncRoute(async (req, res) => {
    res.json((await accounts.upgradeGuest(userIdOf(res), parseInput(registerBody, req.body, 'upgrade'))) satisfies SignIn);
  }));
  router.post('/v1/auth/refresh', asyncRoute(async (req, res) => {
    res.json((await accounts.refresh(parseInput(refreshBody, req.body).refreshToken)) satisfies SignIn);
  }));
  router.post('/v1/auth/logout', requireUser, asyncRoute(async (req, res) => {
    await accounts.logout(userIdOf(res), parseInput(logoutBody, req.body ?? {}));
    res.status(204).end();
  }));
  router.get('/v1/user/me', requireUser, asyncRoute(async (_req, res) => {
    res.json((await accounts.me(userIdOf(res))) satisfies MeResponse);
  }));
  return router;
}
