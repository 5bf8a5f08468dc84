import { EntitySchema } from '@mikro-orm/core';
import { User } from './User';

/**
 * One refresh token, stored as a SHA-256 hash. Tokens rotated from one login share a family,
 * so reuse of a spent token can revoke every descendant at once.
 */
export class RefreshToken {
  id!: string;
  user!: User;
  familyId!: string;
  tokenHash!: string;
  expiresAt!: Date;
  usedAt: Date | null = null;
  revokedAt: Date | null = null;
  createdAt: Date = new Date();
}

export const RefreshTokenSchema = new EntitySchema<RefreshToken>({
  class: RefreshToken,
  tableName: 'refresh_tokens',
  indexes: [{ properties: ['familyId'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    user: { kind: 'm:1', entity: () => User, deleteRule: 'cascade' },
    familyId: { type: 'uuid' },
    tokenHash: { type: 'string', length: 64, unique: true },
    expiresAt: { type: 'datetime' },
    usedAt: { type: 'datetime', nullable: true },
    revokedAt: { type: 'datetime', nullable: true },
    createdAt: { type: 'datetime' },
  },
});
