import type { EntityManager } from '@mikro-orm/core';
import type { ChapterProblem, ChapterState, StudioAsset as StudioAssetView, StudioChapter, StudioStory } from '../../api/studio';
import { problemReason, type ContentProblem } from '../../content-pipeline';
import { assetBlobUrl } from '../assets/asset-url';
import { ChapterDraft, ChapterVersion, StudioAsset, type Story } from '../database/entities';

// What a writer sees of their stories: the REST contract's types (api/studio.ts).

export function toChapterProblem(problem: ContentProblem): ChapterProblem {
  // The location is in `scene`; the message keeps only the reason (the "file" is the chapter itself).
  return { ...(problem.sceneId === undefined ? {} : { scene: problem.sceneId }), message: problemReason(problem), severity: problem.severity, code: problem.code };
}

/** A version is out for readers once released, or once its time has come (the release may lag a moment). */
export function releaseStateOf(version: Pick<ChapterVersion, 'releaseAt' | 'releasedAt'>, now: Date): Exclude<ChapterState, 'draft'> {
  return version.releasedAt !== null || version.releaseAt <= now ? 'published' : 'scheduled';
}

/** `draft` while never published, else the state of the latest version. */
export function stateOf(latest: Pick<ChapterVersion, 'releaseAt' | 'releasedAt'> | undefined, now: Date): ChapterState {
  return latest === undefined ? 'draft' : releaseStateOf(latest, now);
}

/** `versions` newest first. */
export function toStudioChapter(draft: ChapterDraft, versions: readonly ChapterVersion[], now: Date): StudioChapter {
  const latest = versions[0];
  return {
    id: draft.id,
    number: draft.number,
    title: draft.title,
    state: stateOf(latest, now),
    version: latest?.version ?? 0,
    sha256: latest?.sha256 ?? null,
    releaseAt: latest?.releaseAt.toISOString() ?? null,
    hasUnpublishedChanges: draft.sha256 === null || draft.sha256 !== latest?.sha256,
    problems: draft.problems.map(toChapterProblem),
    versions: versions.map((v) => ({ version: v.version, sha256: v.sha256, releaseAt: v.releaseAt.toISOString(), certificateId: v.certificateId })),
  };
}

export function toStudioAsset(asset: StudioAsset): StudioAssetView {
  return { path: asset.path, sha256: asset.sha256, contentType: asset.contentType, size: asset.size, url: assetBlobUrl(asset.sha256) };
}

/** The stories as their writer sees them, with chapters (by number) and assets (by path): three queries in all. */
export async function studioStories(em: EntityManager, stories: readonly Story[], now: Date): Promise<StudioStory[]> {
  if (stories.length === 0) return [];
  const ids = stories.map((story) => story.id);
  const drafts = await em.find(ChapterDraft, { story: { $in: ids } }, { orderBy: { number: 'asc', id: 'asc' } });
  const versions = await em.find(ChapterVersion, { story: { $in: ids } }, { orderBy: { chapterId: 'asc', version: 'desc' } });
  const assets = await em.find(StudioAsset, { story: { $in: ids } }, { orderBy: { path: 'asc' } });
  const versionsOf = groupBy(versions, (v) => v.chapterId);
  const draftsOf = groupBy(drafts, (d) => d.story.id);
  const assetsOf = groupBy(assets, (a) => a.story.id);
  return stories.map((story) => ({
    id: story.id,
    title: story.title,
    description: story.description,
    genre: story.genre,
    cover: story.coverPath,
    listed: story.listed,
    createdAt: (story.createdAt ?? story.publishedAt).toISOString(),
    chapters: (draftsOf.get(story.id) ?? []).map((draft) => toStudioChapter(draft, versionsOf.get(draft.id) ?? [], now)),
    assets: (assetsOf.get(story.id) ?? []).map(toStudioAsset),
  }));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
