import { Router } from 'express';
import { asyncRoute } from '../http/async-route';
import { JsonResponseMemo } from '../http/json-response-memo';
import { parseInput } from '../http/validate';
import { assetRoute } from './asset-route';
import { bundleRoute } from './bundle-route';
import { listStoriesQuery, storyParams } from './catalog-input';
import type { CatalogService } from './catalog-service';

/** The public catalog routes (DESIGN.md §4): listing, story detail, chapter bundles, story assets. */
export function catalogRouter(deps: { catalog: CatalogService }): Router {
  const { catalog } = deps;
  const router = Router();
  // Listing pages and details are cached objects: each is serialized once, however many readers.
  const answers = new JsonResponseMemo();

  router.get(
    '/v1/stories',
    asyncRoute(async (req, res) => {
      answers.send(req, res, await catalog.listStories(parseInput(listStoriesQuery, req.query, 'query')));
    }),
  );

  router.get(
    '/v1/stories/:storyId',
    asyncRoute(async (req, res) => {
      const { storyId } = parseInput(storyParams, req.params, 'path');
      answers.send(req, res, await catalog.getStory(storyId));
    }),
  );

  router.get('/v1/chapters/:chapterId/bundle', bundleRoute(catalog));
  router.get('/v1/stories/:storyId/assets/*', assetRoute(catalog));
  return router;
}
