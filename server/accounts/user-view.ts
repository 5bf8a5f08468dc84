import type { User } from '../database/entities';

export interface UserView {
  id: string;
  email: string | null;
  displayName: string;
  isGuest: boolean;
  createdAt: string;
}

/** What clients see of an account: never the password hash. */
export function userView(user: User): UserView {
  return { id: user.id, email: user.email, displayName: user.displayName, isGuest: user.isGuest, createdAt: user.createdAt.toISOString() };
}
