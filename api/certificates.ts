// Certificates: signed proof of authorship of each published chapter version (issue 14).

/**
 * `GET /v1/certificates/:certificateId`. `signature` is the base64 Ed25519 signature of the canonical
 * JSON of every other field (keys sorted at every level, no whitespace); `sha256` is the published
 * chapter bundle's content hash (the `v` of its bundle URL).
 */
export interface Certificate {
  id: string;
  storyId: string;
  chapterId: string;
  version: number;
  sha256: string;
  author: { id: string; displayName: string };
  /** ISO 8601. */
  issuedAt: string;
  algorithm: 'Ed25519';
  keyId: string;
  signature: string;
}

/** `GET /v1/certificates/keys`: every key that ever signed (rotation keeps old certificates verifiable). */
export interface CertificateKeys {
  keys: { keyId: string; algorithm: 'Ed25519'; publicKeyPem: string }[];
}
