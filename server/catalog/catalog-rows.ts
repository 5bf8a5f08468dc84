import type { LoadedStory } from '../../content-pipeline';
import { toGenreSlug } from './genre-slug';

// Turns loaded content into the rows the catalog stores, refusing what the columns cannot hold
// (the pipeline does not know the database's limits) so one odd story cannot fail the whole sync.

export interface StoryRow {
  id: string;
  title: string;
  description: string;
  genre: string;
  coverPath: string | null;
  /** From the manifest, used only when the story is first published. */
  publishedAt: Date | undefined;
}

export interface ChapterRow {
  id: string;
  storyId: string;
  number: number;
  title: string;
  sha256: string;
  bundle: Record<string, unknown>;
}

export interface RejectedStory {
  storyId: string;
  reason: string;
}

export interface CatalogRows {
  stories: StoryRow[];
  chapters: ChapterRow[];
  rejected: RejectedStory[];
}

// Column sizes of the stories / chapters tables.
const LIMITS = { storyId: 64, title: 200, coverPath: 255, chapterId: 128 } as const;

export function toCatalogRows(loaded: readonly LoadedStory[]): CatalogRows {
  const rows: CatalogRows = { stories: [], chapters: [], rejected: [] };
  const storyIds = new Set<string>();
  const chapterIds = new Set<string>();
  for (const story of loaded) {
    const storyId = story.manifest.id;
    const verdict = checkStory(story, storyIds, chapterIds);
    if (!verdict.ok) {
      rows.rejected.push({ storyId, reason: verdict.reason });
      continue;
    }
    storyIds.add(storyId);
    rows.stories.push(toStoryRow(story, verdict.genre));
    for (const chapter of story.chapters) {
      chapterIds.add(chapter.id);
      rows.chapters.push({ id: chapter.id, storyId, number: chapter.number, title: chapter.title, sha256: chapter.sha256, bundle: chapter.bundle });
    }
  }
  return rows;
}

function toStoryRow(story: LoadedStory, genre: string): StoryRow {
  const { manifest } = story;
  return {
    id: manifest.id,
    title: manifest.title,
    description: manifest.description,
    genre,
    coverPath: manifest.cover ?? null,
    publishedAt: manifest.publishedAt === undefined ? undefined : new Date(manifest.publishedAt),
  };
}

type StoryVerdict = { ok: true; genre: string } | { ok: false; reason: string };

function checkStory(story: LoadedStory, storyIds: ReadonlySet<string>, chapterIds: ReadonlySet<string>): StoryVerdict {
  const { manifest } = story;
  const refuse = (reason: string): StoryVerdict => ({ ok: false, reason });
  if (manifest.id.length > LIMITS.storyId) return refuse(`story id is longer than ${LIMITS.storyId} characters`);
  if (storyIds.has(manifest.id)) return refuse('another story already uses this id');
  if (manifest.title.length > LIMITS.title) return refuse(`title is longer than ${LIMITS.title} characters`);
  if ((manifest.cover?.length ?? 0) > LIMITS.coverPath) return refuse(`cover path is longer than ${LIMITS.coverPath} characters`);
  const ownChapterIds = new Set<string>();
  for (const chapter of story.chapters) {
    if (chapter.id.length > LIMITS.chapterId) return refuse(`chapter id "${chapter.id.slice(0, 40)}…" is longer than ${LIMITS.chapterId} characters`);
    if (chapter.title.length > LIMITS.title) return refuse(`chapter ${chapter.id} has a title longer than ${LIMITS.title} characters`);
    if (chapterIds.has(chapter.id)) return refuse(`chapter id ${chapter.id} is already used by another story`);
    if (ownChapterIds.has(chapter.id)) return refuse(`chapter id ${chapter.id} is used twice`);
    ownChapterIds.add(chapter.id);
  }
  const genre = toGenreSlug(manifest.genre);
  if (genre === undefined) return refuse(`genre "${manifest.genre}" is not a short word (letters, digits, dashes; at most 32 characters)`);
  return { ok: true, genre };
}
