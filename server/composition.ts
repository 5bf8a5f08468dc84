/**
 * The composition root: the one place that chooses SQLite or PostgreSQL, local or Redis
 * presence, uWS or ws, and wires services into the sidecars and the game server.
 */
import { fileURLToPath } from 'node:url';
import { matchMaker, Server } from '@colyseus/core';
import { STORY_ROOM } from '../rooms/story/protocol';
import { storyRoom } from '../rooms/story/StoryRoom';
import { CAMPAIGN_ROOM } from '../rooms/campaign/protocol';
import { campaignRoom } from '../rooms/campaign/CampaignRoom';
import { createCampaigns } from './campaigns/create-campaigns';
import { worldsRouter } from './campaigns/worlds-router';
import type { MikroORM } from '@mikro-orm/core';
import { loadContentDir, type ContentProblem } from '../content-pipeline';
import { AccessTokens } from './accounts/access-tokens';
import { AccountService } from './accounts/account-service';
import { accountsRouter } from './accounts/accounts-router';
import { authRateLimit } from './accounts/auth-rate-limit';
import { resolveJwtSecret } from './accounts/jwt-secret';
import { RefreshTokenStore } from './accounts/refresh-token-store';
import { CatalogService } from './catalog/catalog-service';
import { catalogRouter } from './catalog/catalog-router';
import { StoryDirectory } from './catalog/story-directory';
import type { Config, Role } from './config/config';
import { openDatabase } from './database/open-database';
import { preparedStatements } from './database/prepared-statements';
import { ClusterSweep, liveProcessSelector } from './game/cluster-matchmaking';
import { createScaling } from './game/presence';
import { JsonlRoomRecorder } from './recording/jsonl-room-recorder';
import { noRecording } from '../rooms/shared/room-recorder';
import { createHttpOnly, createTransport, type ServingTransport, type TransportKind } from './game/transport';
import { adminRouter } from './http/admin';
import { configureHttpApp } from './http/configure-http-app';
import { Metrics } from './http/metrics';
import { requireUser } from './http/require-user';
import { requestLogRouter } from './http/request-log';
import { registerRuntimeMetrics } from './http/runtime-metrics';
import { webClientRouter } from './http/web-client';
import { createPayments, type Payments } from './payments/create-payments';
import { progressRouter } from './progress/progress-router';
import { StorySessionService } from './progress/story-session-service';
import { systemClock, type Clock } from './shared/clock';
import { createLogger, type Logger } from './shared/logger';
import { WalletService } from './wallet/wallet-service';
import { walletRouter } from './wallet/wallet-router';

const REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600;
/** Listing pages and story details may lag plays by this much; a publish in this process clears them. */
const CATALOG_CACHE_TTL_MS = 2000;
/** Chapter layouts change only on a publish; another process's publish shows within this. */
const STORY_LAYOUT_TTL_MS = 10_000;
const WEB_CLIENT_DIR = fileURLToPath(new URL('../client/dist', import.meta.url));

export interface Services {
  accessTokens: AccessTokens;
  accounts: AccountService;
  wallet: WalletService;
  catalog: CatalogService;
  storySessions: StorySessionService;
  payments: Payments;
}

export interface StoryVerse {
  url: string;
  port: number;
  role: Role;
  transport: TransportKind | 'http';
  orm: MikroORM;
  /** The Colyseus server (roles `all` and `game`; reading it in a sidecar role throws). */
  gameServer: Server;
  services: Services;
  contentProblems: ContentProblem[];
  close(): Promise<void>;
}

export interface Overrides {
  clock?: Clock;
  logger?: Logger;
}

