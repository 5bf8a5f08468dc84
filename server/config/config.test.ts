import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, SHIPPED_CONTENT_DIR } from './config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('gives the embedded defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(2567);
    expect(config.database).toEqual({ kind: 'sqlite', file: expect.stringMatching(/data\/storyverse\.sqlite$/) });
    expect(config.contentDir).toBe(SHIPPED_CONTENT_DIR);
    expect(config.transport).toBe('uws');
    expect(config.wallet).toEqual({ keysCap: 5, keyRegenSeconds: 10800, welcomeDiamonds: 20 });
    expect(config.earnings).toEqual({ writerSharePercent: 70 });
    expect(config.redisUrl).toBeUndefined();
  });

  it('selects PostgreSQL by DATABASE_URL and reads the wallet rules', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/sv', KEYS_CAP: '3', KEY_REGEN_SECONDS: '60', WELCOME_DIAMONDS: '0', TRANSPORT: 'ws' });
    expect(config.database).toEqual({ kind: 'postgresql', url: 'postgres://u@db:5432/sv', poolSize: 10 });
    expect(config.wallet).toEqual({ keysCap: 3, keyRegenSeconds: 60, welcomeDiamonds: 0 });
    expect(config.transport).toBe('ws');
  });

  it('sizes the PostgreSQL pool by DATABASE_POOL_SIZE, and refuses one for SQLite rather than ignore it', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db:5432/sv', DATABASE_POOL_SIZE: '24' }).database).toEqual({ kind: 'postgresql', url: 'postgres://u@db:5432/sv', poolSize: 24 });
    expect(problemsOf({ DATABASE_POOL_SIZE: '24' })).toEqual([expect.stringMatching(/^DATABASE_POOL_SIZE is set but DATABASE_URL is not .*\(got "24"\)$/)]);
  });

  it('records no sessions unless asked, and the asked room kinds under DATA_DIR/recordings', () => {
    expect(loadConfig({}).recording.rooms.size).toBe(0);
    const config = loadConfig({ RECORD_SESSIONS: 'story', DATA_DIR: '/tmp/sv' });
    expect([...config.recording.rooms]).toEqual(['story']);
    expect(config.recording.dir).toBe('/tmp/sv/recordings');
  });

  it('reads the writer\'s share, 0 to 100 percent', () => {
    expect(loadConfig({ WRITER_SHARE_PERCENT: '0' }).earnings.writerSharePercent).toBe(0);
    expect(loadConfig({ WRITER_SHARE_PERCENT: '100' }).earnings.writerSharePercent).toBe(100);
  });

  it('reads the group commit limits of story steps', () => {
    expect(loadConfig({}).stepBatches).toEqual({ maxSize: 100, maxWaitMs: 10 });
    expect(loadConfig({ STEP_BATCH_MAX_SIZE: '1', STEP_BATCH_MAX_WAIT_MS: '0' }).stepBatches).toEqual({ maxSize: 1, maxWaitMs: 0 });
  });

  it('reads the reading rooms\' size, patch interval and live comment rate', () => {
    expect(loadConfig({}).reading).toEqual({ roomSize: 100, patchMs: 500, liveCommentsPerSecond: 5 });
    expect(loadConfig({ READING_LIVE_COMMENTS_PER_SECOND: '1000' }).reading.liveCommentsPerSecond).toBe(1000);
  });

  it('reads the room sockets the web client may open elsewhere (a cluster with direct room sockets)', () => {
    expect(loadConfig({}).roomSocketOrigins).toEqual([]);
    expect(loadConfig({ ROOM_SOCKET_ORIGINS: 'ws://127.0.0.1:8101,wss://play-2.example.com' }).roomSocketOrigins).toEqual(['ws://127.0.0.1:8101', 'wss://play-2.example.com']);
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).port).toBe(2567);
  });

  it.each([
    ['PORT', 'eighty', /PORT must be a whole number from 0 to 65535 \(got "eighty"\)/],
    ['PORT', '70000', /PORT must be a whole number/],
    ['KEYS_CAP', '0', /KEYS_CAP must be a whole number from 1/],
    ['KEYS_CAP', '2.5', /KEYS_CAP must be a whole number/],
    ['WELCOME_DIAMONDS', '-1', /WELCOME_DIAMONDS must be a whole number from 0/],
    ['WRITER_SHARE_PERCENT', '101', /WRITER_SHARE_PERCENT must be a whole number from 0 to 100 \(got "101"\)/],
    ['WRITER_SHARE_PERCENT', '70.5', /WRITER_SHARE_PERCENT must be a whole number from 0 to 100/],
    ['TRANSPORT', 'tcp', /TRANSPORT must be uws or ws/],
    ['STEP_BATCH_MAX_SIZE', '0', /STEP_BATCH_MAX_SIZE must be a whole number from 1 to 1000/],
    ['STEP_BATCH_MAX_WAIT_MS', '1001', /STEP_BATCH_MAX_WAIT_MS must be a whole number from 0 to 1000/],
    ['READING_LIVE_COMMENTS_PER_SECOND', '0', /READING_LIVE_COMMENTS_PER_SECOND must be a whole number from 1 to 1000 \(got "0"\)/],
    ['DATABASE_POOL_SIZE', '0', /DATABASE_POOL_SIZE must be a whole number from 1 to 1000 \(got "0"\)/],
    ['DATABASE_POOL_SIZE', 'many', /DATABASE_POOL_SIZE must be a whole number from 1 to 1000/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL must be a URL starting with postgres:\/\/ or postgresql:\/\//],
    ['REDIS_URL', 'localhost:6379', /REDIS_URL must be a URL starting with redis:\/\//],
    ['JWT_SECRET', 'short', /JWT_SECRET must be at least 32 characters/],
    ['PUBLIC_ADDRESS', 'http://a:1', /PUBLIC_ADDRESS must be host:port/],
    ['ROOM_SOCKET_ORIGINS', 'http://a:1', /ROOM_SOCKET_ORIGINS must be ws:\/\/ or wss:\/\/ origins/],
    ['ROOM_SOCKET_ORIGINS', 'ws://a:1/game-1', /ROOM_SOCKET_ORIGINS must be ws:\/\/ or wss:\/\/ origins \(host\[:port\], no path\)/],
    ['ROOM_SOCKET_ORIGINS', "ws://a:1 'unsafe-inline'", /ROOM_SOCKET_ORIGINS must be/],
    ['RECORD_SESSIONS', 'story,chat', /RECORD_SESSIONS must name the room kinds to record/],
    ['RECORD_SESSIONS', 'story,campaign', /RECORD_SESSIONS .*only story rooms can be recorded \(campaign rooms cannot\)/],
    ['STUDIO_MAX_ASSET_BYTES', '0', /STUDIO_MAX_ASSET_BYTES must be a whole number from 1 to 104857600/],
    ['STUDIO_MAX_ASSET_BYTES', '104857601', /STUDIO_MAX_ASSET_BYTES must be a whole number from 1 to 104857600/],
    ['STUDIO_MAX_ASSET_BYTES', '5MB', /STUDIO_MAX_ASSET_BYTES must be a whole number/],
    ['S3_ENDPOINT', 'minio:9000', /S3_ENDPOINT must be a URL starting with http:\/\/ or https:\/\//],
    ['S3_REGION', 'us east', /S3_REGION must be a region name/],
    ['ASSET_STORE_URL', 'gs://bucket', /ASSET_STORE_URL must be s3:\/\/bucket\[\/prefix\] .* or a folder path \(got "gs:\/\/bucket"\)/],
    ['ASSET_STORE_URL', 's3://My_Bucket', /ASSET_STORE_URL must be s3:\/\/bucket/],
    ['ASSET_STORE_URL', 's3://ab', /ASSET_STORE_URL must be s3:\/\/bucket/],
    ['ASSET_STORE_URL', 's3://bucket/a/../b', /ASSET_STORE_URL must be s3:\/\/bucket/],
    ['ASSET_STORE_URL', 's3://bucket//x', /ASSET_STORE_URL must be s3:\/\/bucket/],
    ['ASSET_STORE_URL', 's3://bucket/a b', /ASSET_STORE_URL must be s3:\/\/bucket/],
  ])('refuses %s=%s with a line naming it', (name, value, message) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it('keeps assets in DATA_DIR/assets, at most 5 MiB each, unless told otherwise', () => {
    expect(loadConfig({ DATA_DIR: '/tmp/sv' }).assets).toEqual({ store: { kind: 'local', dir: '/tmp/sv/assets' }, maxBytes: 5 * 1024 * 1024 });
    expect(loadConfig({ ASSET_STORE_URL: '/srv/assets', STUDIO_MAX_ASSET_BYTES: '1' }).assets).toEqual({ store: { kind: 'local', dir: '/srv/assets' }, maxBytes: 1 });
    expect(loadConfig({ ASSET_STORE_URL: 'relative/assets' }).assets.store).toEqual({ kind: 'local', dir: expect.stringMatching(/^\/.*\/relative\/assets$/) });
    expect(loadConfig({ STUDIO_MAX_ASSET_BYTES: '104857600' }).assets.maxBytes).toBe(100 * 1024 * 1024);
  });

  it('selects S3 by an s3:// ASSET_STORE_URL: bucket, key prefix, region and endpoint', () => {
    expect(loadConfig({ ASSET_STORE_URL: 's3://storyverse-assets' }).assets.store).toEqual({ kind: 's3', bucket: 'storyverse-assets', prefix: '', region: 'us-east-1' });
    expect(loadConfig({ ASSET_STORE_URL: 's3://my.bucket-1/studio/assets', S3_REGION: 'eu-west-3', S3_ENDPOINT: 'http://127.0.0.1:9000' }).assets.store).toEqual({
      kind: 's3',
      bucket: 'my.bucket-1',
      prefix: 'studio/assets/',
      region: 'eu-west-3',
      endpoint: 'http://127.0.0.1:9000',
    });
    expect(loadConfig({ ASSET_STORE_URL: 's3://bucket/assets/' }).assets.store).toMatchObject({ prefix: 'assets/' });
    expect(loadConfig({ ASSET_STORE_URL: 's3://bucket/' }).assets.store).toMatchObject({ prefix: '' });
  });

  it('refuses an S3 setting when assets are not in S3, rather than quietly keeping them on this machine', () => {
    expect(problemsOf({ S3_ENDPOINT: 'http://127.0.0.1:9000' })).toEqual([expect.stringMatching(/^S3_ENDPOINT is set but ASSET_STORE_URL is not an s3:\/\/bucket URL/)]);
    expect(problemsOf({ S3_REGION: 'eu-west-3', ASSET_STORE_URL: '/srv/assets' })).toEqual([expect.stringMatching(/^S3_REGION is set but ASSET_STORE_URL is not an s3:\/\/bucket URL \(got "\/srv\/assets"\)/)]);
  });

  it('reports every bad variable at once', () => {
    expect(problemsOf({ PORT: 'x', KEYS_CAP: 'y' })).toHaveLength(2);
  });

  it('requires a shared JWT_SECRET in the cluster (REDIS_URL set)', () => {
    expect(problemsOf({ REDIS_URL: 'redis://127.0.0.1:6379' })[0]).toMatch(/JWT_SECRET must be set/);
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', JWT_SECRET: 'x'.repeat(32) }).redisUrl).toBe('redis://127.0.0.1:6379');
  });

  describe('CERTIFICATE_SIGNING_KEY', () => {
    const ed25519 = generateKeyPairSync('ed25519');
    const privatePem = ed25519.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

    it('is absent by default (a key is generated into DATA_DIR) and takes a PKCS#8 PEM Ed25519 private key', () => {
      expect(loadConfig({}).certificateSigningKeyPem).toBeUndefined();
      expect(loadConfig({ CERTIFICATE_SIGNING_KEY: privatePem }).certificateSigningKeyPem).toBe(privatePem);
    });

    it('takes the key on one line with \\n escapes, as .env files and process managers keep it', () => {
      expect(loadConfig({ CERTIFICATE_SIGNING_KEY: privatePem.trim().replaceAll('\n', '\\n') }).certificateSigningKeyPem).toBe(privatePem);
    });

    it.each([
      ['an RSA key', generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), /must be an Ed25519 private key \(got a key of type rsa\)/],
      ['a public key', ed25519.publicKey.export({ type: 'spki', format: 'pem' }).toString(), /must be a private key, not a public one/],
      ['not a key', 'my-secret-passphrase', /must be a PKCS#8 PEM Ed25519 private key/],
    ])('refuses %s at start, naming the variable, without printing the value', (_what, value, message) => {
      const problems = problemsOf({ CERTIFICATE_SIGNING_KEY: value });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^CERTIFICATE_SIGNING_KEY /);
      expect(problems[0]).toMatch(message);
      expect(problems[0]).toMatch(/\(got \d+ characters, not shown\)$/);
      expect(problems[0]).not.toContain(value.trim().split('\n')[1] ?? value);
    });
  });
});
