import type { Role } from './studio';

/** An account as clients see it (never the password hash). */
export interface User {
  id: string;
  email: string | null;
  displayName: string;
  isGuest: boolean;
  /** ISO 8601. */
  createdAt: string;
}

export interface TokenPair {
  /** Bearer token for REST and room joins; lives 15 minutes. */
  accessToken: string;
  /** Works once, for `POST /v1/auth/refresh`; lives 30 days. */
  refreshToken: string;
}

/** What every route that signs in answers: register (201), login, guest (201), upgrade, refresh. */
export interface SignIn extends TokenPair {
  user: User;
}

/** `POST /v1/auth/register`, and `POST /v1/auth/upgrade` (a guest gains an email sign-in). */
export interface RegisterRequest {
  email: string;
  /** 8–200 characters. */
  password: string;
  displayName?: string;
}

/** `POST /v1/auth/login`. */
export interface LoginRequest {
  email: string;
  password: string;
}

/** `POST /v1/auth/refresh`: the pair is rotated; a reused token revokes its whole family. */
export interface RefreshRequest {
  refreshToken: string;
}

/** `POST /v1/auth/logout` (Bearer) → 204: end one refresh token, or every sign-in of the account. */
export interface LogoutRequest {
  refreshToken?: string;
  everywhere?: boolean;
}

/** `GET /v1/user/me` (Bearer). */
export interface MeResponse {
  user: User;
  /** Always `reader`; `writer` once the account owns a story; `moderator`/`admin` when granted. In that order. */
  roles: Role[];
}
