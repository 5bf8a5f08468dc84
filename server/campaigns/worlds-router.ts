import { join } from 'node:path';
import { Router } from 'express';
import { loadWorldsDir, type LoadedWorld } from '../../content-pipeline';
import type { WorldList } from '../../api/worlds';
import { sendContentFile } from '../catalog/send-content-file';
import { ApiError } from '../http/api-error';
import { asyncRoute } from '../http/async-route';

/**
 * `GET /v1/worlds`: the campaign worlds of CONTENT_DIR (id, title, setting), for the campaign
 * lobby; `GET /v1/worlds/:worldId/assets/*`: a file a world references (a location's background).
 * Read once, on the first request.
 */
export function worldsRouter(contentDir: string): Router {
  let worlds: Promise<LoadedWorld[]> | null = null;
  const load = () => (worlds ??= loadWorldsDir(contentDir).then((loaded) => loaded.worlds.sort((a, b) => a.manifest.title.localeCompare(b.manifest.title))));
  const router = Router();
  router.get(
    '/v1/worlds',
    asyncRoute(async (_req, res) => {
      res.json({ items: (await load()).map(({ manifest }) => summaryOf(manifest)) } satisfies WorldList);
    }),
  );
  router.get(
    '/v1/worlds/:worldId/assets/*',
    asyncRoute(async (req, res, next) => {
      const { worldId = '', 0: path = '' } = req.params as Record<string, string | undefined>;
      const notFound = new ApiError(404, 'ASSET_NOT_FOUND', `No asset ${path} in world ${worldId}`);
      const world = (await load()).find((w) => w.manifest.id === worldId);
      // Only what the world references (the linter checked those paths are safe files of its folder).
      if (!world || !world.manifest.locations.some((l) => l.background === path)) throw notFound;
      sendContentFile(res, join(world.dir, path), next, notFound);
    }),
  );
  return router;
}

/** Checked against the contract where it is sent (`satisfies WorldList`). */
function summaryOf(w: LoadedWorld['manifest']) {
  return { id: w.id, title: w.title, setting: w.setting, locations: w.locations.length, quests: w.quests.length, characters: w.characters.map((c) => ({ id: c.id, name: c.name })) };
}
