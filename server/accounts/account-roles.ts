import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import type { Role } from '../../api/studio';
import { Story, User, UserRole, type GrantedRole } from '../database/entities';
import type { Clock } from '../shared/clock';
import { DomainError } from '../shared/domain-error';
import { normalizeEmail } from './email';

/** Every role, in the order an account's roles are listed. */
export const ROLES = ['reader', 'writer', 'moderator', 'admin'] as const satisfies readonly Role[];

/** The roles an operator grants; `reader` (everyone) and `writer` (owns a story) follow from the data. */
export const GRANTED_ROLES = ['moderator', 'admin'] as const satisfies readonly GrantedRole[];

/** What a grant or revoke did, for the operator to read. */
export interface RoleChange {
  userId: string;
  email: string;
  role: GrantedRole;
  /** False when the account already had (grant) or did not have (revoke) the role. */
  changed: boolean;
  roles: Role[];
}

/**
 * An account's roles (`GET /v1/user/me`, `npm run admin`): always `reader`; `writer` once it owns a
 * story (stories.owner_id); `moderator`/`admin` when granted (user_roles).
 */
export class AccountRoles {
  constructor(private readonly deps: { em: EntityManager; clock: Clock }) {}

  async rolesOf(userId: string, em: EntityManager = this.deps.em.fork()): Promise<Role[]> {
    // Two indexed reads: stories by owner_id (one row is enough), user_roles by its key.
    const owned = await em.findOne(Story, { owner: userId }, { fields: ['id'] });
    const granted = await em.find(UserRole, { user: userId }, { fields: ['role'] });
    const held = new Set<Role>(['reader', ...granted.map((row) => row.role)]);
    if (owned) held.add('writer');
    return ROLES.filter((role) => held.has(role));
  }

  /** The roles of the account with this email, or USER_NOT_FOUND. */
  async rolesByEmail(email: string): Promise<{ userId: string; email: string; roles: Role[] }> {
    const em = this.deps.em.fork();
    const user = await this.accountOf(em, email);
    return { userId: user.id, email: user.email ?? email, roles: await this.rolesOf(user.id, em) };
  }

  /** Grants a role once; granting it again changes nothing. */
  async grant(email: string, role: string): Promise<RoleChange> {
    const granted = grantable(role);
    const em = this.deps.em.fork();
    const user = await this.accountOf(em, email);
    let changed = true;
    try {
      await em.insert(UserRole, { user: user.id, role: granted, grantedAt: this.deps.clock.now() });
    } catch (error) {
      // Granted already (perhaps by a concurrent grant): the outcome asked for holds.
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      changed = false;
    }
    return { userId: user.id, email: user.email ?? email, role: granted, changed, roles: await this.rolesOf(user.id, em) };
  }

  /** Takes a granted role back; revoking one the account does not have changes nothing. */
  async revoke(email: string, role: string): Promise<RoleChange> {
    const granted = grantable(role);
    const em = this.deps.em.fork();
    const user = await this.accountOf(em, email);
    const removed = await em.nativeDelete(UserRole, { user: user.id, role: granted });
    return { userId: user.id, email: user.email ?? email, role: granted, changed: removed > 0, roles: await this.rolesOf(user.id, em) };
  }

  private async accountOf(em: EntityManager, email: string): Promise<Pick<User, 'id' | 'email'>> {
    const normalized = normalizeEmail(email);
    const user = await em.findOne(User, { email: normalized }, { fields: ['id', 'email'] });
    if (!user) throw new DomainError('USER_NOT_FOUND', `No account has the email ${normalized}`, { email: normalized });
    return user;
  }
}

function grantable(role: string): GrantedRole {
  const granted = GRANTED_ROLES.find((candidate) => candidate === role);
  if (granted) return granted;
  if (role === 'reader' || role === 'writer') {
    const why = role === 'reader' ? 'every account is a reader' : 'an account is a writer once it owns a story';
    throw new DomainError('ROLE_NOT_GRANTABLE', `${role} cannot be granted or revoked: ${why}`, { role, grantable: GRANTED_ROLES });
  }
  throw new DomainError('UNKNOWN_ROLE', `There is no role "${role}"; the roles an operator grants are ${GRANTED_ROLES.join(' and ')}`, { role, grantable: GRANTED_ROLES });
}
