import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEngines } from '../../testing/test-database';
import { errorHandler, notFoundHandler } from '../http/error-handler';
import { requestId } from '../http/request-id';
import { ManualClock } from '../shared/clock';
import { silentLogger } from '../shared/logger';
import { CertificateService } from './certificate-service';
import { certificatesRouter } from './certificates-router';
import { SigningKey } from './signing-key';

describeOnEngines('certificate routes', (db) => {
  let server: Server;
  let base: string;
  let certificates: CertificateService;
  const signingKey = SigningKey.generate();

  beforeAll(async () => {
    certificates = new CertificateService({ em: db().orm.em, clock: new ManualClock('2026-07-01T12:00:00.500Z'), signingKey });
    await certificates.registerSigningKey();
    const app = express();
    app.use(requestId);
    app.use(certificatesRouter({ certificates }));
    app.use(notFoundHandler);
    app.use(errorHandler(silentLogger));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('serves a certificate without sign-in, as issued, cacheable forever', async () => {
    const issued = await certificates.issue({ storyId: 'harbor', chapterId: 'harbor-ch1', version: 1, sha256: '0'.repeat(64), author: { id: 'u-1', displayName: 'Bo' } });
    const response = await fetch(`${base}/v1/certificates/${issued.id}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await response.json()).toEqual(issued);
  });

  it('lists the signing keys, cacheable for a few minutes', async () => {
    const response = await fetch(`${base}/v1/certificates/keys`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(await response.json()).toEqual({ keys: [{ keyId: signingKey.keyId, algorithm: 'Ed25519', publicKeyPem: signingKey.publicKeyPem }] });
  });

  it('answers 404 CERTIFICATE_NOT_FOUND in the error shape for an id never issued, uncached', async () => {
    const response = await fetch(`${base}/v1/certificates/AAAAAAAAAAAAAAAAAAAAAA`);
    expect(response.status).toBe(404);
    expect(response.headers.get('cache-control')).toBeNull();
    expect(await response.json()).toEqual({
      error: { code: 'CERTIFICATE_NOT_FOUND', message: 'There is no certificate AAAAAAAAAAAAAAAAAAAAAA', details: { certificateId: 'AAAAAAAAAAAAAAAAAAAAAA' }, request_id: expect.any(String) },
    });
  });

  it.each(['short', 'A'.repeat(23), 'AAAAAAAAAAAAAAAAAAAA%2E%2E', `${'A'.repeat(21)}%00`, 'AAAAAAAAAAAA AAAAAAAAA'])('answers 400 VALIDATION_FAILED for the malformed id %j', async (id) => {
    const response = await fetch(`${base}/v1/certificates/${id}`);
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: 'certificateId', message: expect.stringMatching(/must be a certificate id/) }] } });
  });
});
