import type { ChapterBundle } from '../../../api/index';
import { resolveAssetUrl } from '../player/asset-url';
import type { ChapterSource } from '../shell/scene-director';
import type { StudioApi } from './studio-api';

/**
 * What a writer's preview plays: the draft's bundle from the studio (signed in; never the public,
 * immutable bundle cache, since a draft changes), and its art through the story's uploads — each
 * path's content-hashed `/v1/assets/<sha256>` URL — since an unlisted story's public asset route
 * serves nothing yet.
 */
export class PreviewChapterSource implements ChapterSource {
  private uploads = new Map<string, string>();

  constructor(
    private readonly api: StudioApi,
    private readonly storyId: string,
  ) {}

  async bundle(bundleUrl: string, chapterId: string): Promise<ChapterBundle> {
    const [bundle, story] = await Promise.all([this.api.previewBundle(this.storyId, chapterId, bundleUrl), this.api.story(this.storyId)]);
    this.uploads = new Map((story?.assets ?? []).map((asset) => [asset.path, asset.url]));
    return bundle;
  }

  /** A path the story never uploaded falls back to the public route (the player then goes on without it). */
  assetUrl(path: string): string {
    return this.uploads.get(path) ?? resolveAssetUrl(`/v1/stories/${encodeURIComponent(this.storyId)}/assets/`, path);
  }
}
