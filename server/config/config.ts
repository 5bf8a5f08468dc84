import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { SigningKey, UnusableSigningKey } from '../certificates/signing-key';
import { MODULE_ROLES, type ModuleRole } from '../modules.js';
import { DEFAULT_STORE_PACKS, parseStorePacks, type StorePack } from '../payments/store-packs';

/** Where the repository's shipped stories live; the default CONTENT_DIR. */
export const SHIPPED_CONTENT_DIR = fileURLToPath(new URL('../../content', import.meta.url));

const ROLES: [Role, ...Role[]] = ['all', ...MODULE_ROLES];

const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^-?\d+$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().min(min, `must be a whole number from ${min} to ${max}`).max(max, `must be a whole number from ${min} to ${max}`));

const integer = (min: number, max: number, fallback: number) => wholeNumber(min, max).default(String(fallback));

const urlWithScheme = (schemes: string[]) =>
  z
    .string()
    .trim()
    .refine((value) => {
      try {
        return schemes.includes(new URL(value).protocol.replace(/:$/, ''));
      } catch {
        return false;
      }
    }, `must be a URL starting with ${schemes.map((s) => s + '://').join(' or ')}`);

const optionalText = z.string().trim().min(1).optional();

/** A comma-separated list of ws:// or wss:// origins (scheme, host, port: no path, no credentials). */
const socketOrigins = z
  .string()
  .trim()
  .regex(/^wss?:\/\/[0-9A-Za-z.-]+(:\d+)?(,wss?:\/\/[0-9A-Za-z.-]+(:\d+)?)*$/, 'must be ws:// or wss:// origins (host[:port], no path), separated by commas')
  .optional();

/**
 * A PEM key in one environment variable: real line breaks, or `\n` escapes where a tool (a .env
 * file, a PM2 or compose setting) keeps values on one line. Checked by loading it.
 */
const signingKeyPem = z
  .string()
  .transform((value) => (value.includes('\n') ? value : value.replaceAll('\\n', '\n')).trim() + '\n')
  .superRefine((pem, ctx) => {
    try {
      SigningKey.fromPem(pem);
    } catch (error) {
      if (!(error instanceof UnusableSigningKey)) throw error;
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: error.message });
    }
  });

/** PostgreSQL connections per process when DATABASE_POOL_SIZE is unset (also what scripts and tests get). */
export const DEFAULT_DATABASE_POOL_SIZE = 10;

