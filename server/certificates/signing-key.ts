import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { keyIdOf } from './key-id';

/** Why a PEM text cannot be the certificate signing key. */
export class UnusableSigningKey extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnusableSigningKey';
  }
}

/** The Ed25519 private key certificates are signed with, and its public part as the key registry lists it. */
export class SigningKey {
  readonly keyId: string;
  readonly publicKeyPem: string;

  private constructor(private readonly privateKey: KeyObject) {
    const publicKey = createPublicKey(privateKey);
    this.keyId = keyIdOf(publicKey);
    this.publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  /** A fresh key pair. */
  static generate(): SigningKey {
    return new SigningKey(generateKeyPairSync('ed25519').privateKey);
  }

  /** A PKCS#8 PEM Ed25519 private key; throws UnusableSigningKey saying what is wrong with anything else. */
  static fromPem(pem: string): SigningKey {
    let key: KeyObject;
    try {
      key = createPrivateKey({ key: pem, format: 'pem' });
    } catch {
      // Never echo the text: it may well be a real private key with one character missing.
      throw new UnusableSigningKey(
        /-----BEGIN PUBLIC KEY-----/.test(pem)
          ? 'must be a private key, not a public one (a PKCS#8 PEM "-----BEGIN PRIVATE KEY-----" Ed25519 key)'
          : 'must be a PKCS#8 PEM Ed25519 private key ("-----BEGIN PRIVATE KEY-----"), e.g. from `openssl genpkey -algorithm ed25519`',
      );
    }
    if (key.asymmetricKeyType !== 'ed25519') {
      throw new UnusableSigningKey(`must be an Ed25519 private key (got a key of type ${key.asymmetricKeyType ?? 'unknown'})`);
    }
    return new SigningKey(key);
  }

  /** The private key as PKCS#8 PEM, to keep it in a file. */
  toPem(): string {
    return this.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  }

  /** The base64 Ed25519 signature of `text`'s UTF-8 bytes. */
  sign(text: string): string {
    return sign(null, Buffer.from(text, 'utf8'), this.privateKey).toString('base64');
  }
}
