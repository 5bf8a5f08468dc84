/**
 * The composition root: the one place that chooses SQLite or PostgreSQL, local or Redis
 * presence, uWS or ws, Stripe or the sandbox, a local folder or S3 for assets, and wires the
 * domain services into the modules (server/modules.js) that this process's role runs — their
 * routers, rooms and start hooks.
 */
import type { Server } from '@colyseus/core';
import type { MikroORM } from '@mikro-orm/core';
import type { ContentProblem } from '../content-pipeline';
import { AccessTokens } from './accounts/access-tokens';
import { AccountRoles } from './accounts/account-roles';
import { AccountService } from './accounts/account-service';
import { createAccountsModule } from './accounts/accounts-module';
import { resolveJwtSecret } from './accounts/jwt-secret';
import { RefreshTokenStore } from './accounts/refresh-token-store';
import { createAssetStore } from './assets/create-asset-store';
import type { CatalogChanges } from './catalog/catalog-changes';
import { CatalogService } from './catalog/catalog-service';
import { createCatalogModule } from './catalog/catalog-module';
import { LocalCatalogChanges } from './catalog/local-catalog-changes';
import { RedisCatalogChanges } from './catalog/redis-catalog-changes';
import { StoryDirectory } from './catalog/story-directory';
import { CertificateService } from './certificates/certificate-service';
import { resolveSigningKey } from './certificates/resolve-signing-key';
import type { SigningKey } from './certificates/signing-key';
import type { Config, Role } from './config/config';
import { openDatabase } from './database/open-database';
import { dbPoolState } from './database/pool-state';
import { preparedStatements } from './database/prepared-statements';
import { EarningsService } from './earnings/earnings-service';
import { WriterShareLedger } from './earnings/writer-share-ledger';
import { createGameModule } from './game/game-module';
import { createGameServer, type GameServer } from './game/game-server';
import { createScaling } from './game/presence';
import { createHttpOnly, createTransport, type TransportKind } from './game/transport';
import { configureHttpApp } from './http/configure-http-app';
import { Metrics } from './http/metrics';
import { requireUser } from './http/require-user';
import { requestLogRouter } from './http/request-log';
import { registerRuntimeMetrics } from './http/runtime-metrics';
import type { ModuleDeps, ServerModule, Services } from './module';
import { GAME_ROLE, modulesOf, type ModuleDeclaration, type ModuleName } from './modules.js';
import { createPayments } from './payments/create-payments';
import { createPaymentsModule } from './payments/payments-module';
import { PreviewSessions } from './progress/preview-sessions';
import { StorySessionService } from './progress/story-session-service';
import { systemClock, type Clock } from './shared/clock';
import { createLogger, type Logger } from './shared/logger';
import { createStudioModule } from './studio/studio-module';
import { ChapterReleases } from './studio/chapter-releases';
import { WalletService } from './wallet/wallet-service';
import type { ReadingFanout } from '../rooms/reading/reading-room-deps';
import { ChapterReadingAccess } from './reading/chapter-reading-access';
import { createReadingModule } from './reading/reading-module';
import { DatabaseReadingStore } from './reading/database-reading-store';
import { LocalReadingFanout } from '../rooms/reading/local-reading-fanout';
import { ReadingComments } from './reading/reading-comments';
import { ReadingStats } from './reading/reading-stats';
import { RedisReadingFanout } from './reading/redis-reading-fanout';

export type { Services } from './module';

const REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600;
/** Listing pages and story details may lag plays by this much; a publish in this process clears them. */
const CATALOG_CACHE_TTL_MS = 2000;
/** Chapter layouts change only on a publish; another process's publish shows within this. */
const STORY_LAYOUT_TTL_MS = 10_000;

/** Every module server/modules.js declares, by name (the type-check fails if one has no factory). */
const MODULE_FACTORIES: Record<ModuleName, (deps: ModuleDeps) => ServerModule> = {
  game: createGameModule,
  accounts: createAccountsModule,
  catalog: createCatalogModule,
  studio: createStudioModule,
  payments: createPaymentsModule,
  reading: createReadingModule,
};

export interface StoryVerse {
  url: string;
  port: number;
  role: Role;
  transport: TransportKind | 'http';
  orm: MikroORM;
  /** The Colyseus server (roles `all` and `game`; reading it in a sidecar role throws). */
  gameServer: Server;
  services: Services;
  /** The modules this process runs (server/modules.js), in mounting order. */
  modules: readonly ServerModule[];
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

  const orm = await openDatabase(config.database);
  const jwtSecret = resolveJwtSecret(config.jwtSecret, config.dataDir);
  const signingKey = resolveSigningKey(config.certificateSigningKeyPem, config.dataDir);
  const declaredModules = modulesOf(config.role);
  const catalogChanges = await createCatalogChanges(config, declaredModules, logger);
  const readingFanout = await createReadingFanout(config, declaredModules, logger);
  const services = createServices(config, orm, clock, jwtSecret, signingKey, catalogChanges, readingFanout, logger);
  // Before anything can sign: a certificate must never name a key the registry does not list.
  await services.certificates.registerSigningKey();
  const assets = createAssetStore(config.assets.store);
  const deps: ModuleDeps = { config, orm, services, clock, logger, jwtSecret, requireUser: requireUser(services.accessTokens), assets };
  const modules = declaredModules.map((declared) => MODULE_FACTORIES[declared.name](deps));
  const contentProblems: ContentProblem[] = [];
  let stories = 0;
  for (const module of modules) {
    const started = await module.start?.();
    contentProblems.push(...(started?.contentProblems ?? []));
    stories += started?.storiesPublished ?? 0;
  }

