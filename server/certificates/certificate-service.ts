import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import type { Certificate as CertificateJson, CertificateKey as CertificateKeyJson } from '../../api/certificates';
import { canonicalJson } from '../../content-pipeline';
import { Certificate, CertificateKey } from '../database/entities';
import type { Clock } from '../shared/clock';
import { DomainError } from '../shared/domain-error';
import { newCertificateId } from './certificate-id';
import { certificateKeyView, certificateView, signedFields } from './certificate-view';
import type { SigningKey } from './signing-key';

export interface CertificateServiceDeps {
  em: EntityManager;
  clock: Clock;
  signingKey: SigningKey;
}

/** What a publish certifies: the chapter version, its bundle's content hash, and who published it. */
export interface IssueCertificateInput {
  storyId: string;
  chapterId: string;
  version: number;
  sha256: string;
  author: { id: string; displayName: string };
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Issues Ed25519-signed certificates of authorship, serves them, and keeps the registry of every
 * public key that ever signed one (so a key rotation never invalidates an older certificate).
 */
export class CertificateService {
  constructor(private readonly deps: CertificateServiceDeps) {}

  /** The id of the key this process signs with. */
  get signingKeyId(): string {
    return this.deps.signingKey.keyId;
  }

  /**
   * Lists this process's public key in the registry. Idempotent, and safe when several processes
   * start at once with the same key (the second insert is ignored). Run once at start.
   */
  async registerSigningKey(): Promise<void> {
    const { signingKey, clock } = this.deps;
    await this.deps.em.fork().upsert(
      CertificateKey,
      { keyId: signingKey.keyId, publicKeyPem: signingKey.publicKeyPem, createdAt: clock.now() },
      { onConflictFields: ['keyId'], onConflictAction: 'ignore' },
    );
  }

  /**
   * Signs and stores the certificate of one published chapter version. Given `tx`, it is written in
   * that transaction (the publish is one transaction: no version without its certificate, nor the
   * reverse). A version has one certificate: issuing it again for the same bundle returns the
   * stored one; for another bundle it is refused with CERTIFICATE_CONFLICT.
   */
  async issue(input: IssueCertificateInput, tx?: EntityManager): Promise<CertificateJson> {
    assertIssuable(input);
    const em = tx ?? this.deps.em.fork();
    const existing = await em.findOne(Certificate, { chapterId: input.chapterId, version: input.version });
    if (existing) return sameVersion(existing, input);

    const { signingKey, clock } = this.deps;
    const unsigned = {
      id: newCertificateId(),
      storyId: input.storyId,
      chapterId: input.chapterId,
      version: input.version,
      sha256: input.sha256,
      authorId: input.author.id,
      authorDisplayName: input.author.displayName,
      issuedAt: clock.now().toISOString(),
      keyId: signingKey.keyId,
    };
    const row = em.create(Certificate, { ...unsigned, signature: signingKey.sign(canonicalJson(signedFields(unsigned))) });
    try {
      await em.persist(row).flush();
    } catch (error) {
      // Another publish of the same version got there first (and the caller's transaction is lost).
      if (error instanceof UniqueConstraintViolationException) throw conflict(input);
      throw error;
    }
    return certificateView(row);
  }

  /** One certificate, exactly as it was signed; CERTIFICATE_NOT_FOUND when there is none. */
  async get(id: string): Promise<CertificateJson> {
    const row = await this.deps.em.fork().findOne(Certificate, { id });
    if (!row) throw new DomainError('CERTIFICATE_NOT_FOUND', `There is no certificate ${id}`, { certificateId: id });
    return certificateView(row);
  }

  /** Every public key that has signed certificates, oldest first. */
  async keys(): Promise<CertificateKeyJson[]> {
    const rows = await this.deps.em.fork().find(CertificateKey, {}, { orderBy: { createdAt: 'asc', keyId: 'asc' } });
    return rows.map(certificateKeyView);
  }
}

function sameVersion(existing: Certificate, input: IssueCertificateInput): CertificateJson {
  if (existing.sha256 !== input.sha256 || existing.authorId !== input.author.id) throw conflict(input);
  return certificateView(existing);
}

function conflict(input: IssueCertificateInput): DomainError {
  return new DomainError('CERTIFICATE_CONFLICT', `Version ${input.version} of chapter ${input.chapterId} already has a certificate, for other content`, {
    chapterId: input.chapterId,
    version: input.version,
  });
}

/** The caller (the studio's publish) passes values it made itself: anything else is a bug there, not bad input. */
function assertIssuable(input: IssueCertificateInput): void {
  const problems = [
    !input.storyId && 'storyId is empty',
    !input.chapterId && 'chapterId is empty',
    !(Number.isSafeInteger(input.version) && input.version >= 1) && `version ${input.version} is not a whole number from 1`,
    !SHA256_HEX.test(input.sha256) && 'sha256 is not 64 lower-case hex characters',
    !input.author?.id && 'author.id is empty',
    !input.author?.displayName && 'author.displayName is empty',
  ].filter(Boolean);
  if (problems.length > 0) throw new TypeError(`Cannot issue a certificate: ${problems.join('; ')}`);
}
