import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { Earnings } from '../../api/studio';
import { asyncRoute } from '../http/async-route';
import { userIdOf } from '../http/require-user';
import { parseInput } from '../http/validate';
import type { EarningsService } from './earnings-service';

const DEFAULT_PAGE_SIZE = 50;
const LIMIT_MESSAGE = 'must be a whole number from 1 to 100';

// Query values arrive as strings; an empty one (`?cursor=`) means "not given", as in the URL template.
const emptyAsAbsent = (value: unknown) => (value === '' ? undefined : value);

const earningsQuery = z.object({
  cursor: z.preprocess(emptyAsAbsent, z.string().max(512).optional()),
  limit: z
    .preprocess(emptyAsAbsent, z.string().regex(/^\d{1,3}$/, LIMIT_MESSAGE).transform(Number).pipe(z.number().int().min(1, LIMIT_MESSAGE).max(100, LIMIT_MESSAGE)).optional())
    .transform((value) => value ?? DEFAULT_PAGE_SIZE),
});

/** `GET /v1/studio/earnings?cursor=&limit=`: served by the accounts module, beside the wallet. */
export function earningsRouter(deps: { earnings: EarningsService; requireUser: RequestHandler }): Router {
  const router = Router();
  router.get(
    '/v1/studio/earnings',
    deps.requireUser,
    asyncRoute(async (req, res) => {
      const page = parseInput(earningsQuery, req.query, 'query');
      const earnings = await deps.earnings.earningsOf(userIdOf(res), page);
      // One writer's money, changing with every premium choice: never cached on the way.
      res.set('Cache-Control', 'no-store').json(earnings satisfies Earnings);
    }),
  );
  return router;
}
