/** Who published the certified version, as their account read when it was published. */
export interface CertificateAuthor {
  id: string;
  displayName: string;
}

/**
 * `GET /v1/certificates/:certificateId` (and the publish answer's `certificate`): signed proof that
 * `author` published `version` of a chapter whose bundle has the content hash `sha256` (the `v` of
 * its bundle URL) at `issuedAt`. Immutable.
 *
 * `signature` is the base64 Ed25519 signature, by the key `keyId`, of the canonical JSON of every
 * other field (keys sorted at every level, no whitespace).
 */
export interface Certificate {
  id: string;
  storyId: string;
  chapterId: string;
  version: number;
  sha256: string;
  author: CertificateAuthor;
  /** ISO 8601, exactly as signed. */
  issuedAt: string;
  algorithm: 'Ed25519';
  /** The first 16 hex characters of the SHA-256 of the signing key's public key (SPKI DER). */
  keyId: string;
  signature: string;
}

/** What the signature covers: the certificate without its `signature`. */
export type SignedCertificateFields = Omit<Certificate, 'signature'>;

/** One public key that has ever signed certificates (old keys stay listed after a rotation). */
export interface CertificateKey {
  keyId: string;
  algorithm: 'Ed25519';
  /** SPKI PEM, as `crypto.createPublicKey` takes it. */
  publicKeyPem: string;
}

/** `GET /v1/certificates/keys`: oldest first. */
export interface CertificateKeyList {
  keys: CertificateKey[];
}
