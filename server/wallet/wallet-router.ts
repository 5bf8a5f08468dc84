import { Router, type RequestHandler } from 'express';
import type { Inventory } from '../../api/wallet';
import { asyncRoute } from '../http/async-route';
import { userIdOf } from '../http/require-user';
import type { WalletService } from './wallet-service';

export interface WalletRouterDeps {
  wallet: WalletService;
  requireUser: RequestHandler;
}

/** GET /v1/inventory: the signed-in player's keys (regenerated up to now) and diamonds. */
export function walletRouter(deps: WalletRouterDeps): Router {
  const router = Router();
  router.get(
    '/v1/inventory',
    deps.requireUser,
    asyncRoute(async (_req, res) => {
      const inventory = await deps.wallet.inventory(userIdOf(res));
      // Per player and changing with time: never to be cached by a proxy or the browser.
      res.set('Cache-Control', 'no-store').json(inventory satisfies Inventory);
    }),
  );
  return router;
}
