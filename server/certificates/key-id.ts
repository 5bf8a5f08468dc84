import { createHash, type KeyObject } from 'node:crypto';

/**
 * A public key's id: the first 16 hex characters of the SHA-256 of its SPKI DER encoding. It is a
 * fingerprint, not a label: anyone holding the public key can recompute it.
 */
export function keyIdOf(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}
