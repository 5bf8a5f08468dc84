// Public URLs the catalog hands out. The bundle URL carries the content hash, which is what
// lets it be cached forever: a changed chapter gets a new URL.

export function bundleUrl(chapterId: string, sha256: string): string {
  return `/v1/chapters/${encodeURIComponent(chapterId)}/bundle?v=${sha256}`;
}

export function assetUrl(storyId: string, relPath: string): string {
  return `/v1/stories/${encodeURIComponent(storyId)}/assets/${encodePath(relPath)}`;
}

/** A campaign world's file (a location's background). */
export function worldAssetUrl(worldId: string, relPath: string): string {
  return `/v1/worlds/${encodeURIComponent(worldId)}/assets/${encodePath(relPath)}`;
}

const encodePath = (relPath: string): string => relPath.split('/').map(encodeURIComponent).join('/');
