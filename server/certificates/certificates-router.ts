import { Router } from 'express';
import { z } from 'zod';
import type { Certificate, CertificateKeyList } from '../../api/certificates';
import { asyncRoute } from '../http/async-route';
import { parseInput } from '../http/validate';
import { CERTIFICATE_ID_PATTERN } from './certificate-id';
import type { CertificateService } from './certificate-service';

const params = z.object({ certificateId: z.string().regex(CERTIFICATE_ID_PATTERN, 'must be a certificate id (22 letters, digits, "-" or "_")') });

/** A certificate never changes once issued. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The key list grows on a rotation: a verifier should see a new key within minutes. */
const KEYS_CACHE = 'public, max-age=300';

/**
 * Public (no sign-in): anyone holding a certificate can fetch the keys to check it, or fetch the
 * certificate itself by id. GET /v1/certificates/keys is declared first: "keys" is no certificate id.
 */
export function certificatesRouter(deps: { certificates: CertificateService }): Router {
  const { certificates } = deps;
  const router = Router();

  router.get(
    '/v1/certificates/keys',
    asyncRoute(async (_req, res) => {
      const answer = { keys: await certificates.keys() } satisfies CertificateKeyList;
      res.setHeader('Cache-Control', KEYS_CACHE);
      res.json(answer);
    }),
  );

  router.get(
    '/v1/certificates/:certificateId',
    asyncRoute(async (req, res) => {
      const { certificateId } = parseInput(params, req.params, 'path');
      const certificate = (await certificates.get(certificateId)) satisfies Certificate;
      res.setHeader('Cache-Control', IMMUTABLE);
      res.json(certificate);
    }),
  );
  return router;
}
