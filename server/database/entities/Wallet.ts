import { EntitySchema, PrimaryKeyProp } from '@mikro-orm/core';
import { User } from './User';

/**
 * A player's balances. Keys regenerate lazily: `keys` is the count at `keysAnchorAt`, and the
 * wallet service adds one per KEY_REGEN_SECONDS elapsed since then, up to the cap.
 * Changed only by the wallet service, always together with a ledger row.
 */
export class Wallet {
  [PrimaryKeyProp]?: 'user';
  user!: User;
  keys!: number;
  keysAnchorAt!: Date;
  diamonds!: number;
  updatedAt: Date = new Date();
}

export const WalletSchema = new EntitySchema<Wallet>({
  class: Wallet,
  tableName: 'wallets',
  checks: [
    { name: 'wallets_keys_not_negative', expression: 'keys >= 0' },
    { name: 'wallets_diamonds_not_negative', expression: 'diamonds >= 0' },
  ],
  properties: {
    user: { kind: '1:1', entity: () => User, primary: true, owner: true, deleteRule: 'cascade' },
    keys: { type: 'integer' },
    keysAnchorAt: { type: 'datetime' },
    diamonds: { type: 'integer' },
    updatedAt: { type: 'datetime' },
  },
});
