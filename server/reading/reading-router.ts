import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { CommentPage, CommentReportAccepted, StoryReadingStats } from '../../api/reading';
import { asyncRoute } from '../http/async-route';
import { userIdOf } from '../http/require-user';
import { parseInput } from '../http/validate';
import type { ReadingComments } from './reading-comments';
import type { ReadingStats } from './reading-stats';

const chapterParams = z.object({ chapterId: z.string().min(1).max(128) });
const commentParams = z.object({ id: z.string().uuid('must be a comment id') });
const storyParams = z.object({ storyId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a story id') });
const listQuery = z.object({
  paragraphId: z.string().min(1).max(128).optional(),
  cursor: z.string().min(1).max(256).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
}).strict();
const reportBody = z.object({ reason: z.string().trim().min(1, 'say why').max(500) }).strict();

/**
 * The REST side of reading rooms: comment history, deleting one's own comment, reporting one, and
 * the writer's reading stats. Thin: parse, call the service, answer.
 */
export function readingRouter(deps: { comments: ReadingComments; stats: ReadingStats; requireUser: RequestHandler }): Router {
  const router = Router();
  router.get('/v1/chapters/:chapterId/comments', deps.requireUser, asyncRoute(async (req, res) => {
    const { chapterId } = parseInput(chapterParams, req.params, 'path');
    const query = parseInput(listQuery, req.query, 'query');
    res.setHeader('Cache-Control', 'no-store');
    res.json((await deps.comments.list(chapterId, query)) satisfies CommentPage);
  }));
  router.delete('/v1/comments/:id', deps.requireUser, asyncRoute(async (req, res) => {
    const { id } = parseInput(commentParams, req.params, 'path');
    await deps.comments.delete(userIdOf(res), id);
    res.status(204).end();
  }));
  router.post('/v1/comments/:id/report', deps.requireUser, asyncRoute(async (req, res) => {
    const { id } = parseInput(commentParams, req.params, 'path');
    const { reason } = parseInput(reportBody, req.body, 'body');
    await deps.comments.report(userIdOf(res), id, reason);
    res.status(202).json({ status: 'queued' } satisfies CommentReportAccepted);
  }));
  router.get('/v1/studio/stories/:storyId/stats', deps.requireUser, asyncRoute(async (req, res) => {
    const { storyId } = parseInput(storyParams, req.params, 'path');
    res.setHeader('Cache-Control', 'no-store');
    res.json((await deps.stats.ofStory(userIdOf(res), storyId)) satisfies StoryReadingStats);
  }));
  return router;
}
