import { createHash, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeOnEngines } from '../../testing/test-database';
import { Certificate } from '../database/entities';
import { ManualClock } from '../shared/clock';
import { CertificateService, type IssueCertificateInput } from './certificate-service';
import { canonical, verifiesWith } from './certificate-test-kit';
import { SigningKey } from './signing-key';

const SHA = 'a'.repeat(64);
let chapters = 0;
/** A chapter no other case has certified. */
const input = (overrides: Partial<IssueCertificateInput> = {}): IssueCertificateInput => ({
  storyId: 'tide-clock',
  chapterId: `tide-clock-ch${++chapters}`,
  version: 1,
  sha256: SHA,
  author: { id: '6f1c2a3e-0000-4000-8000-000000000001', displayName: 'Ada Quill' },
  ...overrides,
});

describeOnEngines('CertificateService', (db) => {
  const clock = new ManualClock('2026-05-06T07:08:09.123Z');
  const signingKey = SigningKey.generate();
  const service = () => new CertificateService({ em: db().orm.em, clock, signingKey });

  it('issues a certificate that node:crypto alone verifies with the registered public key, and a changed one it does not', async () => {
    const certificates = service();
    await certificates.registerSigningKey();
    const issued = await certificates.issue(input({ version: 3 }));
    expect(issued).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      storyId: 'tide-clock',
      chapterId: expect.any(String),
      version: 3,
      sha256: SHA,
      author: { id: '6f1c2a3e-0000-4000-8000-000000000001', displayName: 'Ada Quill' },
      issuedAt: '2026-05-06T07:08:09.123Z',
      algorithm: 'Ed25519',
      keyId: signingKey.keyId,
      signature: expect.any(String),
    });
    const [key] = (await certificates.keys()).filter((k) => k.keyId === issued.keyId);
    // The key id is the public key's fingerprint: recomputable by anyone.
    const der = createPublicKey(key!.publicKeyPem).export({ type: 'spki', format: 'der' });
    expect(createHash('sha256').update(der).digest('hex').slice(0, 16)).toBe(issued.keyId);

    expect(verifiesWith({ ...issued }, key!.publicKeyPem)).toBe(true);
    expect(verifiesWith({ ...issued, sha256: 'b'.repeat(64) }, key!.publicKeyPem)).toBe(false);
    expect(verifiesWith({ ...issued, author: { ...issued.author, displayName: 'Someone Else' } }, key!.publicKeyPem)).toBe(false);
    expect(verifiesWith({ ...issued, author: { ...issued.author, id: 'another-account' } }, key!.publicKeyPem)).toBe(false);
    expect(verifiesWith({ ...issued, version: 4 }, key!.publicKeyPem)).toBe(false);
    expect(verifiesWith({ ...issued, issuedAt: '2026-05-06T07:08:09.124Z' }, key!.publicKeyPem)).toBe(false);
    // Signed by another key while claiming ours.
    const forger = generateKeyPairSync('ed25519').privateKey;
    const { signature: _real, ...signed } = issued;
    const forged = { ...issued, signature: sign(null, Buffer.from(canonical(signed)), forger).toString('base64') };
    expect(verifiesWith(forged, key!.publicKeyPem)).toBe(false);
  });

  it('serves a stored certificate exactly as it was signed', async () => {
    const issued = await service().issue(input());
    const fetched = await service().get(issued.id);
    expect(JSON.stringify(fetched)).toBe(JSON.stringify(issued));
    // Read back from the database (a fresh context), not from memory.
    const row = await db().orm.em.fork().findOneOrFail(Certificate, { id: issued.id });
    expect(row.issuedAt).toBe('2026-05-06T07:08:09.123Z');
  });

  it('writes the certificate in the caller\'s transaction: rolled back with it, committed with it', async () => {
    const certificates = service();
    let inRolledBack = '';
    await expect(
      db().orm.em.fork().transactional(async (tx) => {
        inRolledBack = (await certificates.issue(input(), tx)).id;
        throw new Error('the publish failed after issuing');
      }),
    ).rejects.toThrow('the publish failed after issuing');
    expect(inRolledBack).not.toBe('');
    await expect(certificates.get(inRolledBack)).rejects.toMatchObject({ code: 'CERTIFICATE_NOT_FOUND' });

    const committed = await db().orm.em.fork().transactional((tx) => certificates.issue(input(), tx));
    expect(await certificates.get(committed.id)).toEqual(committed);
  });

  it('gives one certificate per version: the same bundle again returns it, another bundle is a conflict', async () => {
    const certificates = service();
    const first = await certificates.issue(input({ chapterId: 'once-ch1', version: 2 }));
    clock.advance(60);
    expect(await certificates.issue(input({ chapterId: 'once-ch1', version: 2 }))).toEqual(first);
    await expect(certificates.issue(input({ chapterId: 'once-ch1', version: 2, sha256: 'c'.repeat(64) }))).rejects.toMatchObject({ code: 'CERTIFICATE_CONFLICT' });
    const next = await certificates.issue(input({ chapterId: 'once-ch1', version: 3, sha256: 'c'.repeat(64) }));
    expect(next.id).not.toBe(first.id);
  });

  it('refuses to sign what a publish could not have produced', async () => {
    await expect(service().issue(input({ sha256: 'not-a-hash' }))).rejects.toThrow(/sha256/);
    await expect(service().issue(input({ version: 0 }))).rejects.toThrow(/version/);
    await expect(service().issue(input({ author: { id: 'x', displayName: '' } }))).rejects.toThrow(/displayName/);
  });

  it('answers CERTIFICATE_NOT_FOUND for an id it never issued', async () => {
    await expect(service().get('AAAAAAAAAAAAAAAAAAAAAA')).rejects.toMatchObject({ code: 'CERTIFICATE_NOT_FOUND', details: { certificateId: 'AAAAAAAAAAAAAAAAAAAAAA' } });
  });

  it('registers each signing key once, however many processes start at once, and lists them oldest first', async () => {
    const rotated = SigningKey.generate();
    const first = service();
    await Promise.all(Array.from({ length: 6 }, () => first.registerSigningKey()));
    clock.advance(3600);
    const second = new CertificateService({ em: db().orm.em, clock, signingKey: rotated });
    await Promise.all([second.registerSigningKey(), second.registerSigningKey(), first.registerSigningKey()]);
    const keys = await second.keys();
    expect(keys.map((k) => k.keyId)).toEqual([signingKey.keyId, rotated.keyId]);
    expect(keys[1]).toEqual({ keyId: rotated.keyId, algorithm: 'Ed25519', publicKeyPem: rotated.publicKeyPem });
  });
});
