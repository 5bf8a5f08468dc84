import type { RequestHandler, Response } from 'express';
import { canonicalJson } from '../../content-pipeline';
import { asyncRoute } from '../http/async-route';
import { parseInput } from '../http/validate';
import type { CatalogService } from './catalog-service';
import { bundleUrl } from './catalog-urls';
import { bundleQuery, chapterParams } from './catalog-input';
import { ifNoneMatchHits } from './if-none-match';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * GET /v1/chapters/:chapterId/bundle. Only the content-hashed URL (`?v=<sha256>`) is served, and
 * cached forever; any other URL is redirected to it uncached, so an edited chapter is picked up at
 * once. The body is the canonical JSON the hash was computed over, so the ETag names its bytes.
 */
export function bundleRoute(catalog: CatalogService): RequestHandler {
  return asyncRoute(async (req, res) => {
    const { chapterId } = parseInput(chapterParams, req.params, 'path');
    const { v } = parseInput(bundleQuery, req.query, 'query');
    const sha256 = await catalog.bundleVersion(chapterId);
    if (v !== sha256) return redirectToCurrent(res, chapterId, sha256);

    const etag = `"${sha256}"`;
    // One header per call: uwebsockets-express's res.set() takes no object form.
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', IMMUTABLE);
    if (ifNoneMatchHits(req.get('if-none-match'), etag)) return res.status(304).end();

    const { bundle, sha256: loaded } = await catalog.getBundle(chapterId);
    // Republished between the two reads: never put other bytes under this hash.
    if (loaded !== sha256) {
      res.removeHeader('ETag');
      return redirectToCurrent(res, chapterId, loaded);
    }
    return res.type('application/json').send(canonicalJson(bundle));
  });
}

function redirectToCurrent(res: Response, chapterId: string, sha256: string): void {
  res.set('Cache-Control', 'no-cache').redirect(302, bundleUrl(chapterId, sha256));
}
