import { Router } from 'express';
import type { Logger } from '../shared/logger';

/**
 * One pino line per request with its request id (the X-Request-Id nginx forwards, or our own),
 * method, path, status and duration. Sidecars log at `info`; game and embedded processes at
 * `debug`, to keep the hot path quiet unless asked (LOG_LEVEL=debug). Mounted first among the routers.
 * The path only, never the query string: a room socket's URL carries the player's access token.
 */
export function requestLogRouter(logger: Logger, level: 'info' | 'debug'): Router {
  const router = Router();
  router.use((req, res, next) => {
    if (!logger.isLevelEnabled(level)) return next();
    const started = performance.now();
    res.on('finish', () => {
      logger[level](
        { requestId: res.locals.requestId, method: req.method, path: req.path, status: res.statusCode, ms: Math.round((performance.now() - started) * 10) / 10 },
        'request',
      );
    });
    next();
  });
  return router;
}
