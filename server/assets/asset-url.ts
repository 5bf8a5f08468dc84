/** The content-hashed URL a stored asset is served at (GET /v1/assets/:sha256, cached for a year). */
export function assetBlobUrl(sha256: string): string {
  return `/v1/assets/${sha256}`;
}
