import type { EntityManager } from '@mikro-orm/core';
import type { Certificate } from '../../api/certificates';
import type { IssueCertificateInput } from '../certificates/certificate-service';

/**
 * What publishing needs of the certificates (CertificateService): one signed certificate per
 * published version, written in the publish's own transaction (`tx`), so there is never a version
 * without its certificate nor a certificate without its version.
 */
export interface CertificateIssuer {
  issue(input: IssueCertificateInput, tx?: EntityManager): Promise<Certificate>;
}
