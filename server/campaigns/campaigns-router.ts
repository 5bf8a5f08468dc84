import { Router, type RequestHandler } from 'express';
import type { MyCampaignList } from '../../api/campaigns';
import { asyncRoute } from '../http/async-route';
import { userIdOf } from '../http/require-user';
import type { CampaignDirectory } from './campaign-directory';

/** `GET /v1/campaigns`: the campaigns the signed-in player joined, for the lobby's "My campaigns". */
export function campaignsRouter(deps: { directory: Pick<CampaignDirectory, 'campaignsOf'>; requireUser: RequestHandler }): Router {
  const router = Router();
  router.get('/v1/campaigns', deps.requireUser, asyncRoute(async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ items: await deps.directory.campaignsOf(userIdOf(res)) } satisfies MyCampaignList);
  }));
  return router;
}
