import { EntitySchema } from '@mikro-orm/core';
import { User } from './User';

/** A role granted by an operator (`npm run admin -- grant`); `reader` and `writer` are never stored. */
export type GrantedRole = 'moderator' | 'admin';

export class UserRole {
  user!: User;
  role!: GrantedRole;
  grantedAt: Date = new Date();
}

export const UserRoleSchema = new EntitySchema<UserRole>({
  class: UserRole,
  tableName: 'user_roles',
  properties: {
    user: { kind: 'm:1', entity: () => User, primary: true, deleteRule: 'cascade' },
    role: { type: 'string', length: 16, primary: true },
    grantedAt: { type: 'datetime' },
  },
});
