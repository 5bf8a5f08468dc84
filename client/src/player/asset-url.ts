/**
 * Where a story asset is fetched from. Bundles name assets relative to the story folder
 * (`assets/bg.svg`); the server serves them under `assetBase`, one encoded segment at a time.
 */
export function resolveAssetUrl(assetBase: string, path: string): string {
  // Absolute paths and full URLs are already resolved (a harness or a CDN may hand them out).
  if (path.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(path)) return path;
  const base = assetBase === '' || assetBase.endsWith('/') ? assetBase : `${assetBase}/`;
  return base + path.split('/').map(encodeURIComponent).join('/');
}