export async function startStoryVerse(config: Config, overrides: Overrides = {}): Promise<StoryVerse> {
  const clock = overrides.clock ?? systemClock;
  const logger = (overrides.logger ?? createLogger(config.logLevel)).child({ role: config.role });
  const startedAt = clock.now();
  const serves = partsServedBy(config.role);

  const orm = await openDatabase(config.database);
  const jwtSecret = resolveJwtSecret(config.jwtSecret, config.dataDir);
  const services = createServices(config, orm, clock, jwtSecret);
  // The catalog publishes the content (in the cluster, the one catalog process does it for all).
  const content = serves.catalog ? await loadContentDir(config.contentDir) : { stories: [], problems: [] };
  if (serves.catalog) {
    for (const problem of content.problems) logger[problem.severity === 'error' ? 'error' : 'warn'](problem, `content: ${problem.file}${problem.sceneId ? ` scene ${problem.sceneId}` : ''}: ${problem.message}`);
    const published = await services.catalog.publish(content.stories);
    for (const rejected of published.rejected) logger.error(rejected, `catalog: story ${rejected.storyId} not published: ${rejected.reason}`);
    logger.info({ added: published.storiesAdded, updated: published.storiesUpdated, unlisted: published.storiesUnlisted }, `catalog: ${content.stories.length - published.rejected.length} stories published`);
  }

  const transport = serves.game ? await createTransport(config.transport, logger, config.bindAddress) : null;
  const http = transport ? null : createHttpOnly();
  const serving = transport ?? http!;
  const metrics = new Metrics({ transport: serving.kind, role: config.role });
  const game = transport ? await createGame(config, transport, { orm, services, clock, logger, jwtSecret, metrics }) : null;
  if (!game) registerRuntimeMetrics(metrics.registry, { dbPool: () => dbPoolState(orm) });

  const userAuth = requireUser(services.accessTokens);
  configureHttpApp(serving.expressApp, {
    orm,
    logger,
    metrics,
    trustProxy: config.trustProxy,
    startedAt,
    routers: [
      requestLogRouter(logger, game ? 'debug' : 'info'),
      ...(game ? [adminRouter(config.adminToken, logger)] : []),
      ...(serves.accounts ? [
        accountsRouter({
          accounts: services.accounts,
          requireUser: userAuth,
          credentialLimit: authRateLimit(config.authRateLimitPerMinute, config.trustProxy),
          guestLimit: authRateLimit(config.guestRateLimitPerMinute, config.trustProxy),
        }),
        walletRouter({ wallet: services.wallet, requireUser: userAuth }),
      ] : []),
      ...(serves.catalog ? [
        catalogRouter({ catalog: services.catalog }),
        worldsRouter(config.contentDir),
        progressRouter({ sessions: services.storySessions, requireUser: userAuth }),
      ] : []),
      ...(serves.payments ? [
        services.payments.router(userAuth),
      ] : []),
      ...(serves.catalog ? [webClientRouter(WEB_CLIENT_DIR)] : []),
    ],
  });

  const port = await (game ? game.listen(config.port, config.bindAddress) : http!.listen(config.port, config.bindAddress));
  logger.info(
    { port, role: config.role, transport: serving.kind, database: config.database.kind, presence: game?.scalingKind ?? 'none', stories: content.stories.length },
    `StoryVerse (${config.role}) listening with the ${serving.kind} transport, ${config.database.kind}, ${game?.scalingKind ?? 'no'} presence`,
  );

  const storyVerse: StoryVerse = {
    url: `http://localhost:${port}`,
    port,
    role: config.role,
    transport: serving.kind,
    orm,
    gameServer: game?.server as Server,
    services,
    contentProblems: content.problems,
    close: async () => {
      if (game) await game.close();
      else await http!.close();
      await orm.close(true);
    },
  };
  // A sidecar has no game server: reading it is a mistake worth an explicit error.
  if (!game) Object.defineProperty(storyVerse, 'gameServer', { enumerable: false, get: () => { throw new Error(`the ${config.role} role runs no game server`); } });
  return storyVerse;
}

/** What each role composes; `all` is the embedded run (everything in one process). */
function partsServedBy(role: Role): { game: boolean; accounts: boolean; catalog: boolean; payments: boolean } {
  const all = role === 'all';
  return { game: all || role === 'game', accounts: all || role === 'accounts', catalog: all || role === 'catalog', payments: all || role === 'payments' };
}

