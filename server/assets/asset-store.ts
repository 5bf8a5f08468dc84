import type { Readable } from 'node:stream';

/** Bytes to store under their own SHA-256 (lowercase hex), with the media type they are served as. */
export interface AssetBlob {
  sha256: string;
  contentType: string;
  bytes: Buffer;
}

/** What is known of a stored blob without reading it: its media type and its size in bytes. */
export interface AssetInfo {
  contentType: string;
  size: number;
}

/** A stored blob: its media type, its whole size, and its bytes (a stream the reader must consume or destroy). */
export interface StoredAsset extends AssetInfo {
  body: Readable | Buffer;
}

/** Bytes `start` to `end` of a blob, both included (as an HTTP Range names them); within the blob. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Content-addressed storage for uploaded art and sound: a blob's name is the SHA-256 of its bytes,
 * so a name always means the same bytes and a blob is never overwritten with others. Implementations:
 * a local folder (LocalAssetStore) and S3 or any S3-compatible store (S3AssetStore).
 */
export interface AssetStore {
  /** Stores the blob; storing the same one again is a no-op. Rejects when `sha256` is not the bytes' hash. */
  put(blob: AssetBlob): Promise<void>;
  /**
   * The blob, or null when none is stored under that name (or the name is not a SHA-256). With a
   * range, `body` holds only those bytes (media players seek with HTTP Range requests); `size` is
   * still the whole blob's.
   */
  get(sha256: string, range?: ByteRange): Promise<StoredAsset | null>;
  /** The blob's media type and size, or null as for get. */
  stat(sha256: string): Promise<AssetInfo | null>;
  has(sha256: string): Promise<boolean>;
}
