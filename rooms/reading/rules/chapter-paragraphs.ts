import type { Outcome } from './outcome';

/** The shape of a built chapter bundle this needs: scenes with timelines of lines that carry ids. */
export interface ParagraphSource {
  startSceneId?: string;
  scenes?: Record<string, SceneLike>;
}

interface SceneLike {
  timeline?: { id?: unknown }[];
  nextSceneId?: unknown;
  choice?: { options?: { nextSceneId?: unknown }[] };
}

/**
 * The paragraphs of one chapter, in reading order — scenes as a reader meets them from the start
 * scene (breadth first along nextSceneId and choice options), then any others by id, so the order
 * never depends on how a database stored the bundle's keys: what reactions, comments and positions
 * may name, and how far along a paragraph is. Null for a chapter with no static paragraphs (Ink).
 */
export class ChapterParagraphs {
  private readonly order: Map<string, number>;

  private constructor(readonly ids: readonly string[]) {
    this.order = new Map(ids.map((id, index) => [id, index]));
  }

  static of(bundle: ParagraphSource): ChapterParagraphs | null {
    if (!bundle.scenes) return null;
    const scenes = bundle.scenes;
    const order: string[] = [];
    const seen = new Set<string>();
    const visit = (sceneId: unknown) => {
      if (typeof sceneId !== 'string' || seen.has(sceneId) || !Object.hasOwn(scenes, sceneId)) return;
      seen.add(sceneId);
      order.push(sceneId);
    };
    visit(bundle.startSceneId);
    for (let i = 0; i < order.length; i++) {
      const scene = scenes[order[i]!]!;
      visit(scene.nextSceneId);
      for (const option of scene.choice?.options ?? []) visit(option.nextSceneId);
    }
    for (const sceneId of Object.keys(scenes).sort()) visit(sceneId);
    const ids: string[] = [];
    for (const sceneId of order) for (const line of scenes[sceneId]!.timeline ?? []) if (typeof line.id === 'string') ids.push(line.id);
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
