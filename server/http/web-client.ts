import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Router, type Response } from 'express';
import { ApiError } from './api-error';

const HASHED_ASSET = /^[A-Za-z0-9._-]+$/;
const TOP_LEVEL_FILES = new Set(['favicon.svg']);

/**
 * The built web client (client/dist): `/` is the app shell (always revalidated), `/assets/*` are
 * Vite's content-hashed files (cached for a year). Nothing else is served from the folder.
 */
export function webClientRouter(distDir: string): Router {
  const router = Router();
  const send = (res: Response, next: (error?: unknown) => void, file: string, cacheControl: string, type?: string) => {
    res.setHeader('Cache-Control', cacheControl);
    if (type) res.setHeader('Content-Type', type);
    res.sendFile(join(distDir, file), (error?: Error) => {
      if (!error || res.headersSent) return;
      // Only a miss looks at the disk again, to say whether the whole client is missing.
      res.removeHeader('Cache-Control');
      res.removeHeader('Content-Type');
      next(new ApiError(404, 'NOT_FOUND', existsSync(distDir) ? `No file ${file}` : 'The web client is not built: run `npm run client:build` (npm start does it for you)'));
    });
  };
  router.get(['/', '/index.html'], (_req, res, next) => send(res, next, 'index.html', 'no-cache', 'text/html; charset=utf-8'));
  router.get('/assets/:file', (req, res, next) => {
    const file = String(req.params.file ?? '');
    if (!HASHED_ASSET.test(file)) return next(new ApiError(404, 'NOT_FOUND', 'No such file'));
    send(res, next, join('assets', file), 'public, max-age=31536000, immutable');
  });
  router.get('/:file', (req, res, next) => {
    const file = String(req.params.file ?? '');
    if (!TOP_LEVEL_FILES.has(file)) return next();
    send(res, next, file, 'public, max-age=86400');
  });
  return router;
}
