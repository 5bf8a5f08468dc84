import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { freePort } from '../../rooms/shared/free-port';
import { describeEachEngine } from '../../testing/test-database';
import { startStoryVerse, type StoryVerse } from '../composition';
import { loadConfig } from '../config/config';
import { createScratchPostgres, type ScratchPostgres } from '../database/scratch-postgres';
import { silentLogger } from '../shared/logger';
import { verifiesWith } from './certificate-test-kit';
import type { IssueCertificateInput } from './certificate-service';
import { SIGNING_KEY_FILE } from './resolve-signing-key';
import { SigningKey } from './signing-key';
import { verifyCertificate } from './verify-certificate';

// The real composition, stopped and started again on the same DATA_DIR and database — a restart.

const chapter = (n: number): IssueCertificateInput => ({ storyId: 'tide-clock', chapterId: `tide-clock-ch${n}`, version: 1, sha256: `${n}`.repeat(64).slice(0, 64), author: { id: 'author-1', displayName: 'Ada Quill' } });

describeEachEngine('certificate signing keys across restarts', (engine) => {
  let dataDir: string;
  let scratch: ScratchPostgres | undefined;
  let running: StoryVerse | undefined;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'storyverse-certificates-'));
    scratch = engine === 'postgresql' ? await createScratchPostgres() : undefined;
  });
  afterEach(async () => {
    await running?.close();
    running = undefined;
    await scratch?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Starts the server on this case's DATA_DIR and database (stopping the previous one first). */
  async function start(env: Record<string, string> = {}): Promise<StoryVerse> {
    await running?.close();
    const transport = process.env.TRANSPORT ? { TRANSPORT: process.env.TRANSPORT } : {};
    const config = loadConfig({ PORT: String(await freePort()), DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...transport, ...(scratch ? { DATABASE_URL: scratch.url } : {}), ...env });
    running = await startStoryVerse(config, { logger: silentLogger });
    return running;
  }

  const get = async (server: StoryVerse, path: string) => {
    const response = await fetch(`${server.url}${path}`);
    return { status: response.status, json: await response.json() };
  };

  it('generates the signing key once into DATA_DIR and signs with it again after a restart', async () => {
    const first = await start();
    const keyFile = join(dataDir, SIGNING_KEY_FILE);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const issued = await first.services.certificates.issue(chapter(1));
    const keysBefore = (await get(first, '/v1/certificates/keys')).json.keys;
    expect(keysBefore).toEqual([{ keyId: issued.keyId, algorithm: 'Ed25519', publicKeyPem: expect.stringMatching(/^-----BEGIN PUBLIC KEY-----/) }]);

    const second = await start();
    expect(second.services.certificates.signingKeyId).toBe(issued.keyId);
    expect((await get(second, '/v1/certificates/keys')).json.keys).toEqual(keysBefore);
    const fetched = await get(second, `/v1/certificates/${issued.id}`);
    expect(fetched).toEqual({ status: 200, json: issued });
    expect(verifiesWith(fetched.json, keysBefore[0].publicKeyPem)).toBe(true);
    expect(verifiesWith({ ...fetched.json, sha256: '9'.repeat(64) }, keysBefore[0].publicKeyPem)).toBe(false);
  }, 60_000);

  it('signs with CERTIFICATE_SIGNING_KEY; after a rotation to another key, old certificates still verify and /keys lists both', async () => {
    const key1 = SigningKey.generate();
    const key2 = SigningKey.generate();
    const before = await start({ CERTIFICATE_SIGNING_KEY: key1.toPem() });
    expect(existsSync(join(dataDir, SIGNING_KEY_FILE))).toBe(false);
    const old = await before.services.certificates.issue(chapter(1));
    expect(old.keyId).toBe(key1.keyId);

    // An operator's one-line form of the same PEM (`\n` escapes) is the same key.
    const after = await start({ CERTIFICATE_SIGNING_KEY: key2.toPem().replaceAll('\n', '\\n') });
    const fresh = await after.services.certificates.issue(chapter(2));
    expect(fresh.keyId).toBe(key2.keyId);

    const { keys } = (await get(after, '/v1/certificates/keys')).json;
    expect(keys).toEqual([
      { keyId: key1.keyId, algorithm: 'Ed25519', publicKeyPem: key1.publicKeyPem },
      { keyId: key2.keyId, algorithm: 'Ed25519', publicKeyPem: key2.publicKeyPem },
    ]);
    const oldServed = (await get(after, `/v1/certificates/${old.id}`)).json;
    expect(oldServed).toEqual(old);
    expect(verifiesWith(oldServed, keys[0].publicKeyPem)).toBe(true);
    expect(verifiesWith(fresh, keys[1].publicKeyPem)).toBe(true);
    // Each verifies against the listed keys; neither against the other's key alone.
    expect(verifyCertificate(oldServed, keys)).toEqual({ valid: true });
    expect(verifyCertificate(fresh, keys)).toEqual({ valid: true });
    expect(verifiesWith(oldServed, keys[1].publicKeyPem)).toBe(false);
    expect(verifyCertificate(oldServed, [keys[1]])).toMatchObject({ valid: false, problem: 'UNKNOWN_KEY' });
  }, 60_000);
});
