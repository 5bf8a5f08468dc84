import type { Outcome } from './outcome';

/** The shape of a built chapter bundle this needs: scenes with timelines of lines that carry ids. */
export interface ParagraphSource {
  startSceneId?: string;
  scenes?: Record<string, { timeline?: { id?: unknown }[] }>;
}

/**
 * The paragraphs of one chapter, in reading order (the start scene first, then the others as the
 * bundle lists them): what reactions, comments and positions may name, and how far along a
 * paragraph is. Null for a chapter with no static paragraphs (an Ink chapter).
 */
export class ChapterParagraphs {
  private readonly order: Map<string, number>;

  private constructor(readonly ids: readonly string[]) {
    this.order = new Map(ids.map((id, index) => [id, index]));
  }

  static of(bundle: ParagraphSource): ChapterParagraphs | null {
    if (!bundle.scenes) return null;
    const sceneIds = Object.keys(bundle.scenes);
    const start = bundle.startSceneId && sceneIds.includes(bundle.startSceneId) ? [bundle.startSceneId] : [];
    const ids: string[] = [];
    for (const sceneId of [...start, ...sceneIds.filter((id) => !start.includes(id))]) {
      for (const line of bundle.scenes[sceneId]?.timeline ?? []) if (typeof line.id === 'string') ids.push(line.id);
    }
    return new ChapterParagraphs(ids);
  }

  get count(): number {
    return this.ids.length;
  }

  check(paragraphId: string): Outcome<number> {
    const index = this.order.get(paragraphId);
    if (index !== undefined) return { ok: true, value: index };
    return { ok: false, refusal: { code: 'INVALID_PARAGRAPH', message: 'There is no such paragraph in this chapter', details: { paragraphId } } };
  }

  /** Reaching the last paragraph completes the chapter. */
  isLast(index: number): boolean {
    return index === this.ids.length - 1;
  }
}
