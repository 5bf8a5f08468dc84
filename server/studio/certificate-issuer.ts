import type { EntityManager } from '@mikro-orm/core';
import type { Certificate } from '../../api/certificates';

/** What a publish certifies: the chapter version, its bundle's content hash, and who published it. */
export interface CertificateRequest {
  storyId: string;
  chapterId: string;
  version: number;
  sha256: string;
  author: { id: string; displayName: string };
}

/**
 * What the studio needs of the certificates: one signed certificate per published version, written in
 * the publish's own transaction (`tx`) so there is never a version without its certificate.
 */
export interface CertificateIssuer {
  issue(request: CertificateRequest, tx?: EntityManager): Promise<Certificate>;
}
