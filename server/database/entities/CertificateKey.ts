import { EntitySchema } from '@mikro-orm/core';

/**
 * A public key that has signed certificates, registered by every process at start. Rows are never
 * removed: after a rotation, certificates signed by an older key still verify against its row.
 */
export class CertificateKey {
  keyId!: string;
  publicKeyPem!: string;
  createdAt!: Date;
}

export const CertificateKeySchema = new EntitySchema<CertificateKey>({
  class: CertificateKey,
  tableName: 'certificate_keys',
  properties: {
    keyId: { type: 'string', length: 16, primary: true },
    publicKeyPem: { type: 'text' },
    createdAt: { type: 'datetime' },
  },
});
