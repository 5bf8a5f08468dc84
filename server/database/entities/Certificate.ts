import { EntitySchema } from '@mikro-orm/core';

/**
 * A signed proof of authorship of one published chapter version. Immutable: the columns hold
 * exactly the fields that were signed, so the certificate is served as it was signed.
 */
export class Certificate {
  id!: string;
  storyId!: string;
  chapterId!: string;
  version!: number;
  sha256!: string;
  authorId!: string;
  authorDisplayName!: string;
  /** The signed ISO 8601 text itself: a timestamp column could come back at another precision. */
  issuedAt!: string;
  keyId!: string;
  signature!: string;
}

export const CertificateSchema = new EntitySchema<Certificate>({
  class: Certificate,
  tableName: 'certificates',
  indexes: [
    { name: 'certificates_author_index', properties: ['authorId'] },
  ],
  // One certificate per published version.
  uniques: [{ name: 'certificates_chapter_version_unique', properties: ['chapterId', 'version'] }],
  properties: {
    id: { type: 'string', length: 32, primary: true },
    storyId: { type: 'string', length: 64 },
    chapterId: { type: 'string', length: 128 },
    version: { type: 'integer' },
    sha256: { type: 'string', length: 64 },
    authorId: { type: 'string', length: 64 },
    authorDisplayName: { type: 'string', length: 200 },
    issuedAt: { type: 'string', length: 32 },
    keyId: { type: 'string', length: 16 },
    signature: { type: 'string', length: 128 },
  },
});
