import { EntitySchema } from '@mikro-orm/core';
import { User } from './User';

/**
 * A mark on an account for a person to look at, e.g. `refund_shortfall`: a refund or lost dispute
 * could not take back diamonds the player had already spent.
 */
export class AccountFlag {
  id!: number;
  user!: User;
  reason!: string;
  details: Record<string, unknown> = {};
  createdAt: Date = new Date();
}

export const AccountFlagSchema = new EntitySchema<AccountFlag>({
  class: AccountFlag,
  tableName: 'account_flags',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    user: { kind: 'm:1', entity: () => User, deleteRule: 'cascade' },
    reason: { type: 'string', length: 64 },
    details: { type: 'json' },
    createdAt: { type: 'datetime' },
  },
});
