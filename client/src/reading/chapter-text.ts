import type { AnyChapterBundle } from '../../../content-pipeline';
import { ChapterParagraphs } from '../../../rooms/reading/rules/chapter-paragraphs';

/** One paragraph of a chapter read as text: a dialogue line (with its speaker) or narration. */
export interface TextParagraph {
  id: string;
  /** The speaker's display name; null for narration. */
  speaker: string | null;
  text: string;
}

interface LineLike {
  id?: unknown;
  type?: unknown;
  character?: unknown;
  text?: unknown;
}

/**
 * A chapter as text, in the reading order the reading room uses (so positions and reactions name
 * the same paragraphs): dialogue and narration lines only — stage directions (show, hide) have ids
 * but nothing to read. Null for a chapter without fixed lines (Ink).
 */
export function chapterText(bundle: AnyChapterBundle): TextParagraph[] | null {
  if (!('scenes' in bundle) || !bundle.scenes) return null;
  const order = ChapterParagraphs.of(bundle);
  if (!order) return null;
  const lines = new Map<string, LineLike>();
  for (const scene of Object.values(bundle.scenes)) for (const line of (scene.timeline ?? []) as LineLike[]) if (typeof line.id === 'string') lines.set(line.id, line);
  const characters = (bundle.characters ?? {}) as Record<string, { displayName?: string }>;
  const paragraphs: TextParagraph[] = [];
  for (const id of order.ids) {
    const line = lines.get(id);
    if (!line || typeof line.text !== 'string' || line.text.trim() === '') continue;
    const character = line.type === 'dialogue' && typeof line.character === 'string' ? line.character : null;
    paragraphs.push({ id, speaker: character === null ? null : (characters[character]?.displayName ?? character), text: line.text });
  }
  return paragraphs;
}
