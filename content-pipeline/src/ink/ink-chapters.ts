import { Story } from 'inkjs';
import { tagValue } from './ink-tags';

// Chapters of an ink story (FORMAT.md, "Ink stories"): knots tagged `# chapter: <title>`, in
// source order; content before the first one belongs to chapter 1; without any, one chapter.

export type InkChapterPlan = { id: string; number: number; title: string; startKnot: string | null };

export type InkStoryFacts = {
  chapters: InkChapterPlan[];
  /** Every chapter knot, in order. */
  chapterKnots: string[];
  /** The story's global tags (title, author…). */
  globalTags: string[];
};

/** Knot names of the compiled story, in source order. */
export function knotNames(json: Record<string, unknown>): string[] {
  const root = json['root'];
  const named = Array.isArray(root) ? root[root.length - 1] : undefined;
  if (named === null || typeof named !== 'object') return [];
  return Object.keys(named).filter((key) => key !== 'global decl' && !key.startsWith('#'));
}

export function planInkChapters(json: Record<string, unknown>, storyId: string, storyTitle: string): InkStoryFacts {
  const story = new Story(json);
  const chapterKnots: { knot: string; title: string }[] = [];
  for (const knot of knotNames(json)) {
    const title = chapterTitle(story.TagsForContentAtPath(knot));
    if (title !== undefined) chapterKnots.push({ knot, title });
  }
  const globalTags = story.globalTags ?? [];
  if (chapterKnots.length === 0) {
    return { chapters: [{ id: `${storyId}-ch1`, number: 1, title: storyTitle, startKnot: null }], chapterKnots: [], globalTags };
  }
  return {
    chapters: chapterKnots.map(({ knot, title }, index) => ({ id: `${storyId}-${knot}`, number: index + 1, title, startKnot: index === 0 ? null : knot })),
    chapterKnots: chapterKnots.map((c) => c.knot),
    globalTags,
  };
}

function chapterTitle(tags: string[] | null): string | undefined {
  return tagValue(tags, 'chapter') || undefined;
}
