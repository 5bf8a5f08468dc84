import type { Certificate as CertificateJson, CertificateKey as CertificateKeyJson, SignedCertificateFields } from '../../api/certificates';
import type { Certificate, CertificateKey } from '../database/entities';

export const ALGORITHM = 'Ed25519';

/** The fields the signature covers, from a certificate row (before or after it is stored: the same text). */
export function signedFields(row: Omit<Certificate, 'signature'>): SignedCertificateFields {
  return {
    id: row.id,
    storyId: row.storyId,
    chapterId: row.chapterId,
    version: row.version,
    sha256: row.sha256,
    author: { id: row.authorId, displayName: row.authorDisplayName },
    issuedAt: row.issuedAt,
    algorithm: ALGORITHM,
    keyId: row.keyId,
  };
}

export function certificateView(row: Certificate): CertificateJson {
  return { ...signedFields(row), signature: row.signature };
}

export function certificateKeyView(row: CertificateKey): CertificateKeyJson {
  return { keyId: row.keyId, algorithm: ALGORITHM, publicKeyPem: row.publicKeyPem };
}