/** Variables whose values never appear in an error message (logs outlive secrets). */
const SECRET_VARIABLES = new Set(['CERTIFICATE_SIGNING_KEY']);
/** The largest STUDIO_MAX_ASSET_BYTES allowed (100 MiB): assets are read into memory whole. */
const MAX_ASSET_BYTES_LIMIT = 100 * 1024 * 1024;
/** S3 bucket naming rules (3–63 lowercase letters, digits, dots, hyphens), then an optional key prefix. */
const S3_URL = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/((?:[A-Za-z0-9._-]+\/)*[A-Za-z0-9._-]*))?$/;

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test'], { message: 'must be development, production or test' }).default('development'),
  PORT: integer(0, 65535, 2567),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  DATABASE_URL: urlWithScheme(['postgres', 'postgresql']).optional(),
  DATABASE_POOL_SIZE: wholeNumber(1, 1000).optional(),
  REDIS_URL: urlWithScheme(['redis', 'rediss']).optional(),
  CONTENT_DIR: z.string().trim().min(1).default(SHIPPED_CONTENT_DIR),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  STRIPE_SECRET_KEY: optionalText,
  STRIPE_WEBHOOK_SECRET: optionalText,
  STRIPE_API_BASE: urlWithScheme(['http', 'https']).optional(),
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: urlWithScheme(['http', 'https']).optional(),
  GM_MODEL: optionalText,
  CAMPAIGN_DAILY_TURNS: integer(0, 1_000_000, 300),
  CAMPAIGN_TURN_SECONDS: integer(5, 3600, 90),
  CAMPAIGN_VOTE_SECONDS: integer(5, 3600, 60),
  TRANSPORT: z.enum(['uws', 'ws'], { message: 'must be uws or ws' }).default('uws'),
  PUBLIC_ADDRESS: z
    .string()
    .trim()
    .regex(/^[^\s/:]+(:\d+)?(\/[A-Za-z0-9._~-]+)*$/, 'must be host:port (optionally followed by a /path) without a scheme')
    .optional(),
  ROLE: z.enum(ROLES, { message: `must be ${ROLES.slice(0, -1).join(', ')} or ${ROLES.at(-1)}` }).default('all'),
  BIND_ADDRESS: z.string().trim().regex(/^[0-9A-Za-z.:-]+$/, 'must be an IP address or host name to listen on').optional(),
  ROOM_SOCKET_ORIGINS: socketOrigins,
  ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  CLUSTER_SWEEP_SECONDS: integer(1, 300, 5),
  KEYS_CAP: integer(1, 1000, 5),
  READING_ROOM_SIZE: integer(1, 1000, 100),
  READING_PATCH_MS: integer(50, 1000, 500),
  READING_LIVE_COMMENTS_PER_SECOND: integer(1, 1000, 5),
  STEP_BATCH_MAX_SIZE: integer(1, 1000, 100),
  STEP_BATCH_MAX_WAIT_MS: integer(0, 1000, 10),
  KEY_REGEN_SECONDS: integer(1, 31 * 24 * 3600, 10800),
  WELCOME_DIAMONDS: integer(0, 1_000_000, 20),
  WRITER_SHARE_PERCENT: integer(0, 100, 70),
  AUTH_RATE_LIMIT_PER_MINUTE: integer(1, 100_000, 30),
  GUEST_RATE_LIMIT_PER_MINUTE: integer(1, 1_000_000, 600),
  TRUST_PROXY: z.enum(['true', 'false'], { message: 'must be true or false' }).default('false'),
  // Only kinds the recording format and the replay tool understand: a campaign's beats are not scenes.
  RECORD_SESSIONS: z
    .string()
    .trim()
    .regex(/^story$/, 'must name the room kinds to record; only story rooms can be recorded (campaign rooms cannot)')
    .optional(),
  RECORDINGS_DIR: z.string().trim().min(1).optional(),
  STORE_PACKS: z.string().trim().min(1).optional(),
  PAYMENTS_SANDBOX: z.enum(['true', 'false'], { message: 'must be true or false' }).optional(),
  CERTIFICATE_SIGNING_KEY: signingKeyPem.optional(),
  // A folder path, or s3://bucket[/prefix]; checked beside S3_ENDPOINT in assetStoreOf below.
  ASSET_STORE_URL: z.string().trim().min(1).optional(),
  S3_ENDPOINT: urlWithScheme(['http', 'https']).optional(),
  S3_REGION: z.string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a region name such as us-east-1').optional(),
  STUDIO_MAX_ASSET_BYTES: integer(1, MAX_ASSET_BYTES_LIMIT, 5 * 1024 * 1024),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'must be a pino level' }).default('info'),
});

