import { EntitySchema } from '@mikro-orm/core';
import { Story } from './Story';

/** A published chapter: the built bundle and its SHA-256 fingerprint (the content hash in its URL). */
export class Chapter {
  id!: string;
  story!: Story;
  number!: number;
  title!: string;
  sha256!: string;
  bundle!: Record<string, unknown>;
  listed = true;
  updatedAt: Date = new Date();
}

export const ChapterSchema = new EntitySchema<Chapter>({
  class: Chapter,
  tableName: 'chapters',
  indexes: [{ properties: ['story', 'number'] }],
  properties: {
    id: { type: 'string', length: 128, primary: true },
    story: { kind: 'm:1', entity: () => Story },
    number: { type: 'integer' },
    title: { type: 'string', length: 200 },
    sha256: { type: 'string', length: 64 },
    bundle: { type: 'json', lazy: true },
    listed: { type: 'boolean', default: true },
    updatedAt: { type: 'datetime' },
  },
});
