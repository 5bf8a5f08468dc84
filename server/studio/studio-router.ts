import express, { Router, type ErrorRequestHandler, type RequestHandler } from 'express';
import type { AssetUploadResponse, ChapterUploadResponse, PublishChapterResponse, StudioStoryList, StudioStoryResponse } from '../../api/studio';
import { assetTooLarge } from '../assets/asset-intake';
import { ApiError } from '../http/api-error';
import { asyncRoute } from '../http/async-route';
import { readRawBody } from '../http/read-raw-body';
import { userIdOf } from '../http/require-user';
import { parseInput } from '../http/validate';
import { chapterDocument, MAX_CHAPTER_BYTES } from './chapter-document';
import { sourceExtensionOf } from './chapter-source-import';
import type { PreviewSessions } from '../progress/preview-sessions';
import type { ChapterDrafts } from './chapter-drafts';
import type { ChapterPublisher } from './chapter-publisher';
import { chapterParams, createStoryBody, publishBody, storyParams, updateStoryBody } from './studio-input';
import type { StudioAssetUploads } from './studio-asset-uploads';
import type { StudioStories } from './studio-stories';

export interface StudioRouterDeps {
  stories: StudioStories;
  drafts: ChapterDrafts;
  publisher: ChapterPublisher;
  assets: StudioAssetUploads;
  /** What a preview plays: served to the owner as the preview's bundle. */
  previews: Pick<PreviewSessions, 'previewBundle'>;
  /** STUDIO_MAX_ASSET_BYTES: reading an upload stops there. */
  maxAssetBytes: number;
  requireUser: RequestHandler;
}

const CHAPTER_ROUTE = '/v1/studio/stories/:storyId/chapters/:chapterId';

/** The writer's REST surface (api/studio.ts): stories, chapter drafts, publishing. */
export function studioRouter(deps: StudioRouterDeps): Router {
  const { stories, drafts, publisher, assets, previews, requireUser } = deps;
  const router = Router();
  router.use('/v1/studio/', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  router.post('/v1/studio/stories', requireUser, asyncRoute(async (req, res) => {
    const input = parseInput(createStoryBody, req.body, 'story');
    res.status(201).json({ story: await stories.create(userIdOf(res), input) } satisfies StudioStoryResponse);
  }));

  router.get('/v1/studio/stories', requireUser, asyncRoute(async (_req, res) => {
    res.json({ items: await stories.list(userIdOf(res)) } satisfies StudioStoryList);
  }));

  // The bundle a preview session plays (a draft has no public, content-hashed bundle): owner only, never cached.
  router.get(`${CHAPTER_ROUTE}/bundle`, requireUser, asyncRoute(async (req, res) => {
    const { storyId, chapterId } = parseInput(chapterParams, req.params, 'path');
    // The stored bundle as built (api/catalog.ts ChapterBundle), the same JSON a published version serves.
    res.json(await previews.previewBundle(userIdOf(res), storyId, chapterId));
  }));

  router.get('/v1/studio/stories/:storyId', requireUser, asyncRoute(async (req, res) => {
    const { storyId } = parseInput(storyParams, req.params, 'path');
    res.json({ story: await stories.get(userIdOf(res), storyId) } satisfies StudioStoryResponse);
  }));

  router.patch('/v1/studio/stories/:storyId', requireUser, asyncRoute(async (req, res) => {
    const { storyId } = parseInput(storyParams, req.params, 'path');
    const changes = parseInput(updateStoryBody, req.body, 'story changes');
    res.json({ story: await stories.update(userIdOf(res), storyId, changes) } satisfies StudioStoryResponse);
  }));

  router.put(CHAPTER_ROUTE, requireUser, asyncRoute(async (req, res) => {
    const ids = parseInput(chapterParams, req.params, 'path');
    const extension = sourceExtensionOf(req.get('content-type'));
    if (extension !== undefined && typeof req.body === 'string') {
      res.json((await drafts.uploadSource(userIdOf(res), ids, { text: req.body, extension })) satisfies ChapterUploadResponse);
      return;
    }
    const document = chapterDocument(req.body, ids);
    res.json((await drafts.upload(userIdOf(res), ids.storyId, document)) satisfies ChapterUploadResponse);
  }));

  router.post(`${CHAPTER_ROUTE}/publish`, requireUser, asyncRoute(async (req, res) => {
    const { storyId, chapterId } = parseInput(chapterParams, req.params, 'path');
    const { releaseAt } = parseInput(publishBody, req.body ?? {}, 'publish request');
    res.json((await publisher.publish(userIdOf(res), storyId, chapterId, releaseAt)) satisfies PublishChapterResponse);
  }));

  // The path is everything after assets/, decoded: `..%2F` arrives as `../` and is refused as such.
  router.put('/v1/studio/stories/:storyId/assets/*', requireUser, asyncRoute(async (req, res) => {
    const { storyId } = parseInput(storyParams, req.params, 'path');
    const path = String((req.params as Record<string, string | undefined>)[0] ?? '');
    await assets.checkWriter(userIdOf(res), storyId);
    const bytes = await readRawBody(req, res, { maxBytes: deps.maxAssetBytes, tooLarge: assetTooLarge });
    const uploaded = await assets.upload(userIdOf(res), storyId, { path, contentType: req.get('content-type'), bytes });
    res.status(201).json(uploaded satisfies AssetUploadResponse);
  }));

  return router;
}

/**
 * Reads chapter uploads before the app-wide JSON parser (64 KiB) would refuse them: up to
 * MAX_CHAPTER_BYTES, whatever Content-Type was sent (`curl --data-binary @chapter.json` sends a form type).
 * Signed-in callers only, so nobody else gets 2 MiB parsed.
 */
export function chapterBodyReader(requireUser: RequestHandler): Router {
  const router = Router();
  const tooLarge: ErrorRequestHandler = (error: unknown, _req, _res, next) => {
    const type = (error as { type?: unknown } | null)?.type;
    next(type === 'entity.too.large' ? new ApiError(413, 'PAYLOAD_TOO_LARGE', `A chapter upload is at most ${MAX_CHAPTER_BYTES / 1024 / 1024} MiB`, { maxBytes: MAX_CHAPTER_BYTES }) : error);
  };
  const isSource = (req: { headers: Record<string, unknown> }) => sourceExtensionOf(String(req.headers['content-type'] ?? '')) !== undefined;
  // Twine sources (text/x-twee, text/html) arrive as text for the importer; everything else is a chapter document.
  router.put(CHAPTER_ROUTE, requireUser, express.text({ limit: MAX_CHAPTER_BYTES, type: isSource }), express.json({ limit: MAX_CHAPTER_BYTES, strict: true, type: (req) => !isSource(req) }), tooLarge);
  return router;
}