  // A process hosting rooms serves REST on the game server's port; a sidecar is plain HTTP.
  const rooms = modules.flatMap((module) => module.rooms);
  const transport = rooms.length > 0 ? await createTransport(config.transport, logger, config.bindAddress) : null;
  const http = transport ? null : createHttpOnly();
  const serving = transport ?? http!;
  const metrics = new Metrics({ transport: serving.kind, role: config.role });
  let game: GameServer | null = null;
  if (transport) {
    game = createGameServer(config, transport, await createScaling(config.redisUrl), { orm, logger, metrics, stepCommits: () => services.storySessions.stepCommits });
    for (const room of rooms) await game.define(room);
  } else {
    registerRuntimeMetrics(metrics.registry, { dbPool: () => dbPoolState(orm) });
  }

  configureHttpApp(serving.expressApp, {
    orm,
    logger,
    metrics,
    trustProxy: config.trustProxy,
    roomSocketOrigins: config.roomSocketOrigins,
    startedAt,
    bodyReaders: modules.flatMap((module) => module.bodyReaders ?? []),
    routers: [requestLogRouter(logger, game ? 'debug' : 'info'), ...modules.flatMap((module) => module.routers)],
  });

  const port = await (game ? game.listen(config.port, config.bindAddress) : http!.listen(config.port, config.bindAddress));
  logger.info(
    { port, role: config.role, modules: modules.map((module) => module.name), transport: serving.kind, database: config.database.kind, presence: game?.scalingKind ?? 'none', stories },
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
    modules,
    contentProblems,
    close: async () => {
      // Modules stop first (timers, background work), in the reverse of their start order.
      for (const module of [...modules].reverse()) await module.stop?.();
      if (game) await game.close();
      else await http!.close();
      await catalogChanges.close();
      await readingFanout.close();
      await orm.close(true);
    },
  };
  // A sidecar has no game server: reading it is a mistake worth an explicit error.
  if (!game) Object.defineProperty(storyVerse, 'gameServer', { enumerable: false, get: () => { throw new Error(`the ${config.role} role runs no game server`); } });
  return storyVerse;
}

/**
 * Catalog changes across the cluster over Redis (REDIS_URL), on connections of their own, for the
 * processes that cache the catalog (its module, and the game's story sessions); in-process otherwise.
 */
async function createCatalogChanges(config: Config, declared: readonly ModuleDeclaration[], logger: Logger): Promise<CatalogChanges> {
  const cachesCatalog = declared.some((module) => module.role === 'catalog' || module.role === GAME_ROLE);
  if (config.redisUrl && cachesCatalog) return RedisCatalogChanges.connect(config.redisUrl, logger);
  return new LocalCatalogChanges();
}

/** Reading rooms' events across the cluster over Redis (REDIS_URL) for the processes that host rooms; in-process otherwise. */
async function createReadingFanout(config: Config, declared: readonly ModuleDeclaration[], logger: Logger): Promise<ReadingFanout> {
  const hostsRooms = declared.some((module) => module.role === GAME_ROLE);
  if (config.redisUrl && hostsRooms) return RedisReadingFanout.connect(config.redisUrl, logger);
  return new LocalReadingFanout();
}

function createServices(config: Config, orm: MikroORM, clock: Clock, jwtSecret: string, signingKey: SigningKey, catalogChanges: CatalogChanges, readingFanout: ReadingFanout, logger: Logger): Services {
  const em = orm.em;
  const accessTokens = new AccessTokens(jwtSecret, clock);
  const refreshTokens = new RefreshTokenStore({ em, clock, ttlSeconds: REFRESH_TOKEN_TTL_SECONDS });
  const statements = preparedStatements(orm);
  const wallet = new WalletService({ em, clock, rules: config.wallet, statements });
  const roles = new AccountRoles({ em, clock });
  const accounts = new AccountService({ em, statements, clock, accessTokens, refreshTokens, wallet, roles });
  const directory = new StoryDirectory({ em, clock, ttlMs: STORY_LAYOUT_TTL_MS });
  const catalog = new CatalogService({ em, clock, cacheTtlMs: CATALOG_CACHE_TTL_MS, directory });
  // A release or publish anywhere in the cluster: drop what this process caches about that story.
  catalogChanges.subscribe(({ storyId }) => {
    catalog.forget(storyId);
    directory.forget(storyId);
  });
  const chapterReleases = new ChapterReleases({ em, clock, changes: catalogChanges, logger });
  const writerShares = new WriterShareLedger({ statements, clock, sharePercent: config.earnings.writerSharePercent });
  const storySessions = new StorySessionService({ em, clock, wallet, directory, statements, writerShares, stepBatches: config.stepBatches });
  const previewSessions = new PreviewSessions({ em, wallet });
  const earnings = new EarningsService({ em });
  const payments = createPayments({ stripe: config.stripe, store: config.store, em, wallet, clock });
  const certificates = new CertificateService({ em, clock, signingKey });
  const readingAccess = new ChapterReadingAccess({ em, statements, directory });
  const readingStore = new DatabaseReadingStore({ statements, clock, batches: config.stepBatches });
  const readingComments = new ReadingComments({ em, clock, fanout: readingFanout, logger });
  const readingStats = new ReadingStats({ em, store: readingStore });
  return { accessTokens, accounts, roles, wallet, catalog, catalogChanges, chapterReleases, storySessions, previewSessions, earnings, payments, certificates, readingAccess, readingStore, readingFanout, readingComments, readingStats };
}