/** Every environment variable StoryVerse reads (the cluster's ecosystem must pass each one on). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(envSchema.shape);

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  dataDir: string;
  /** `poolSize`: this process's PostgreSQL connections (DATABASE_POOL_SIZE; absent: DEFAULT_DATABASE_POOL_SIZE). */
  database: { kind: 'sqlite'; file: string } | { kind: 'postgresql'; url: string; poolSize?: number };
  redisUrl?: string;
  contentDir: string;
  /** Absent in the embedded run: a secret is then generated once and kept under DATA_DIR. */
  jwtSecret?: string;
  stripe: { secretKey?: string; webhookSecret?: string; apiBase?: string };
  /**
   * The diamond packs on sale (STORE_PACKS, or the defaults), and whether the sandbox checkout
   * (no money moves) stands in when there is no Stripe key: by default everywhere but production.
   */
  store: { packs: StorePack[]; sandbox: boolean };
  openai: { apiKey?: string; baseUrl?: string; model?: string };
  /** Campaign turns an account may take per UTC day (0: unlimited), and the turn and vote timers. */
  campaigns: { dailyTurns: number; turnSeconds: number; voteSeconds: number };
  transport: 'uws' | 'ws';
  publicAddress?: string;
  /** What this process serves: everything (the embedded run), or one part of the cluster. */
  role: Role;
  /** Interface to listen on (all of them when unset); the cluster binds 127.0.0.1 behind nginx. */
  bindAddress?: string;
  /** Where else the web client may open room sockets (its CSP's connect-src): the game processes' own addresses when they are reached directly. */
  roomSocketOrigins: string[];
  /** Guards the @colyseus/monitor admin panel at /admin; the panel is off without it. */
  adminToken?: string;
  /** How often a game process republishes its vanished room listings and reaps dead processes' ones. */
  clusterSweepSeconds: number;
  wallet: { keysCap: number; keyRegenSeconds: number; welcomeDiamonds: number };
  /** The writer's share of each premium choice in their story, in percent (rounded down to whole diamonds). */
  earnings: { writerSharePercent: number };
  /** Sign-in, registration and upgrade attempts per IP per minute (password guessing). */
  authRateLimitPerMinute: number;
  /** Guest accounts per IP per minute: generous, as many players may share one address (NAT, a load test). */
  guestRateLimitPerMinute: number;
  trustProxy: boolean;
  /** Room kinds whose sessions are recorded for load-test replay, and where. */
  recording: { rooms: Set<string>; dir: string };
  /**
   * The PKCS#8 PEM Ed25519 key certificates of authorship are signed with (checked to be one).
   * Absent in the embedded run: a key is then generated once and kept under DATA_DIR.
   */
  certificateSigningKeyPem?: string;
  /** Where uploaded art and sound live (server/assets/), and the largest upload taken. */
  assets: { store: AssetStoreConfig; maxBytes: number };
  logLevel: string;
  /**
   * Readers per reading room (READING_ROOM_SIZE; joinOrCreate opens another room of the chapter when one
   * is full), and how often a room sends its state's changes and the chapter's comments since the last
   * (READING_PATCH_MS), and how many of the chapter's comments a second each reader is sent live at most
   * (READING_LIVE_COMMENTS_PER_SECOND).
   */
  reading: { roomSize: number; patchMs: number; liveCommentsPerSecond: number };
  /** Group commit of story steps: the most steps one commit carries, and the longest a step waits behind a busy commit. */
  stepBatches: { maxSize: number; maxWaitMs: number };
}

/**
 * A folder (the embedded run; DATA_DIR/assets by default) or an S3 bucket, optionally under a key
 * prefix (`prefix` is empty or ends with `/`). `endpoint` names any S3-compatible store; unset, AWS.
 */
export type AssetStoreConfig = { kind: 'local'; dir: string } | { kind: 's3'; bucket: string; prefix: string; region: string; endpoint?: string };

