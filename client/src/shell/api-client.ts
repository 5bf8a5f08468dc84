import { ApiFailure } from './api-failure';
import type { RefreshRequest, SignIn } from '../../../api/index';
import { expiresWithin } from './jwt-expiry';
import type { SignInStore } from './sign-in-store';

/** A body sent as it is (an uploaded file) instead of as JSON, with its own Content-Type. */
export interface RawBody {
  readonly data: Blob | string;
  readonly contentType: string;
}

export interface RequestOptions {
  body?: unknown;
  /** Sent instead of `body`, byte for byte. */
  raw?: RawBody;
  /** Send the access token (default true when signed in). */
  auth?: boolean;
}

/**
 * fetch for the /v1 API: JSON in and out, failures as ApiFailure, and an expired access token
 * refreshed transparently once (one refresh at a time, across tabs too) before the request is retried.
 */
export class ApiClient {
  private refreshing: Promise<SignIn> | null = null;

  constructor(
    private readonly signIns: SignInStore,
    /** Called when the refresh token was refused: the sign-in is gone, show the auth screen. */
    private readonly onSignedOut: (reason: ApiFailure) => void,
  ) {}

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body: unknown = {}, options: Omit<RequestOptions, 'body'> = {}): Promise<T> {
    return this.request<T>('POST', path, { ...options, body });
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, { body });
  }

  /** PUT of a file's bytes (a chapter source, an asset) with its Content-Type. */
  putRaw<T>(path: string, raw: RawBody): Promise<T> {
    return this.request<T>('PUT', path, { raw });
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    let token = options.auth === false ? null : (this.signIns.current()?.accessToken ?? null);
    // About to expire: renew first rather than collect a 401 (the retry below still covers the rest).
    if (token !== null && expiresWithin(token, 30)) token = (await this.refresh(token)).accessToken;
    const body = options.raw ?? (options.body === undefined ? undefined : jsonBody(options.body));
    const response = await this.send(method, path, body, token);
    if (response.ok) return parseBody<T>(response);
    const failure = await ApiFailure.fromResponse(response);
    if (token === null || failure.status !== 401 || failure.code !== 'INVALID_TOKEN') throw failure;
    const renewed = await this.refresh(token);
    const retried = await this.send(method, path, body, renewed.accessToken);
    if (retried.ok) return parseBody<T>(retried);
    throw await ApiFailure.fromResponse(retried);
  }

  /** An access token still good for `minSeconds` (refreshed first if not): the room join needs one. */
  async freshAccessToken(minSeconds = 60): Promise<string> {
    const current = this.signIns.current();
    if (!current) throw new ApiFailure(401, 'UNAUTHENTICATED', 'Sign in to play');
    if (!expiresWithin(current.accessToken, minSeconds)) return current.accessToken;
    return (await this.refresh(current.accessToken)).accessToken;
  }

  /** Refreshes the pair `staleAccessToken` belonged to; concurrent callers share one refresh. */
  refresh(staleAccessToken: string): Promise<SignIn> {
    this.refreshing ??= this.refreshAcrossTabs(staleAccessToken).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private refreshAcrossTabs(staleAccessToken: string): Promise<SignIn> {
    // Two tabs spending the same refresh token would look like token theft and revoke the family.
    if (typeof navigator !== 'undefined' && navigator.locks) {
      return navigator.locks.request('storyverse.refresh', () => this.refreshNow(staleAccessToken));
    }
    return this.refreshNow(staleAccessToken);
  }

  private async refreshNow(staleAccessToken: string): Promise<SignIn> {
    const stored = this.signIns.current();
    if (!stored) throw this.signedOut(new ApiFailure(401, 'UNAUTHENTICATED', 'Your session ended. Sign in again.'));
    // Someone else (another tab, an earlier refresh) already rotated the pair: use theirs.
    if (stored.accessToken !== staleAccessToken && !expiresWithin(stored.accessToken, 60)) return stored;
    const response = await this.send('POST', '/v1/auth/refresh', jsonBody({ refreshToken: stored.refreshToken } satisfies RefreshRequest), null);
    if (!response.ok) {
      const failure = await ApiFailure.fromResponse(response);
      // 401 (invalid, reused) or 400: that refresh token will never work again. 5xx/429: try later.
      if (failure.status === 401 || failure.status === 400) throw this.signedOut(failure);
      throw failure;
    }
    const renewed = await parseBody<SignIn>(response);
    this.signIns.save(renewed);
    return renewed;
  }

  private signedOut(failure: ApiFailure): ApiFailure {
    this.signIns.clear();
    this.onSignedOut(failure);
    return failure;
  }

  private async send(method: string, path: string, body: RawBody | undefined, token: string | null): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = body.contentType;
    if (token) headers['authorization'] = `Bearer ${token}`;
    try {
      return await fetch(path, { method, headers, body: body?.data });
    } catch (error) {
      throw ApiFailure.network(error);
    }
  }
}

function jsonBody(value: unknown): RawBody {
  return { data: JSON.stringify(value), contentType: 'application/json' };
}

async function parseBody<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}
