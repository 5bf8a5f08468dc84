import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import express from 'express';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { statusForDomainCode } from '../http/domain-status';
import { errorHandler } from '../http/error-handler';
import { requestId } from '../http/request-id';
import { requireUser } from '../http/require-user';
import { DomainError } from '../shared/domain-error';
import { silentLogger } from '../shared/logger';
import { describeOnEngines } from '../../testing/test-database';
import { walletRouter } from './wallet-router';
import type { WalletService } from './wallet-service';
import { openAccount, testRules, walletServiceFor } from './wallet-test-kit';

/** Tokens here are just "user:<id>"; real verification belongs to the accounts module. */
const fakeTokens = {
  verify: async (token: string) => {
    if (!token.startsWith('user:')) throw new DomainError('INVALID_TOKEN', 'bad token');
    return { userId: token.slice('user:'.length), isGuest: false };
  },
};

describeOnEngines('GET /v1/inventory', (db) => {
  let server: Server;
  let baseUrl: string;
  let wallet: WalletService;
  let advance: (seconds: number) => void;

  beforeAll(async () => {
    const kit = walletServiceFor(db().orm);
    wallet = kit.wallet;
    advance = (seconds) => kit.clock.advance(seconds);
    const app = express();
    app.use(requestId);
    app.use(walletRouter({ wallet, requireUser: requireUser(fakeTokens) }));
    app.use(errorHandler(silentLogger));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const get = (token?: string) => fetch(`${baseUrl}/v1/inventory`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('answers the signed-in player their keys and diamonds', async () => {
    const userId = await openAccount(db().orm, wallet);
    const response = await get(`user:${userId}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ keys: 5, keysCap: 5, nextKeyAt: null, diamonds: 20 });
  });

  it('shows regeneration progress after a key was spent', async () => {
    const userId = await openAccount(db().orm, wallet);
    await wallet.spend(userId, { currency: 'keys', amount: 2, reason: 'chapter_start', idempotencyKey: 'c1' });
    advance(testRules.keyRegenSeconds);
    const body = (await (await get(`user:${userId}`)).json()) as { keys: number; nextKeyAt: string };
    expect(body.keys).toBe(4);
    expect(Date.parse(body.nextKeyAt)).not.toBeNaN();
  });

  it('requires a signed-in user', async () => {
    const missing = await get();
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    expect((await get('forged')).status).toBe(401);
  });

  it('answers WALLET_NOT_FOUND (never a 500) for a user without a wallet', async () => {
    for (const userId of [randomUUID(), 'not-a-uuid']) {
      const response = await get(`user:${userId}`);
      expect(response.status).toBe(statusForDomainCode('WALLET_NOT_FOUND'));
      expect(await response.json()).toMatchObject({ error: { code: 'WALLET_NOT_FOUND' } });
    }
  });
});
