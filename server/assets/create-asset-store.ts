import { S3Client } from '@aws-sdk/client-s3';
import type { AssetStoreConfig } from '../config/config';
import type { AssetStore } from './asset-store';
import { LocalAssetStore } from './local-asset-store';
import { S3AssetStore } from './s3-asset-store';

/**
 * The asset store the configuration names (only the composition root calls this). S3 credentials
 * come from the SDK's usual sources: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, a profile, an
 * instance role.
 */
export function createAssetStore(config: AssetStoreConfig): AssetStore {
  if (config.kind === 'local') return new LocalAssetStore(config.dir);
  return new S3AssetStore({ client: s3ClientFor(config), bucket: config.bucket, prefix: config.prefix });
}

/** An S3 client for AWS, or for the S3-compatible store at `endpoint`. */
export function s3ClientFor(config: Extract<AssetStoreConfig, { kind: 's3' }>): S3Client {
  if (!config.endpoint) return new S3Client({ region: config.region });
  return new S3Client({
    region: config.region,
    endpoint: config.endpoint,
    // Bucket in the path: S3-compatible servers rarely have a DNS name per bucket.
    forcePathStyle: true,
    // The SDK's default CRC32 checksum headers (since 3.729) are refused by many S3-compatible
    // stores; compute and check checksums only where the S3 API requires them.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}