/** What a process runs: every module (`all`, the embedded run) or the modules of one role (server/modules.js). */
export type Role = 'all' | ModuleRole;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once; throws ConfigError naming each bad variable and what it expects. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings count as unset, as shells and compose files often export them that way.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0]);
        const got = SECRET_VARIABLES.has(name) ? `${present[name]?.length ?? 0} characters, not shown` : JSON.stringify(present[name] ?? '');
        return `${name} ${issue.message} (got ${got})`;
      }),
    );
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  if (e.REDIS_URL && !e.JWT_SECRET) {
    // Processes of a cluster must verify each other's tokens, so a per-process secret cannot work.
    throw new ConfigError(['JWT_SECRET must be set (32+ characters) when REDIS_URL selects the cluster']);
  }
  if (e.STRIPE_SECRET_KEY && !e.STRIPE_WEBHOOK_SECRET) {
    // Without it no payment could ever be confirmed: players would pay and receive nothing.
    throw new ConfigError(['STRIPE_WEBHOOK_SECRET must be set (whsec_…) when STRIPE_SECRET_KEY is set']);
  }
  if (e.DATABASE_POOL_SIZE !== undefined && !e.DATABASE_URL) {
    // SQLite has one connection: a pool size there is a slip that would quietly do nothing.
    throw new ConfigError([`DATABASE_POOL_SIZE is set but DATABASE_URL is not (a pool is PostgreSQL's; SQLite has one connection) (got ${JSON.stringify(present.DATABASE_POOL_SIZE)})`]);
  }
  const packs = storePacks(e.STORE_PACKS);
  const assetStore = assetStoreOf(e, dataDir);
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    dataDir,
    database: e.DATABASE_URL
      ? { kind: 'postgresql', url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE ?? DEFAULT_DATABASE_POOL_SIZE }
      : { kind: 'sqlite', file: resolve(dataDir, 'storyverse.sqlite') },
    redisUrl: e.REDIS_URL,
    contentDir: resolve(e.CONTENT_DIR),
    jwtSecret: e.JWT_SECRET,
    stripe: { secretKey: e.STRIPE_SECRET_KEY, webhookSecret: e.STRIPE_WEBHOOK_SECRET, apiBase: e.STRIPE_API_BASE },
    store: { packs, sandbox: !e.STRIPE_SECRET_KEY && (e.PAYMENTS_SANDBOX ? e.PAYMENTS_SANDBOX === 'true' : e.NODE_ENV !== 'production') },
    openai: { apiKey: e.OPENAI_API_KEY, baseUrl: e.OPENAI_BASE_URL, model: e.GM_MODEL },
    campaigns: { dailyTurns: e.CAMPAIGN_DAILY_TURNS, turnSeconds: e.CAMPAIGN_TURN_SECONDS, voteSeconds: e.CAMPAIGN_VOTE_SECONDS },
    transport: e.TRANSPORT,
    publicAddress: e.PUBLIC_ADDRESS,
    role: e.ROLE,
    bindAddress: e.BIND_ADDRESS,
    roomSocketOrigins: e.ROOM_SOCKET_ORIGINS?.split(',') ?? [],
    adminToken: e.ADMIN_TOKEN,
    clusterSweepSeconds: e.CLUSTER_SWEEP_SECONDS,
    wallet: { keysCap: e.KEYS_CAP, keyRegenSeconds: e.KEY_REGEN_SECONDS, welcomeDiamonds: e.WELCOME_DIAMONDS },
    earnings: { writerSharePercent: e.WRITER_SHARE_PERCENT },
    authRateLimitPerMinute: e.AUTH_RATE_LIMIT_PER_MINUTE,
    guestRateLimitPerMinute: e.GUEST_RATE_LIMIT_PER_MINUTE,
    trustProxy: e.TRUST_PROXY === 'true',
    recording: { rooms: new Set(e.RECORD_SESSIONS?.split(',') ?? []), dir: resolve(e.RECORDINGS_DIR ?? resolve(dataDir, 'recordings')) },
    certificateSigningKeyPem: e.CERTIFICATE_SIGNING_KEY,
    assets: { store: assetStore, maxBytes: e.STUDIO_MAX_ASSET_BYTES },
    logLevel: e.LOG_LEVEL,
    reading: { roomSize: e.READING_ROOM_SIZE, patchMs: e.READING_PATCH_MS, liveCommentsPerSecond: e.READING_LIVE_COMMENTS_PER_SECOND },
    stepBatches: { maxSize: e.STEP_BATCH_MAX_SIZE, maxWaitMs: e.STEP_BATCH_MAX_WAIT_MS },
  };
}

function assetStoreOf(e: z.infer<typeof envSchema>, dataDir: string): AssetStoreConfig {
  const url = e.ASSET_STORE_URL;
  if (url && /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(url)) {
    const s3 = S3_URL.exec(url);
    if (!s3 || /(^|\/)\.\.?(\/|$)/.test(s3[2] ?? '')) throw new ConfigError([`ASSET_STORE_URL must be s3://bucket[/prefix] (a bucket name of 3 to 63 lowercase letters, digits, dots and hyphens; a prefix of '/'-separated names of letters, digits, '.', '_' and '-', none of them . or ..) or a folder path (got ${JSON.stringify(url)})`]);
    const prefix = s3[2] ? s3[2].replace(/\/?$/, '/') : '';
    return { kind: 's3', bucket: s3[1]!, prefix, region: e.S3_REGION ?? 'us-east-1', ...(e.S3_ENDPOINT ? { endpoint: e.S3_ENDPOINT } : {}) };
  }
  // An S3 setting without an S3 store is a slip that would quietly keep uploads on this machine.
  const stray = (['S3_ENDPOINT', 'S3_REGION'] as const).filter((name) => e[name] !== undefined);
  if (stray.length > 0) throw new ConfigError(stray.map((name) => `${name} is set but ASSET_STORE_URL is not an s3://bucket URL (got ${JSON.stringify(url ?? '')})`));
  return { kind: 'local', dir: resolve(url ?? resolve(dataDir, 'assets')) };
}

function storePacks(value: string | undefined): StorePack[] {
  if (value === undefined) return DEFAULT_STORE_PACKS.map((pack) => ({ ...pack }));
  try {
    return parseStorePacks(value);
  } catch (error) {
    throw new ConfigError([`STORE_PACKS ${(error as Error).message} (got ${JSON.stringify(value.length > 120 ? value.slice(0, 117) + '...' : value)})`]);
  }
}
