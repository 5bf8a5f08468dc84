import { randomBytes, randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import type { MeResponse } from '../../api/accounts';
import type { Role } from '../../api/studio';
import { User } from '../database/entities';
import type { PreparedStatements } from '../database/prepared-statements';
import type { Clock } from '../shared/clock';
import { DomainError } from '../shared/domain-error';
import type { OpeningWallet } from '../wallet/wallet-types';
import type { AccessTokens } from './access-tokens';
import { normalizeEmail } from './email';
import { DECOY_HASH, hashPassword, verifyPassword } from './password-hasher';
import { insertAccount } from './account-inserts';
import type { RefreshTokenStore } from './refresh-token-store';
import { userView, type UserView } from './user-view';

/** What accounts need of the wallet: a new account's opening balances, written with the account. */
export interface WalletOpener {
  openingWallet(now: Date): OpeningWallet;
}

/** What signing in (or up, or refreshing) hands out: the account and a fresh token pair. */
export interface SignIn {
  user: UserView;
  accessToken: string;
  refreshToken: string;
}

/** What accounts need to say what an account may do (server/accounts/account-roles.ts). */
export interface RoleReader {
  rolesOf(userId: string): Promise<Role[]>;
}

export interface AccountDeps {
  em: EntityManager;
  /** A sign-up is written in one atomic insert on these (server/accounts/account-inserts.ts). */
  statements: PreparedStatements;
  clock: Clock;
  accessTokens: AccessTokens;
  refreshTokens: RefreshTokenStore;
  wallet: WalletOpener;
  roles: RoleReader;
}

/** Register, sign in, refresh, upgrade a guest, sign out. */
export class AccountService {
  constructor(private readonly deps: AccountDeps) {}

  async register(input: { email: string; password: string; displayName?: string }): Promise<SignIn> {
    const email = normalizeEmail(input.email);
    const passwordHash = await hashPassword(input.password);
    const displayName = input.displayName?.trim() || email.split('@')[0] || 'Reader';
    return this.createAccount({ email, passwordHash, displayName, isGuest: false });
  }

  async registerGuest(): Promise<SignIn> {
    return this.createAccount({ email: null, passwordHash: null, displayName: `Guest ${randomBytes(3).toString('hex')}`, isGuest: true });
  }

  async login(input: { email: string; password: string }): Promise<SignIn> {
    const user = await this.deps.em.fork().findOne(User, { email: normalizeEmail(input.email) });
    // Verify against a decoy when there is no such user, so timing does not reveal who has an account.
    const ok = await verifyPassword(input.password, user?.passwordHash ?? DECOY_HASH);
    if (!user || !user.passwordHash || !ok) throw new DomainError('INVALID_CREDENTIALS', 'The email or password is wrong');
    return this.signIn(user);
  }

  async refresh(refreshToken: string): Promise<SignIn> {
    const { userId, newToken } = await this.deps.refreshTokens.rotate(refreshToken);
    const user = await this.requireUser(userId);
    return { user: userView(user), accessToken: await this.deps.accessTokens.issue({ userId, isGuest: user.isGuest }), refreshToken: newToken };
  }

  /** Gives a guest an email and password; the account (id, wallet, progress) stays the same. */
  async upgradeGuest(userId: string, input: { email: string; password: string; displayName?: string }): Promise<SignIn> {
    const email = normalizeEmail(input.email);
    const passwordHash = await hashPassword(input.password);
    let user: User;
    try {
      user = await this.deps.em.fork().transactional(async (tx) => {
        const guest = await this.requireUser(userId, tx);
        if (!guest.isGuest) throw new DomainError('ALREADY_REGISTERED', 'This account already has an email and password');
        if (await tx.count(User, { email })) throw emailTaken();
        guest.email = email;
        guest.passwordHash = passwordHash;
        guest.isGuest = false;
        if (input.displayName?.trim()) guest.displayName = input.displayName.trim();
        // A guest's old refresh tokens carried guest claims and no credentials: end them.
        await this.deps.refreshTokens.revokeAllOf(userId, tx);
        return guest;
      });
    } catch (error) {
      throw error instanceof UniqueConstraintViolationException ? emailTaken() : error;
    }
    return this.signIn(user);
  }

  /** `GET /v1/user/me`: the account and its roles (only here: signing in does not pay for the roles). */
  async me(userId: string): Promise<MeResponse> {
    const user = userView(await this.requireUser(userId));
    return { user, roles: await this.deps.roles.rolesOf(userId) };
  }

  async logout(userId: string, input: { refreshToken?: string; everywhere?: boolean }): Promise<void> {
    if (input.everywhere) return this.deps.refreshTokens.revokeAllOf(userId);
    if (input.refreshToken) return this.deps.refreshTokens.revokeFamilyOf(userId, input.refreshToken);
  }

  private async createAccount(fields: Pick<User, 'email' | 'passwordHash' | 'displayName' | 'isGuest'>): Promise<SignIn> {
    if (fields.email && (await this.deps.em.fork().count(User, { email: fields.email }))) throw emailTaken();
    const createdAt = this.deps.clock.now();
    const user = { id: randomUUID(), ...fields };
    const { token, row } = this.deps.refreshTokens.mint();
    try {
      await insertAccount(this.deps.statements, this.deps.em, { user, wallet: this.deps.wallet.openingWallet(createdAt), refreshToken: row, createdAt });
    } catch (error) {
      // Two sign-ups with one email raced past the check above: the unique index decides.
      throw error instanceof UniqueConstraintViolationException ? emailTaken() : error;
    }
    return this.withAccessToken({ ...user, createdAt }, token);
  }

  private async signIn(user: User): Promise<SignIn> {
    return this.withAccessToken(user, await this.deps.em.fork().transactional((tx) => this.deps.refreshTokens.issue(tx, user.id)));
  }

  /**
   * Signs the access token once the transaction is over: the transaction holds a connection (SQLite's
   * only one) and should hold it for its statements alone — `issue` is async, whatever signs behind it.
   */
  private async withAccessToken(user: Pick<User, 'id' | 'email' | 'displayName' | 'isGuest' | 'createdAt'>, refreshToken: string): Promise<SignIn> {
    const accessToken = await this.deps.accessTokens.issue({ userId: user.id, isGuest: user.isGuest });
    return { user: userView(user), accessToken, refreshToken };
  }

  private async requireUser(userId: string, em: EntityManager = this.deps.em.fork()): Promise<User> {
    const user = await em.findOne(User, { id: userId });
    if (!user) throw new DomainError('USER_NOT_FOUND', 'This account no longer exists');
    return user;
  }
}

const emailTaken = () => new DomainError('EMAIL_TAKEN', 'An account with this email already exists');
