import { DomainError } from '../shared/domain-error';
import { ACCEPTED_CONTENT_TYPES, assetMediaType } from './asset-media-types';
import { sha256Hex } from './content-hash';

export interface AssetUpload {
  /** The path the story refers to the asset by, e.g. `assets/cover.png`. */
  path: string;
  /** The request's Content-Type header. */
  contentType: string | undefined;
  bytes: Buffer;
  maxBytes: number;
}

export interface AcceptedAsset {
  path: string;
  sha256: string;
  /** The media type alone, lowercase, without parameters. */
  contentType: string;
  size: number;
}

export const MAX_ASSET_PATH_LENGTH = 200;

const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/**
 * Checks an upload before it is stored: a safe relative path whose extension fits the type, one of
 * the accepted media types, bytes that really are of that type, within the size limit. Throws a
 * DomainError with the first rule broken (INVALID_ASSET_PATH, UNSUPPORTED_MEDIA_TYPE, EMPTY_ASSET,
 * ASSET_TOO_LARGE); returns the asset with its SHA-256 otherwise.
 */
export function acceptAsset(upload: AssetUpload): AcceptedAsset {
  const { path, bytes, maxBytes } = upload;
  checkPath(path);
  const type = assetMediaType(upload.contentType);
  if (!type) throw unsupportedType(upload.contentType);
  if (!type.extensions.some((extension) => path.toLowerCase().endsWith(extension))) {
    throw invalidPath(path, `a ${type.contentType} asset's path must end in ${type.extensions.join(' or ')}`);
  }
  if (bytes.length === 0) throw new DomainError('EMPTY_ASSET', 'The upload is empty: send the file as the request body');
  if (bytes.length > maxBytes) throw assetTooLarge(maxBytes);
  if (!type.matches(bytes)) {
    throw new DomainError('UNSUPPORTED_MEDIA_TYPE', `The bytes are not a ${type.contentType} file: send the file's real type`, { contentType: type.contentType, accepted: ACCEPTED_CONTENT_TYPES });
  }
  return { path, sha256: sha256Hex(bytes), contentType: type.contentType, size: bytes.length };
}

/** The refusal for an upload over the limit (also what the body reader answers when it stops reading). */
export function assetTooLarge(maxBytes: number): DomainError {
  return new DomainError('ASSET_TOO_LARGE', `An asset may be at most ${maxBytes} bytes`, { maxBytes });
}

function checkPath(path: string): void {
  if (path.length === 0) throw invalidPath(path, 'the path is empty');
  if (path.length > MAX_ASSET_PATH_LENGTH) throw invalidPath(path, `the path is longer than ${MAX_ASSET_PATH_LENGTH} characters`);
  if (path.startsWith('/')) throw invalidPath(path, 'the path must be relative (no leading /)');
  for (const segment of path.split('/')) {
    if (segment === '.' || segment === '..') throw invalidPath(path, 'the path may not contain . or .. segments');
    if (!SEGMENT.test(segment)) {
      throw invalidPath(path, "each /-separated part must be letters, digits, '.', '_' or '-', not empty and not starting with '.' (no spaces, %, \\ or control characters)");
    }
  }
}

function invalidPath(path: string, why: string): DomainError {
  // The path is echoed back only as JSON text: it may hold anything the client sent.
  return new DomainError('INVALID_ASSET_PATH', `The asset path is not valid: ${why}`, { path: path.slice(0, MAX_ASSET_PATH_LENGTH + 1) });
}

function unsupportedType(contentType: string | undefined): DomainError {
  const essence = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  const details = { contentType: essence.slice(0, 100), accepted: ACCEPTED_CONTENT_TYPES };
  if (essence === 'image/svg+xml') {
    // SVG can carry script; until uploads are sanitised, only raster images are taken.
    return new DomainError('UNSUPPORTED_MEDIA_TYPE', 'SVG is not accepted yet (uploaded SVG is not sanitised): upload the art as PNG or WebP', details);
  }
  const named = essence ? `${essence} is not accepted` : 'The upload has no Content-Type';
  return new DomainError('UNSUPPORTED_MEDIA_TYPE', `${named}: send one of ${ACCEPTED_CONTENT_TYPES.join(', ')}`, details);
}
