import { EntitySchema } from '@mikro-orm/core';
import { Story } from './Story';

/** A file a writer uploaded for a studio story: its path in the story, and the blob in the asset store. */
export class StudioAsset {
  story!: Story;
  /** Relative to the story, as chapters reference it (`assets/bg.png`). */
  path!: string;
  sha256!: string;
  contentType!: string;
  size!: number;
  updatedAt: Date = new Date();
}

export const StudioAssetSchema = new EntitySchema<StudioAsset>({
  class: StudioAsset,
  tableName: 'studio_assets',
  properties: {
    story: { kind: 'm:1', entity: () => Story, primary: true },
    path: { type: 'string', length: 200, primary: true },
    sha256: { type: 'string', length: 64 },
    contentType: { type: 'string', length: 64 },
    size: { type: 'integer' },
    updatedAt: { type: 'datetime' },
  },
});
