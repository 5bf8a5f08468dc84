import { EntitySchema } from '@mikro-orm/core';
import { Story } from './Story';

/**
 * One published version of a studio chapter: immutable once written. It becomes what readers get
 * (the `chapters` row) at `releaseAt`; until then the chapter is `scheduled`.
 */
export class ChapterVersion {
  chapterId!: string;
  /** 1, 2, 3… per chapter. */
  version!: number;
  story!: Story;
  number!: number;
  title!: string;
  sha256!: string;
  bundle!: Record<string, unknown>;
  releaseAt!: Date;
  publishedAt!: Date;
  /** Set once this version has been made the chapter readers get. */
  releasedAt: Date | null = null;
  certificateId!: string;
}

export const ChapterVersionSchema = new EntitySchema<ChapterVersion>({
  class: ChapterVersion,
  tableName: 'chapter_versions',
  indexes: [{ properties: ['story'] }, { properties: ['releasedAt', 'releaseAt'] }],
  properties: {
    chapterId: { type: 'string', length: 128, primary: true },
    version: { type: 'integer', primary: true },
    story: { kind: 'm:1', entity: () => Story },
    number: { type: 'integer' },
    title: { type: 'string', length: 200 },
    sha256: { type: 'string', length: 64 },
    bundle: { type: 'json', lazy: true },
    releaseAt: { type: 'datetime' },
    publishedAt: { type: 'datetime' },
    releasedAt: { type: 'datetime', nullable: true },
    certificateId: { type: 'string', length: 64 },
  },
});
