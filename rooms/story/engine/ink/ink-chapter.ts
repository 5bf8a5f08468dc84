/**
 * An ink chapter bundle (content-pipeline/FORMAT.md, "Ink stories"): the whole story's compiled
 * ink, and where this chapter starts. Structural, like PlayableChapter: a built bundle fits it.
 */
export interface InkChapter {
  format: 'ink';
  id: string;
  storyId: string;
  number: number;
  title: string;
  /** The knot this chapter starts at; null for the first chapter (the story's own start). */
  startKnot: string | null;
  /** Every chapter's knot in story order: reaching one that is not this chapter's ends this chapter. */
  chapterKnots: string[];
  /** Art the stage tags may name (the bundle's assets); a tag naming anything else is ignored. */
  assets?: string[];
  /** The compiled ink JSON (inkjs `Compiler.Compile().ToJson()`, parsed). */
  ink: unknown;
}

export function isInkChapter(chapter: object): chapter is InkChapter {
  return (chapter as { format?: unknown }).format === 'ink';
}

/** The knot that belongs to this chapter: its start knot, or for chapter 1 the first chapter knot (if any). */
export function ownKnot(chapter: InkChapter): string | null {
  return chapter.startKnot ?? (chapter.number === 1 ? (chapter.chapterKnots[0] ?? null) : null);
}
