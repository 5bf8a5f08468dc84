import { Router } from 'express';
import { loadWorldsDir } from '../../content-pipeline';
import type { WorldList, WorldSummary } from '../../api/worlds';
import { asyncRoute } from '../http/async-route';

/**
 * `GET /v1/worlds`: the campaign worlds of CONTENT_DIR (id, title, setting), for the campaign
 * lobby. Read once, on the first request.
 */
export function worldsRouter(contentDir: string): Router {
  let worlds: Promise<WorldSummary[]> | null = null;
  const load = () =>
    (worlds ??= loadWorldsDir(contentDir).then((loaded) =>
      loaded.worlds
        .map(({ manifest: w }) => ({ id: w.id, title: w.title, setting: w.setting, locations: w.locations.length, quests: w.quests.length, characters: w.characters.map((c) => ({ id: c.id, name: c.name })) }))
        .sort((a, b) => a.title.localeCompare(b.title)),
    ));
  const router = Router();
  router.get(
    '/v1/worlds',
    asyncRoute(async (_req, res) => {
      res.json({ items: await load() } satisfies WorldList);
    }),
  );
  return router;
}
