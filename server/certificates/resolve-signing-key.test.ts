import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveSigningKey, SIGNING_KEY_FILE } from './resolve-signing-key';
import { SigningKey } from './signing-key';

const MODULE = fileURLToPath(new URL('./resolve-signing-key.ts', import.meta.url));

describe('resolveSigningKey', () => {
  let dataDir: string;
  beforeEach(() => { dataDir = mkdtempSync(join(tmpdir(), 'storyverse-signing-key-')); });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('generates the key once into DATA_DIR, readable by its owner only, and reuses it on the next start', () => {
    const nested = join(dataDir, 'not-yet-there');
    const first = resolveSigningKey(undefined, nested);
    const file = join(nested, SIGNING_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(resolveSigningKey(undefined, nested).keyId).toBe(first.keyId);
    // No drafts left behind.
    expect(readdirSync(nested)).toEqual([SIGNING_KEY_FILE]);
  });

  it('uses CERTIFICATE_SIGNING_KEY when given, and writes nothing', () => {
    const configured = SigningKey.generate();
    expect(resolveSigningKey(configured.toPem(), dataDir).keyId).toBe(configured.keyId);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('refuses a DATA_DIR key file that is not a key, naming it, rather than replace it', () => {
    const file = join(dataDir, SIGNING_KEY_FILE);
    writeFileSync(file, 'garbage');
    expect(() => resolveSigningKey(undefined, dataDir)).toThrow(`${file} must be a PKCS#8 PEM Ed25519 private key`);
    expect(readFileSync(file, 'utf8')).toBe('garbage');
  });

  it('gives every process starting at once on one DATA_DIR the same key', async () => {
    // Each process waits for the same instant, then resolves the key.
    const startAt = Date.now() + 2000;
    const script = `import { resolveSigningKey } from ${JSON.stringify(MODULE)};
      while (Date.now() < ${startAt});
      console.log(resolveSigningKey(undefined, process.argv[1]).keyId);`;
    const runs = await Promise.all(
      Array.from({ length: 4 }, () => promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, dataDir])),
    );
    const ids = runs.map((run) => run.stdout.trim());
    expect(ids[0]).toMatch(/^[0-9a-f]{16}$/);
    expect(new Set(ids).size).toBe(1);
    expect(resolveSigningKey(undefined, dataDir).keyId).toBe(ids[0]);
    expect(readdirSync(dataDir)).toEqual([SIGNING_KEY_FILE]);
  }, 30_000);
});
