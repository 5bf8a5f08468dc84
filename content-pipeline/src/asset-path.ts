import { posix } from 'node:path';

// Asset paths are resolved inside the story folder, and the built bundles are served from
// a web origin. A path that is absolute, a URL, or climbs with ".." could read another
// story's files (or the server's), so such paths are refused outright rather than resolved.

export type AssetPathVerdict = { ok: true; path: string } | { ok: false; reason: string };

export function checkAssetPath(raw: string): AssetPathVerdict {
  if (raw.includes('\\')) return { ok: false, reason: 'uses backslashes; write paths with forward slashes' };
  if (raw.startsWith('/') || /^[A-Za-z]:/.test(raw)) return { ok: false, reason: 'is absolute; asset paths are relative to the story folder' };
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(raw)) return { ok: false, reason: 'is a URL; assets must be files inside the story folder' };
  if (raw.split('/').includes('..')) return { ok: false, reason: 'contains "..", which could leave the story folder' };
  const path = posix.normalize(raw);
  if (path === '.' || path.endsWith('/')) return { ok: false, reason: 'names a folder, not a file' };
  return { ok: true, path };
}
