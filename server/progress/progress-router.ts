import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { ProgressList, StoryProgress } from '../../api/progress';
import { asyncRoute } from '../http/async-route';
import { userIdOf } from '../http/require-user';
import { parseInput } from '../http/validate';
import type { StorySessionService } from './story-session-service';

const params = z.object({ storyId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a story id') });

/**
 * GET /v1/progress — every story the player has started (a library needs them all at once);
 * GET /v1/progress/:storyId — one saved record: chapter, scene, flags, relationships, choice history.
 */
export function progressRouter(deps: { sessions: StorySessionService; requireUser: RequestHandler }): Router {
  const router = Router();
  router.get('/v1/progress', deps.requireUser, asyncRoute(async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ items: await deps.sessions.progressList(userIdOf(res)) } satisfies ProgressList);
  }));
  router.get('/v1/progress/:storyId', deps.requireUser, asyncRoute(async (req, res) => {
    const { storyId } = parseInput(params, req.params, 'path');
    res.setHeader('Cache-Control', 'no-store');
    res.json((await deps.sessions.progressOf(userIdOf(res), storyId)) satisfies StoryProgress);
  }));
  return router;
}
