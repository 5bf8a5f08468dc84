import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../shared/clock';
import { DomainError } from '../shared/domain-error';
import type { AccessTokenVerifier } from '../http/require-user';

const ISSUER = 'storyverse';
const AUDIENCE = 'storyverse';
/** Ours are about 250 characters; anything far longer is refused before any decoding or hashing. */
const MAX_TOKEN_LENGTH = 4096;
const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
/** Tokens whose signature was checked lately (a few hundred bytes each), the oldest forgotten first. */
const VERIFIED_TOKENS_KEPT = 10_000;

export interface AccessTokenClaims {
  userId: string;
  isGuest: boolean;
}

/**
 * Short-lived HS256 JWTs. Every process of a cluster shares the secret, so any of them can verify.
 *
 * Signed and verified with node:crypto's HMAC, synchronously, rather than with jose: jose goes through
 * WebCrypto, whose HMAC is an async hop through libuv's thread pool on every room join and every
 * authenticated request (a profiled hot spot). The tokens are still standard JWTs with the claims jose
 * produced: jose verifies ours and we verify its (see the tests).
 */
export class AccessTokens implements AccessTokenVerifier {
  private readonly key: Buffer;
  /**
   * A player presents one token for its whole life (every chapter is a new room to join): the same
   * string verified once is not hashed again. Only tokens that passed every check are kept, each
   * with its validity window, which is checked again on every use.
   */
  private readonly verified = new Map<string, VerifiedToken>();

  constructor(secret: string, private readonly clock: Clock, readonly ttlSeconds = 15 * 60) {
    // jose refused an empty key; a bare HMAC would take it, and anyone could then mint tokens.
    if (!secret) throw new Error('AccessTokens needs a non-empty secret');
    this.key = Buffer.from(secret, 'utf8');
  }

  async issue(claims: AccessTokenClaims): Promise<string> {
    const iat = this.nowSeconds();
    // The claim order of jose's SignJWT, so both produce the same token.
    const payload = { guest: claims.isGuest, sub: claims.userId, iss: ISSUER, aud: AUDIENCE, iat, exp: iat + this.ttlSeconds };
    const signingInput = `${HEADER}.${base64url(JSON.stringify(payload))}`;
    return `${signingInput}.${this.sign(signingInput).toString('base64url')}`;
  }

  /** Synchronous work; async only to keep the verifier interface. Rejects with INVALID_TOKEN. */
  async verify(token: string): Promise<AccessTokenClaims> {
    const known = typeof token === 'string' ? this.verified.get(token) : undefined;
    if (known) {
      try {
        return this.stillValid(known);
      } catch (error) {
        this.verified.delete(token);
        throw error;
      }
    }
    const verified = this.check(token);
    if (this.verified.size >= VERIFIED_TOKENS_KEPT) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, verified);
    return this.stillValid(verified);
  }

  /** The signature and claims of a token not seen lately; its time window is checked by stillValid. */
  private check(token: string): VerifiedToken {
    if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) throw invalid();
    const segments = token.split('.');
    if (segments.length !== 3) throw invalid();
    const [headerPart, payloadPart, signaturePart] = segments as [string, string, string];

    const header = parseJsonObject(headerPart);
    // No `crit`: it names extensions a verifier must understand, and we understand none.
    if (header?.alg !== 'HS256' || header.crit !== undefined) throw invalid();

    const signature = decodeSegment(signaturePart);
    const expected = this.sign(`${headerPart}.${payloadPart}`);
    if (!signature || signature.length !== expected.length || !timingSafeEqual(signature, expected)) throw invalid();

    const claims = parseJsonObject(payloadPart);
    if (!claims || claims.iss !== ISSUER || !hasAudience(claims.aud) || typeof claims.sub !== 'string') throw invalid();
    const { exp, nbf, iat } = claims;
    if (!isNumber(exp) || (iat !== undefined && !isNumber(iat)) || (nbf !== undefined && !isNumber(nbf))) throw invalid();
    return { userId: claims.sub, isGuest: claims.guest === true, exp, nbf: nbf ?? null };
  }

  /** jose's semantics, no clock tolerance: not yet valid while now < nbf, expired once now >= exp. */
  private stillValid(token: VerifiedToken): AccessTokenClaims {
    const now = this.nowSeconds();
    if (token.nbf !== null && token.nbf > now) throw invalid();
    if (token.exp <= now) throw new DomainError('INVALID_TOKEN', 'The access token has expired; refresh it');
    return { userId: token.userId, isGuest: token.isGuest };
  }

  private sign(signingInput: string): Buffer {
    return createHmac('sha256', this.key).update(signingInput).digest();
  }

  private nowSeconds(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }
}

interface VerifiedToken extends AccessTokenClaims {
  exp: number;
  nbf: number | null;
}

function invalid(): DomainError {
  return new DomainError('INVALID_TOKEN', 'The access token is not valid');
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/**
 * Strict base64url: Buffer's decoder skips stray characters and accepts '+', '/' and '=' padding, so a
 * segment counts only if it is exactly the canonical encoding of what it decodes to (which also rules out
 * several spellings of one signature).
 */
function decodeSegment(segment: string): Buffer | undefined {
  const bytes = Buffer.from(segment, 'base64url');
  return bytes.toString('base64url') === segment ? bytes : undefined;
}

function parseJsonObject(segment: string): Record<string, unknown> | undefined {
  const bytes = decodeSegment(segment);
  if (!bytes) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function hasAudience(aud: unknown): boolean {
  return aud === AUDIENCE || (Array.isArray(aud) && aud.includes(AUDIENCE));
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
