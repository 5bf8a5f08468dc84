import { createHash, createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SigningKey, UnusableSigningKey } from './signing-key';

const pkcs8 = (type: 'ed25519' | 'ed448' | 'x25519') => generateKeyPairSync(type as 'ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

describe('SigningKey', () => {
  it('loads a PKCS#8 PEM Ed25519 key; its id is the SHA-256 of the public key\'s SPKI DER, 16 hex characters', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const key = SigningKey.fromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    const der = publicKey.export({ type: 'spki', format: 'der' });
    expect(key.keyId).toBe(createHash('sha256').update(der).digest('hex').slice(0, 16));
    expect(key.publicKeyPem).toBe(publicKey.export({ type: 'spki', format: 'pem' }));
    expect(verify(null, Buffer.from('héllo'), createPublicKey(key.publicKeyPem), Buffer.from(key.sign('héllo'), 'base64'))).toBe(true);
    // Written out and read back, it is the same key.
    expect(SigningKey.fromPem(key.toPem()).keyId).toBe(key.keyId);
  });

  it('generates a different key each time', () => {
    expect(SigningKey.generate().keyId).not.toBe(SigningKey.generate().keyId);
  });

  it.each([
    ['an RSA key', generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), /^must be an Ed25519 private key \(got a key of type rsa\)$/],
    ['an Ed448 key', pkcs8('ed448'), /^must be an Ed25519 private key \(got a key of type ed448\)$/],
    ['an X25519 key', pkcs8('x25519'), /^must be an Ed25519 private key \(got a key of type x25519\)$/],
    ['a public key', generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString(), /^must be a private key, not a public one/],
    ['not a key', 'hello', /^must be a PKCS#8 PEM Ed25519 private key/],
    ['a truncated key', pkcs8('ed25519').slice(0, 60), /^must be a PKCS#8 PEM Ed25519 private key/],
  ])('refuses %s, saying what it must be', (_what, pem, message) => {
    expect(() => SigningKey.fromPem(pem)).toThrow(UnusableSigningKey);
    expect(() => SigningKey.fromPem(pem)).toThrow(message);
  });
});
