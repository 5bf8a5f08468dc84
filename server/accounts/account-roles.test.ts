import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import { expect, it } from 'vitest';
import { describeOnEngines } from '../../testing/test-database';
import { Story, User, UserRole } from '../database/entities';
import { ManualClock } from '../shared/clock';
import { AccountRoles } from './account-roles';

async function account(orm: MikroORM, email: string | null): Promise<string> {
  const id = randomUUID();
  const em = orm.em.fork();
  em.create(User, { id, email, displayName: 'Someone', isGuest: email === null, createdAt: new Date(), updatedAt: new Date() });
  await em.flush();
  return id;
}

async function ownStory(orm: MikroORM, userId: string): Promise<void> {
  const em = orm.em.fork();
  em.create(Story, { id: `owned-${userId.slice(0, 8)}`, title: 'Mine', description: '', genre: 'drama', plays: 0, listed: false, origin: 'studio', owner: em.getReference(User, userId), publishedAt: new Date(), updatedAt: new Date() });
  await em.flush();
}

describeOnEngines('AccountRoles', (db) => {
  const roles = () => new AccountRoles({ em: db().orm.em, clock: new ManualClock('2026-05-01T00:00:00Z') });

  it('every account is a reader; a guest too', async () => {
    expect(await roles().rolesOf(await account(db().orm, 'plain@example.test'))).toEqual(['reader']);
    expect(await roles().rolesOf(await account(db().orm, null))).toEqual(['reader']);
  });

  it('an account that owns a story is a writer', async () => {
    const id = await account(db().orm, 'owner@example.test');
    await ownStory(db().orm, id);
    expect(await roles().rolesOf(id)).toEqual(['reader', 'writer']);
  });

  it('grants and revokes moderator and admin by email (any case), listed in a fixed order', async () => {
    const id = await account(db().orm, 'staff@example.test');
    await ownStory(db().orm, id);

    expect(await roles().grant('  STAFF@example.test ', 'admin')).toMatchObject({ userId: id, email: 'staff@example.test', role: 'admin', changed: true, roles: ['reader', 'writer', 'admin'] });
    expect(await roles().grant('staff@example.test', 'moderator')).toMatchObject({ changed: true, roles: ['reader', 'writer', 'moderator', 'admin'] });
    expect(await roles().grant('staff@example.test', 'admin')).toMatchObject({ changed: false, roles: ['reader', 'writer', 'moderator', 'admin'] });
    const stored = await db().orm.em.fork().findOneOrFail(UserRole, { user: id, role: 'admin' });
    expect(stored.grantedAt.toISOString()).toBe('2026-05-01T00:00:00.000Z');

    expect(await roles().revoke('staff@example.test', 'admin')).toMatchObject({ changed: true, roles: ['reader', 'writer', 'moderator'] });
    expect(await roles().revoke('staff@example.test', 'admin')).toMatchObject({ changed: false, roles: ['reader', 'writer', 'moderator'] });
    expect(await roles().rolesByEmail('staff@example.test')).toEqual({ userId: id, email: 'staff@example.test', roles: ['reader', 'writer', 'moderator'] });
  });

  it('concurrent grants of one role store it once', async () => {
    const id = await account(db().orm, 'racing@example.test');
    const results = await Promise.all(Array.from({ length: 5 }, () => roles().grant('racing@example.test', 'moderator')));
    expect(results.filter((r) => r.changed)).toHaveLength(1);
    expect(await db().orm.em.fork().count(UserRole, { user: id })).toBe(1);
  });

  it('refuses an unknown email, an unknown role, and the roles that follow from the data', async () => {
    const someone = await account(db().orm, 'someone@example.test');
    await expect(roles().grant('nobody@example.test', 'admin')).rejects.toMatchObject({ code: 'USER_NOT_FOUND' });
    await expect(roles().rolesByEmail('nobody@example.test')).rejects.toMatchObject({ code: 'USER_NOT_FOUND' });
    await expect(roles().grant('someone@example.test', 'superuser')).rejects.toMatchObject({ code: 'UNKNOWN_ROLE' });
    await expect(roles().grant('someone@example.test', 'writer')).rejects.toMatchObject({ code: 'ROLE_NOT_GRANTABLE' });
    await expect(roles().revoke('someone@example.test', 'reader')).rejects.toMatchObject({ code: 'ROLE_NOT_GRANTABLE' });
    expect(await db().orm.em.fork().count(UserRole, { user: someone })).toBe(0);
  });
});
