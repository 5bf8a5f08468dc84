import { EntitySchema } from '@mikro-orm/core';

/** A player account. Guests have no email or password until they upgrade. */
export class User {
  id!: string;
  email: string | null = null;
  passwordHash: string | null = null;
  displayName!: string;
  isGuest!: boolean;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
}

export const UserSchema = new EntitySchema<User>({
  class: User,
  tableName: 'users',
  properties: {
    id: { type: 'uuid', primary: true },
    email: { type: 'string', length: 320, nullable: true, unique: true },
    passwordHash: { type: 'string', length: 255, nullable: true },
    displayName: { type: 'string', length: 64 },
    isGuest: { type: 'boolean' },
    createdAt: { type: 'datetime' },
    updatedAt: { type: 'datetime', onUpdate: () => new Date() },
  },
});
