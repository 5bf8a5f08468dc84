import type { User as UserJson } from '../../api/accounts';
import type { User } from '../database/entities';

/** An account as every /v1 route answers it (api/accounts.ts). */
export type UserView = UserJson;

/** What clients see of an account: never the password hash. */
export function userView(user: Pick<User, 'id' | 'email' | 'displayName' | 'isGuest' | 'createdAt'>): UserView {
  return { id: user.id, email: user.email, displayName: user.displayName, isGuest: user.isGuest, createdAt: user.createdAt.toISOString() };
}
