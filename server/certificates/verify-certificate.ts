import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../../content-pipeline';
import { keyIdOf } from './key-id';

/**
 * A public key a certificate may name: an entry of `GET /v1/certificates/keys`, or a PEM file's key.
 * A listed `keyId` is not trusted: the key's fingerprint is recomputed from the PEM.
 */
export interface VerificationKey {
  publicKeyPem: string;
}

export type VerificationProblem = 'NOT_A_CERTIFICATE' | 'UNSUPPORTED_ALGORITHM' | 'UNKNOWN_KEY' | 'MALFORMED_SIGNATURE' | 'SIGNATURE_MISMATCH';

export type VerificationResult = { valid: true } | { valid: false; problem: VerificationProblem; reason: string };

const text = z.string().min(1, 'must not be empty');

/** The certificate's fields and their types (extra fields are not refused here: they are signed fields too, so they fail the signature). */
const certificateShape = z.object({
  id: text,
  storyId: text,
  chapterId: text,
  version: z.number().int('must be a whole number').min(1, 'must be 1 or more'),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex characters'),
  author: z.object({ id: text, displayName: text }),
  issuedAt: z.string().datetime({ message: 'must be an ISO 8601 time such as 2026-01-02T03:04:05.000Z' }),
  algorithm: z.string(),
  keyId: text,
  signature: z.string(),
});

/** Base64 of exactly 64 bytes, which every Ed25519 signature is. */
const ED25519_SIGNATURE_BASE64 = /^[A-Za-z0-9+/]{86}==$/;

/**
 * Checks a certificate against the public keys that may have signed it, saying what is wrong when
 * it does not hold: its shape, its algorithm, its key, or its signature. A key is found by its
 * fingerprint (recomputed from its PEM), so a key list cannot pass one key off under another's id.
 * Pure: no I/O, no clock.
 */
export function verifyCertificate(certificate: unknown, keys: readonly VerificationKey[]): VerificationResult {
  if (certificate === null || typeof certificate !== 'object' || Array.isArray(certificate)) {
    return invalid('NOT_A_CERTIFICATE', `not a certificate: expected a JSON object, got ${describe(certificate)}`);
  }
  const shape = certificateShape.safeParse(certificate);
  if (!shape.success) {
    const fields = shape.error.issues.map((issue) => `${issue.path.join('.') || '(certificate)'} ${problemOf(issue)}`);
    return invalid('NOT_A_CERTIFICATE', `not a certificate: ${fields.join('; ')}`);
  }
  const { algorithm, keyId, signature } = shape.data;
  if (algorithm !== 'Ed25519') return invalid('UNSUPPORTED_ALGORITHM', `the algorithm is ${JSON.stringify(algorithm)}; StoryVerse certificates are signed with Ed25519 only`);

  const known = usableKeys(keys);
  const key = known.get(keyId);
  if (!key) {
    const ids = [...known.keys()];
    return invalid('UNKNOWN_KEY', `unknown key: the certificate says it was signed by key ${keyId}, which is not among the known keys (${ids.length > 0 ? ids.join(', ') : 'none'}); fetch them from GET /v1/certificates/keys`);
  }
  if (!ED25519_SIGNATURE_BASE64.test(signature)) return invalid('MALFORMED_SIGNATURE', 'malformed signature: it is not the base64 text of a 64-byte Ed25519 signature');

  const { signature: _signature, ...signed } = certificate as Record<string, unknown>;
  if (!verify(null, Buffer.from(canonicalJson(signed), 'utf8'), key, Buffer.from(signature, 'base64'))) {
    return invalid(
      'SIGNATURE_MISMATCH',
      `the signature does not match: the signed fields were changed after signing (id, storyId, chapterId, version, sha256, author, issuedAt…), or it was not signed by key ${keyId}`,
    );
  }
  return { valid: true };
}

/** Ed25519 public keys by their fingerprint; entries that are not one are left out. */
function usableKeys(keys: readonly VerificationKey[]): Map<string, KeyObject> {
  const byId = new Map<string, KeyObject>();
  for (const { publicKeyPem } of keys) {
    try {
      const key = createPublicKey(publicKeyPem);
      if (key.asymmetricKeyType === 'ed25519') byId.set(keyIdOf(key), key);
    } catch {
      // Not a public key: it cannot have signed anything.
    }
  }
  return byId;
}

function problemOf(issue: z.ZodIssue): string {
  if (issue.code !== 'invalid_type') return issue.message;
  return issue.received === 'undefined' ? 'is missing' : `must be a ${issue.expected} (got ${issue.received})`;
}

function invalid(problem: VerificationProblem, reason: string): VerificationResult {
  return { valid: false, problem, reason };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