interface GameDeps {
  orm: MikroORM;
  services: Services;
  clock: Clock;
  logger: Logger;
  jwtSecret: string;
  metrics: Metrics;
}

interface Game {
  server: Server;
  scalingKind: 'local' | 'redis';
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

/** The Colyseus server with the rooms: matchmaking, room sockets, and the cluster's repairs. */
async function createGame(config: Config, serving: ServingTransport, deps: GameDeps): Promise<Game> {
  const { orm, services, clock, logger, jwtSecret, metrics } = deps;
  const scaling = await createScaling(config.redisUrl);
  const server = new Server({
    transport: serving.transport,
    presence: scaling.presence,
    driver: scaling.driver,
    publicAddress: config.publicAddress,
    selectProcessIdToCreateRoom: scaling.kind === 'redis' ? liveProcessSelector(scaling.presence) : undefined,
    gracefullyShutdown: false,
    greet: false,
  });
  const sweep = new ClusterSweep({ presence: scaling.presence, driver: scaling.driver as never, logger, intervalMs: config.clusterSweepSeconds * 1000 });
  const telemetry = registerRuntimeMetrics(metrics.registry, {
    ccu: () => matchMaker.stats.local.ccu,
    roomsByKind: () => sweep.roomsByKind,
    dbPool: () => dbPoolState(orm),
    redis: () => scaling.connections(),
  });
  const recorder = config.recording.rooms.size > 0
    ? new JsonlRoomRecorder({ ...config.recording, pseudonymKey: jwtSecret, clock, logger })
    : noRecording;
  sweep.track(server.define(STORY_ROOM, storyRoom({ sessions: services.storySessions, auth: services.accessTokens, clock, logger, recorder, telemetry })));
  sweep.track(server.define(CAMPAIGN_ROOM, campaignRoom(await createCampaigns({ config, orm, auth: services.accessTokens, clock, logger, telemetry }))));
  return {
    server,
    scalingKind: scaling.kind,
    listen: async (port, host) => {
      await server.listen(port, host);
      if (scaling.kind === 'redis') sweep.start();
      return serving.boundPort(port);
    },
    close: async () => {
      sweep.stop();
      // Stop new rooms coming here, then lock the rooms, let each finish saving, let the clients go.
      if (scaling.kind === 'redis') await sweep.drain().catch((error: unknown) => logger.warn({ err: error }, 'could not mark this process as draining'));
      await server.gracefullyShutdown(false);
    },
  };
}

/** The PostgreSQL pool's connections (knex/tarn); null for SQLite, which has no pool. */
function dbPoolState(orm: MikroORM): { used: number; free: number; pending: number } | null {
  const connection = orm.em.getConnection() as unknown as { getKnex?: () => { client?: { pool?: TarnPool } } };
  const pool = connection.getKnex?.().client?.pool;
  if (!pool || typeof pool.numUsed !== 'function') return null;
  return { used: pool.numUsed(), free: pool.numFree(), pending: pool.numPendingAcquires() };
}

interface TarnPool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
}

function createServices(config: Config, orm: MikroORM, clock: Clock, jwtSecret: string): Services {
  const em = orm.em;
  const accessTokens = new AccessTokens(jwtSecret, clock);
  const refreshTokens = new RefreshTokenStore({ em, clock, ttlSeconds: REFRESH_TOKEN_TTL_SECONDS });
  const statements = preparedStatements(orm);
  const wallet = new WalletService({ em, clock, rules: config.wallet, statements });
  const accounts = new AccountService({ em, clock, accessTokens, refreshTokens, wallet });
  const directory = new StoryDirectory({ em, clock, ttlMs: STORY_LAYOUT_TTL_MS });
  const catalog = new CatalogService({ em, clock, cacheTtlMs: CATALOG_CACHE_TTL_MS, directory });
  const storySessions = new StorySessionService({ em, clock, wallet, directory, statements });
  const payments = createPayments({ stripe: config.stripe, store: config.store, em, wallet, clock });
  return { accessTokens, accounts, wallet, catalog, storySessions, payments };
}
