import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { RefreshToken, User } from '../database/entities';
import type { Clock } from '../shared/clock';
import { DomainError } from '../shared/domain-error';

/** A refresh token's row as stored, without its user (the caller knows whose). */
export type NewRefreshToken = Pick<RefreshToken, 'id' | 'familyId' | 'tokenHash' | 'expiresAt' | 'createdAt'>;

export const hashRefreshToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * Refresh tokens with rotation: each token works once and yields a successor in the same family.
 * Presenting a spent or revoked token means it leaked, so the whole family is revoked.
 */
export class RefreshTokenStore {
  constructor(private readonly deps: { em: EntityManager; clock: Clock; ttlSeconds: number }) {}

  /** Starts a new family (a login) or continues one (a rotation); returns the raw token. */
  async issue(tx: EntityManager, userId: string, familyId?: string): Promise<string> {
    const { token, row } = this.mint(familyId);
    tx.create(RefreshToken, { ...row, user: tx.getReference(User, userId) });
    return token;
  }

  /** A new token, not stored yet: the raw token for the client and the row to store (its hash only). */
  mint(familyId: string = randomUUID()): { token: string; row: NewRefreshToken } {
    const token = randomBytes(32).toString('base64url');
    const now = this.deps.clock.now();
    return { token, row: { id: randomUUID(), familyId, tokenHash: hashRefreshToken(token), expiresAt: new Date(now.getTime() + this.deps.ttlSeconds * 1000), createdAt: now } };
  }

  /** Spends a token and returns its user and family, or throws after revoking a reused token's family. */
  async rotate(token: string): Promise<{ userId: string; familyId: string; newToken: string }> {
    const now = this.deps.clock.now();
    const outcome = await this.deps.em.transactional(async (tx) => {
      const found = await tx.findOne(RefreshToken, { tokenHash: hashRefreshToken(token) });
      if (!found) return { kind: 'unknown' as const };
      if (found.revokedAt || found.usedAt) return { kind: 'reused' as const, familyId: found.familyId };
      if (found.expiresAt <= now) return { kind: 'expired' as const };
      // Conditional: of two racing uses of one token, only one may win.
      const won = await tx.nativeUpdate(RefreshToken, { id: found.id, usedAt: null, revokedAt: null }, { usedAt: now });
      if (won !== 1) return { kind: 'reused' as const, familyId: found.familyId };
      const userId = found.user.id;
      const newToken = await this.issue(tx, userId, found.familyId);
      return { kind: 'rotated' as const, userId, familyId: found.familyId, newToken };
    });
    switch (outcome.kind) {
      case 'rotated':
        return outcome;
      case 'reused':
        await this.revokeFamily(outcome.familyId);
        throw new DomainError('REFRESH_TOKEN_REUSED', 'This refresh token was already used; the sign-in it belongs to has been ended');
      case 'expired':
        throw new DomainError('INVALID_REFRESH_TOKEN', 'The refresh token has expired; sign in again');
      default:
        throw new DomainError('INVALID_REFRESH_TOKEN', 'The refresh token is not valid');
    }
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.deps.em.fork().nativeUpdate(RefreshToken, { familyId, revokedAt: null }, { revokedAt: this.deps.clock.now() });
  }

  /** Revokes the family of one token, if it belongs to the user. */
  async revokeFamilyOf(userId: string, token: string): Promise<void> {
    const found = await this.deps.em.fork().findOne(RefreshToken, { tokenHash: hashRefreshToken(token), user: userId });
    if (found) await this.revokeFamily(found.familyId);
  }

  async revokeAllOf(userId: string, tx: EntityManager = this.deps.em.fork()): Promise<void> {
    await tx.nativeUpdate(RefreshToken, { user: userId, revokedAt: null }, { revokedAt: this.deps.clock.now() });
  }
}
