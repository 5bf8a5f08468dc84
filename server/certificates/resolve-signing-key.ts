import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SigningKey, UnusableSigningKey } from './signing-key';

/** Where the embedded run keeps its generated signing key. */
export const SIGNING_KEY_FILE = 'certificate-signing-key.pem';

/**
 * The configured CERTIFICATE_SIGNING_KEY, or — in the embedded run — one generated on first start
 * and kept in DATA_DIR, so certificates keep being signed by the same key across restarts.
 */
export function resolveSigningKey(configuredPem: string | undefined, dataDir: string): SigningKey {
  if (configuredPem) return SigningKey.fromPem(configuredPem);
  return readSigningKeyFile(dataDir) ?? createSigningKeyFile(dataDir);
}

/** DATA_DIR's signing key, or null when there is none yet. A file that is not a usable key is an error, never replaced. */
export function readSigningKeyFile(dataDir: string): SigningKey | null {
  const file = join(dataDir, SIGNING_KEY_FILE);
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    return SigningKey.fromPem(pem);
  } catch (error) {
    // Replacing it would silently change who signs: an operator must look at it.
    if (error instanceof UnusableSigningKey) throw new UnusableSigningKey(`${file} ${error.message}; move it away to generate a new key`);
    throw error;
  }
}

/**
 * Generates a key into DATA_DIR. Several processes sharing DATA_DIR may start at once: the key is
 * written to a file of its own and then hard-linked into place, which fails if another got there
 * first — so nobody ever reads a half-written key, and everyone ends up with the same one.
 */
function createSigningKeyFile(dataDir: string): SigningKey {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, SIGNING_KEY_FILE);
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const key = SigningKey.generate();
  writeFileSync(draft, key.toPem(), { mode: 0o600 });
  try {
    linkSync(draft, file);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readSigningKeyFile(dataDir) ?? createSigningKeyFile(dataDir);
  } finally {
    unlinkSync(draft);
  }
}
