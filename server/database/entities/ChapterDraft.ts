import { EntitySchema } from '@mikro-orm/core';
import type { ContentProblem } from '../../../content-pipeline';
import { Story } from './Story';

/** The format a writer uploaded a chapter in (Ink and Twee arrive with the importers). */
export type ChapterSourceFormat = 'storyverse' | 'ink' | 'twee';

/**
 * The writer's working copy of one studio chapter: the last upload, kept whether or not it is clean.
 * `bundle`/`sha256` are set only when it has no problems: only such a draft can be published.
 */
export class ChapterDraft {
  /** The chapter id, unique across all stories (it is the id readers and bundles use). */
  id!: string;
  story!: Story;
  number!: number;
  title!: string;
  format: ChapterSourceFormat = 'storyverse';
  /** What was uploaded, verbatim (a JSON document, or source text for Ink and Twee). */
  source!: string;
  problems: ContentProblem[] = [];
  /** The story asset paths it references (backgrounds, music), normalised: what it needs uploaded. */
  assetPaths: string[] = [];
  bundle: Record<string, unknown> | null = null;
  sha256: string | null = null;
  updatedAt: Date = new Date();
}

export const ChapterDraftSchema = new EntitySchema<ChapterDraft>({
  class: ChapterDraft,
  tableName: 'chapter_drafts',
  indexes: [{ properties: ['story'] }],
  properties: {
    id: { type: 'string', length: 128, primary: true },
    story: { kind: 'm:1', entity: () => Story },
    number: { type: 'integer' },
    title: { type: 'string', length: 200 },
    format: { type: 'string', length: 16, default: 'storyverse' },
    source: { type: 'text', lazy: true },
    problems: { type: 'json' },
    assetPaths: { type: 'json', default: '[]' },
    bundle: { type: 'json', nullable: true, lazy: true },
    sha256: { type: 'string', length: 64, nullable: true },
    updatedAt: { type: 'datetime' },
  },
});
