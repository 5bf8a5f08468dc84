/**
 * The few REST calls a virtual player makes: a guest account (with token refresh for runs longer
 * than an access token lives) and the story catalog. Shapes come from api/, the REST contract.
 */
import type { ApiErrorBody, RefreshRequest, SignIn, StoryPage, TokenPair } from '../api/index';

/** A failed REST call, with the error code the player counts it under. */
export class RestFailure extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'RestFailure';
  }
}

/** Access tokens live 15 minutes; renew a little before that. */
const RENEW_AFTER_MS = 12 * 60_000;

export class GuestAccount {
  private issuedAt = performance.now();

  private constructor(private readonly target: string, private tokens: TokenPair) {}

  /** POST /v1/auth/guest: a new player with a fresh wallet. */
  static async create(target: string): Promise<GuestAccount> {
    return new GuestAccount(target, await postTokens(target, '/v1/auth/guest', undefined, 'GUEST'));
  }

  /** An access token good for a join (refreshed once it is old). */
  async accessToken(): Promise<string> {
    if (performance.now() - this.issuedAt > RENEW_AFTER_MS) {
      this.tokens = await postTokens(this.target, '/v1/auth/refresh', { refreshToken: this.tokens.refreshToken } satisfies RefreshRequest, 'REFRESH');
      this.issuedAt = performance.now();
    }
    return this.tokens.accessToken;
  }
}

/** The target cannot be used at all (the run cannot start); the CLI says so in one line. */
export class TargetUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetUnavailable';
  }
}

/** Ids of the published stories (GET /v1/stories, first page of 50). */
export async function listStoryIds(target: string): Promise<string[]> {
  let response: Response;
  try {
    response = await fetch(`${target}/v1/stories?limit=50`);
  } catch (error) {
    throw new TargetUnavailable(`cannot reach ${target}: ${String((error as Error).cause ?? error)}`);
  }
  if (!response.ok) throw new TargetUnavailable(`GET ${target}/v1/stories answered ${response.status}`);
  // Checked, not trusted: the target may be any server (a wrong URL answers some other JSON).
  const body = (await response.json()) as Partial<StoryPage>;
  return (body.items ?? []).map((item): unknown => item.id).filter((id): id is string => typeof id === 'string');
}

async function postTokens(target: string, path: string, body: unknown, codePrefix: string): Promise<TokenPair> {
  let response: Response;
  try {
    response = await fetch(`${target}${path}`, {
      method: 'POST',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new RestFailure(`${codePrefix}_UNREACHABLE`, `POST ${path}: ${String((error as Error).cause ?? error)}`);
  }
  const text = await response.text();
  if (!response.ok) {
    const code = restErrorCode(text) ?? `HTTP_${response.status}`;
    // All virtual players share one address, so the per-address guest limit is the first wall a big run meets.
    const hint = path === '/v1/auth/guest' && response.status === 429 ? ' — raise GUEST_RATE_LIMIT_PER_MINUTE on the server for runs that create more guests a minute' : '';
    throw new RestFailure(`${codePrefix}_${code}`, `POST ${path} → ${response.status}${hint}: ${text.slice(0, 160)}`);
  }
  const parsed = JSON.parse(text) as Partial<SignIn>;
  if (typeof parsed.accessToken !== 'string' || typeof parsed.refreshToken !== 'string') throw new RestFailure(`${codePrefix}_BAD_ANSWER`, `POST ${path} answered without tokens`);
  return { accessToken: parsed.accessToken, refreshToken: parsed.refreshToken };
}

function restErrorCode(text: string): string | undefined {
  try {
    const code: unknown = (JSON.parse(text) as Partial<ApiErrorBody>).error?.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}
