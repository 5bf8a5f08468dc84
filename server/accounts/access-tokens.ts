import { SignJWT, jwtVerify } from 'jose';
import type { Clock } from '../shared/clock';
import { DomainError } from '../shared/domain-error';
import type { AccessTokenVerifier } from '../http/require-user';

const ISSUER = 'storyverse';
const AUDIENCE = 'storyverse';

export interface AccessTokenClaims {
  userId: string;
  isGuest: boolean;
}

/** Short-lived HS256 JWTs. Every process of a cluster shares the secret, so any of them can verify. */
export class AccessTokens implements AccessTokenVerifier {
  private readonly key: Uint8Array;

  constructor(secret: string, private readonly clock: Clock, readonly ttlSeconds = 15 * 60) {
    this.key = new TextEncoder().encode(secret);
  }

  issue(claims: AccessTokenClaims): Promise<string> {
    const issuedAt = Math.floor(this.clock.now().getTime() / 1000);
    return new SignJWT({ guest: claims.isGuest })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + this.ttlSeconds)
      .sign(this.key);
  }

  async verify(token: string): Promise<AccessTokenClaims> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        currentDate: this.clock.now(),
      });
      if (typeof payload.sub !== 'string') throw new Error('no subject');
      return { userId: payload.sub, isGuest: payload.guest === true };
    } catch (error) {
      const expired = (error as { code?: string }).code === 'ERR_JWT_EXPIRED';
      throw new DomainError('INVALID_TOKEN', expired ? 'The access token has expired; refresh it' : 'The access token is not valid');
    }
  }
}
