import type { EntityManager } from '@mikro-orm/core';
import type { AssetUploadResponse } from '../../api/studio';
import { acceptAsset } from '../assets/asset-intake';
import type { AssetStore } from '../assets/asset-store';
import { assetBlobUrl } from '../assets/asset-url';
import { StudioAsset } from '../database/entities';
import type { Clock } from '../shared/clock';
import { ownedStory, writerAccount } from './writer-access';

export interface StudioAssetUploadsDeps {
  em: EntityManager;
  clock: Clock;
  store: AssetStore;
  /** STUDIO_MAX_ASSET_BYTES. */
  maxBytes: number;
}

export interface AssetUploadInput {
  /** As the chapters refer to it: `assets/bg.png`. */
  path: string;
  contentType: string | undefined;
  bytes: Buffer;
}

/**
 * A writer's art and sound: checked (path, type, magic number, size), stored in the asset store by
 * the SHA-256 of the bytes, and filed under its path in the story. Uploading a path again replaces
 * what the path names; the old bytes stay in the store (a published bundle may still point at them).
 */
export class StudioAssetUploads {
  constructor(private readonly deps: StudioAssetUploadsDeps) {}

  /** Before any bytes are read: only the story's writer may upload to it. */
  async checkWriter(userId: string, storyId: string): Promise<void> {
    const em = this.deps.em.fork();
    await ownedStory(em, storyId, await writerAccount(em, userId));
  }

  async upload(userId: string, storyId: string, input: AssetUploadInput): Promise<AssetUploadResponse> {
    const em = this.deps.em.fork();
    await ownedStory(em, storyId, await writerAccount(em, userId));
    const asset = acceptAsset({ ...input, maxBytes: this.deps.maxBytes });
    // The blob first: a row never names bytes the store does not have.
    await this.deps.store.put({ sha256: asset.sha256, contentType: asset.contentType, bytes: input.bytes });
    await em.upsert(
      StudioAsset,
      { story: storyId, path: asset.path, sha256: asset.sha256, contentType: asset.contentType, size: asset.size, updatedAt: this.deps.clock.now() },
      { onConflictFields: ['story', 'path'], onConflictAction: 'merge', onConflictMergeFields: ['sha256', 'contentType', 'size', 'updatedAt'] },
    );
    return { path: asset.path, sha256: asset.sha256, url: assetBlobUrl(asset.sha256) };
  }
}
