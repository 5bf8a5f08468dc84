import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CertificateKey } from '../../api/certificates';
import { canonicalJson } from '../../content-pipeline';
import { SigningKey } from './signing-key';
import { verifyCertificate, type VerificationKey } from './verify-certificate';

const key = SigningKey.generate();
const otherKey = SigningKey.generate();
const keys: VerificationKey[] = [{ publicKeyPem: key.publicKeyPem }];

function signedBy(signer: SigningKey, fields: Record<string, unknown> = {}): Record<string, unknown> {
  const unsigned = {
    id: 'Zm9vYmFyYmF6cXV4cXV1eA',
    storyId: 'tide-clock',
    chapterId: 'tide-clock-ch1',
    version: 2,
    sha256: 'e'.repeat(64),
    author: { id: 'author-1', displayName: 'Ada Quill' },
    issuedAt: '2026-05-06T07:08:09.123Z',
    algorithm: 'Ed25519',
    keyId: key.keyId,
    ...fields,
  };
  return { ...unsigned, signature: signer.sign(canonicalJson(unsigned)) };
}

const reasonOf = (certificate: unknown, known: VerificationKey[] = keys) => {
  const result = verifyCertificate(certificate, known);
  return result.valid ? 'valid' : `${result.problem}: ${result.reason}`;
};

describe('verifyCertificate', () => {
  it('accepts a certificate signed by the key it names, whatever the order of its fields', () => {
    const certificate = signedBy(key);
    expect(verifyCertificate(certificate, keys)).toEqual({ valid: true });
    const reordered = Object.fromEntries(Object.entries(certificate).reverse());
    expect(verifyCertificate(reordered, [otherKey, key])).toEqual({ valid: true });
  });

  it.each([
    ['sha256', { sha256: 'f'.repeat(64) }],
    ['version', { version: 3 }],
    ['author', { author: { id: 'author-1', displayName: 'Somebody Else' } }],
    ['issuedAt', { issuedAt: '2027-01-01T00:00:00.000Z' }],
    ['chapterId', { chapterId: 'tide-clock-ch2' }],
    ['an added field', { note: 'mine' }],
  ])('says the signature does not match when %s was changed after signing', (_what, change) => {
    expect(reasonOf({ ...signedBy(key), ...change })).toMatch(/^SIGNATURE_MISMATCH: the signature does not match: the signed fields were changed after signing/);
  });

  it('says the signature does not match when another key signed it under this key\'s id', () => {
    expect(reasonOf(signedBy(otherKey))).toMatch(/^SIGNATURE_MISMATCH: .*or it was not signed by key [0-9a-f]{16}$/);
  });

  it('names an unknown key and the keys it knows', () => {
    const certificate = signedBy(otherKey, { keyId: otherKey.keyId });
    expect(reasonOf(certificate)).toBe(`UNKNOWN_KEY: unknown key: the certificate says it was signed by key ${otherKey.keyId}, which is not among the known keys (${key.keyId}); fetch them from GET /v1/certificates/keys`);
    expect(reasonOf(certificate, [])).toMatch(/not among the known keys \(none\)/);
    expect(reasonOf(certificate, [...keys, otherKey])).toBe('valid');
  });

  it('trusts a key\'s fingerprint, not the id a key list gives it', () => {
    // A list passing the other key off under our key id does not make its signatures ours.
    const lying: CertificateKey[] = [{ keyId: key.keyId, algorithm: 'Ed25519', publicKeyPem: otherKey.publicKeyPem }];
    expect(reasonOf(signedBy(otherKey), lying)).toMatch(/^UNKNOWN_KEY/);
  });

  it('ignores keys that are not Ed25519 public keys', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(reasonOf(signedBy(key), [{ publicKeyPem: 'not a key' }, { publicKeyPem: rsa }, ...keys])).toBe('valid');
    expect(reasonOf(signedBy(key), [{ publicKeyPem: 'not a key' }, { publicKeyPem: rsa }])).toMatch(/^UNKNOWN_KEY: .*\(none\)/);
  });

  it('refuses another algorithm before looking at the signature', () => {
    expect(reasonOf(signedBy(key, { algorithm: 'RS256' }))).toBe('UNSUPPORTED_ALGORITHM: the algorithm is "RS256"; StoryVerse certificates are signed with Ed25519 only');
  });

  it.each([
    ['not base64', '%%%'],
    ['too short', Buffer.alloc(32).toString('base64')],
    ['empty', ''],
  ])('says a signature that is %s is malformed', (_what, signature) => {
    expect(reasonOf({ ...signedBy(key), signature })).toBe('MALFORMED_SIGNATURE: malformed signature: it is not the base64 text of a 64-byte Ed25519 signature');
  });

  it.each([
    ['null', null, 'not a certificate: expected a JSON object, got null'],
    ['an array', [signedBy(key)], 'not a certificate: expected a JSON object, got an array'],
    ['a string', 'certificate', 'not a certificate: expected a JSON object, got a string'],
  ])('says %s is not a certificate', (_what, value, reason) => {
    expect(reasonOf(value)).toBe(`NOT_A_CERTIFICATE: ${reason}`);
  });

  it('names each missing or mistyped field', () => {
    const { signature: _s, keyId: _k, ...partial } = signedBy(key);
    expect(reasonOf(partial)).toBe('NOT_A_CERTIFICATE: not a certificate: keyId is missing; signature is missing');
    expect(reasonOf({ ...signedBy(key), version: '2', author: { id: 'author-1' } })).toBe('NOT_A_CERTIFICATE: not a certificate: version must be a number (got string); author.displayName is missing');
    expect(reasonOf({ ...signedBy(key), sha256: 'ABC', issuedAt: 'yesterday' })).toMatch(/sha256 must be 64 lower-case hex characters; issuedAt must be an ISO 8601 time/);
  });
});
