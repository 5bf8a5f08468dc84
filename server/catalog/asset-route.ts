import type { RequestHandler } from 'express';
import { assetBlobUrl } from '../assets/asset-url';
import { ApiError } from '../http/api-error';
import { isStorableText, parseInput } from '../http/validate';
import { assetParams } from './catalog-input';
import type { CatalogService } from './catalog-service';
import { sendContentFile } from './send-content-file';

/**
 * GET /v1/stories/:storyId/assets/* — a content story's files that its content references (the
 * service checks), or a listed studio story's uploaded files: those redirect (uncached: the writer
 * may upload other bytes under the same path) to their content-hashed, immutable URL in the asset store.
 */
export function assetRoute(catalog: CatalogService): RequestHandler {
  return (req, res, next) => {
    try {
      // A file name with a NUL (`cover.svg%00.png`) names no asset: not found, as any other unreferenced path.
      const { storyId = '', 0: path = '' } = req.params as Record<string, string | undefined>;
      if (!isStorableText(storyId) || !isStorableText(path)) throw new ApiError(404, 'ASSET_NOT_FOUND', `No asset ${path} in story ${storyId}`);
      const params = parseInput(assetParams, req.params, 'path');
      if (!catalog.servesContentAssets(params.storyId)) {
        catalog.studioAssetSha256(params.storyId, params[0]).then((sha256) => {
          res.setHeader('Cache-Control', 'no-cache');
          res.redirect(302, assetBlobUrl(sha256));
        }, next);
        return;
      }
      sendContentFile(res, catalog.assetPath(params.storyId, params[0]), next, new ApiError(404, 'ASSET_NOT_FOUND', `No asset ${params[0]} in story ${params.storyId}`));
    } catch (error) {
      next(error);
    }
  };
}
