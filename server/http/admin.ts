import { timingSafeEqual } from 'node:crypto';
import { Router, type RequestHandler } from 'express';
import { ApiError } from './api-error';

const ADMIN_PATH = '/admin';

/**
 * The @colyseus/monitor panel at /admin, behind ADMIN_TOKEN (HTTP Basic with the token as the
 * password — any user name — so a browser can open it, or `Authorization: Bearer <token>`).
 * Without ADMIN_TOKEN the panel is not mounted at all: it is never open.
 */
export function adminRouter(adminToken: string | undefined, logger: { info(details: object, message: string): void }): Router {
  const router = Router();
  if (!adminToken) return router;
  let panel: RequestHandler | null = null;
  const loading = import('@colyseus/monitor').then(({ monitor }) => {
    panel = monitor() as unknown as RequestHandler;
  });
  router.use(ADMIN_PATH, requireAdmin(adminToken), (req, res, next) => {
    loading.then(() => panel!(req, res, next), next);
  });
  logger.info({ path: ADMIN_PATH }, 'admin: @colyseus/monitor mounted behind ADMIN_TOKEN');
  return router;
}

function requireAdmin(adminToken: string): RequestHandler {
  const expected = Buffer.from(adminToken);
  return (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const [scheme, value = ''] = header.split(' ');
    let presented = '';
    if (scheme?.toLowerCase() === 'bearer') presented = value;
    else if (scheme?.toLowerCase() === 'basic') presented = Buffer.from(value, 'base64').toString('utf8').split(':').slice(1).join(':');
    const given = Buffer.from(presented);
    if (given.length === expected.length && timingSafeEqual(given, expected)) return next();
    res.setHeader('WWW-Authenticate', 'Basic realm="StoryVerse admin"');
    next(new ApiError(401, 'ADMIN_UNAUTHORIZED', 'The admin panel needs the admin credential'));
  };
}
