import type { Readable } from 'node:stream';

/** Bytes to store under their own SHA-256 (lowercase hex), with the media type they are served as. */
export interface AssetBlob {
  sha256: string;
  contentType: string;
  bytes: Buffer;
}

/** A stored blob: its media type, its size in bytes and its bytes (a stream the reader must consume or destroy). */
export interface StoredAsset {
  contentType: string;
  size: number;
  body: Readable | Buffer;
}

/**
 * Content-addressed storage for uploaded art and sound: a blob's name is the SHA-256 of its bytes,
 * so a name always means the same bytes and a blob is never overwritten with others. Implementations:
 * a local folder (LocalAssetStore) and S3 or any S3-compatible store (S3AssetStore).
 */
export interface AssetStore {
  /** Stores the blob; storing the same one again is a no-op. Rejects when `sha256` is not the bytes' hash. */
  put(blob: AssetBlob): Promise<void>;
  /** The blob, or null when none is stored under that name (or the name is not a SHA-256). */
  get(sha256: string): Promise<StoredAsset | null>;
  has(sha256: string): Promise<boolean>;
}
