import { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { AssetBlob, AssetInfo, AssetStore, ByteRange, StoredAsset } from './asset-store';
import { assertNamedByItsHash, isSha256Hex } from './content-hash';

export interface S3AssetStoreOptions {
  client: S3Client;
  bucket: string;
  /** Prepended to every key: empty, or ending with `/`. */
  prefix: string;
}

/** Set on each object too, so a CDN or a direct link in front of the bucket caches it as we do. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Blobs as objects of an S3 bucket (AWS, or any S3-compatible store), keyed `<prefix><sha256>`,
 * the media type as the object's Content-Type. A PUT either stores the whole object or nothing,
 * so a reader never sees part of one.
 */
export class S3AssetStore implements AssetStore {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(options: S3AssetStoreOptions) {
    this.client = options.client;
    this.bucket = options.bucket;
    this.prefix = options.prefix;
  }

  async put(blob: AssetBlob): Promise<void> {
    assertNamedByItsHash(blob.sha256, blob.bytes);
    // Same name, same bytes: an object already there need not be sent again.
    if (await this.has(blob.sha256)) return;
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: this.keyOf(blob.sha256), Body: blob.bytes, ContentType: blob.contentType, ContentLength: blob.bytes.length, CacheControl: IMMUTABLE }),
    );
  }

  async get(sha256: string, range?: ByteRange): Promise<StoredAsset | null> {
    if (!isSha256Hex(sha256)) return null;
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.keyOf(sha256), Range: range ? `bytes=${range.start}-${range.end}` : undefined }));
      const body = object.Body instanceof Readable ? object.Body : Buffer.from((await object.Body?.transformToByteArray()) ?? []);
      // A ranged answer's Content-Range (`bytes 0-1/5000`) carries the whole size; ContentLength is the part's.
      const whole = /\/(\d+)$/.exec(object.ContentRange ?? '')?.[1];
      return { contentType: object.ContentType ?? 'application/octet-stream', size: whole ? Number(whole) : (object.ContentLength ?? 0), body };
    } catch (error) {
      // NoSuchKey only: a missing bucket (NoSuchBucket) or a refusal is a fault to report, not an unknown asset.
      if (errorName(error) === 'NoSuchKey') return null;
      throw error;
    }
  }

  async stat(sha256: string): Promise<AssetInfo | null> {
    if (!isSha256Hex(sha256)) return null;
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.keyOf(sha256) }));
      return { contentType: head.ContentType ?? 'application/octet-stream', size: head.ContentLength ?? 0 };
    } catch (error) {
      // A HEAD answer has no body, so every 404 reads NotFound; a missing bucket then fails the PUT that follows.
      if (errorName(error) === 'NotFound' || errorName(error) === 'NoSuchKey') return null;
      throw error;
    }
  }

  async has(sha256: string): Promise<boolean> {
    return (await this.stat(sha256)) !== null;
  }

  private keyOf(sha256: string): string {
    return `${this.prefix}${sha256}`;
  }
}

function errorName(error: unknown): string | undefined {
  return (error as { name?: string })?.name;
}
