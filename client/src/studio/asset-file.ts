// Uploading art and music: the path a file is proposed under, the type it is sent as, and the words
// for the server's refusals. The server decides what it takes (types, size, path): this only words it.

/** The `accept` of the asset file input: what the asset store takes (png, jpeg, webp, mp3, ogg, svg). */
export const ASSET_FILE_ACCEPT = 'image/png,image/jpeg,image/webp,image/svg+xml,audio/mpeg,audio/ogg,.png,.jpg,.jpeg,.webp,.svg,.mp3,.ogg';

const TYPE_OF_EXTENSION: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
};

/**
 * `assets/<file name>`, the layout chapters refer to art by. Characters a path may not hold (spaces,
 * quotes, …) become `-`, so the proposal is one the server accepts; the writer can still edit it.
 */
export function defaultAssetPath(fileName: string): string {
  const name = fileName
    .split(/[\\/]/)
    .pop()!
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[.-]+/, '');
  return `assets/${name || 'file'}`;
}

/**
 * Why a path cannot even be sent: the browser resolves `.` and `..` segments (escaped or not) before
 * the request leaves, so `assets/../x.png` would reach another address instead of being refused.
 * Everything else about a path (allowed characters) is the server's to judge.
 */
export function assetPathProblem(path: string): string | null {
  if (path.startsWith('/')) return 'A path is relative to the story: remove the leading "/".';
  const segments = path.split('/');
  if (segments.some((segment) => segment === '')) return 'A path cannot have an empty part ("//" or a trailing "/").';
  if (segments.some((segment) => /^(\.|%2e){1,2}$/i.test(segment))) return 'A path cannot contain "." or ".." parts: it must stay inside the story.';
  return null;
}

/** The Content-Type to send: the browser's when it knows one, else the one the extension names. */
export function assetContentType(fileName: string, browserType: string): string {
  if (browserType) return browserType;
  const extension = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  return TYPE_OF_EXTENSION[extension] ?? 'application/octet-stream';
}

/** "820 B", "12.4 KB", "5.0 MB": sizes as people read them (1 KB = 1024 bytes, as the limit is set in MiB). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** A refused upload in words that say what to change, ahead of the server's own message. */
export function assetRefusal(status: number, message: string): string {
  if (status === 413) return `Too large: ${message}`;
  if (status === 415) return `Not a type the studio takes (PNG, JPEG, WebP, SVG, MP3, Ogg): ${message}`;
  if (status === 400) return `That path cannot be used: ${message}`;
  return message;
}
