/**
 * The composition root: the one place that chooses SQLite or PostgreSQL, local or Redis
 * presence, uWS or ws, and wires services into the sidecars and the game server.
 */
import { fileURLToPath } from 'node:url';
import { Server } from '@colyseus/core';
import { STORY_ROOM } from '../rooms/story/protocol';
import { storyRoom } from '../rooms/story/StoryRoom';
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
import type { Config } from './config/config';
import { openDatabase } from './database/open-database';
import { createScaling } from './game/presence';
import { JsonlSessionRecorder } from './recording/jsonl-session-recorder';
import { noRecording } from '../rooms/shared/session-recorder';
import { createTransport, type TransportKind } from './game/transport';
import { configureHttpApp } from './http/configure-http-app';
import { Metrics } from './http/metrics';
import { requireUser } from './http/require-user';
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
  transport: TransportKind;
  orm: MikroORM;
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
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const startedAt = clock.now();

  const orm = await openDatabase(config.database);
  const jwtSecret = resolveJwtSecret(config.jwtSecret, config.dataDir);
  const services = createServices(config, orm, clock, jwtSecret);
  const content = await loadContentDir(config.contentDir);
  for (const problem of content.problems) logger[problem.severity === 'error' ? 'error' : 'warn'](problem, `content: ${problem.file}${problem.sceneId ? ` scene ${problem.sceneId}` : ''}: ${problem.message}`);
  const published = await services.catalog.publish(content.stories);
  for (const rejected of published.rejected) logger.error(rejected, `catalog: story ${rejected.storyId} not published: ${rejected.reason}`);
  logger.info({ added: published.storiesAdded, updated: published.storiesUpdated, unlisted: published.storiesUnlisted }, `catalog: ${content.stories.length - published.rejected.length} stories published`);

  const serving = await createTransport(config.transport, logger);
  const scaling = await createScaling(config.redisUrl);
  const gameServer = new Server({
    transport: serving.transport,
    presence: scaling.presence,
    driver: scaling.driver,
    publicAddress: config.publicAddress,
    gracefullyShutdown: false,
    greet: false,
  });
  const recorder = config.recording.rooms.size > 0
    ? new JsonlSessionRecorder({ ...config.recording, pseudonymKey: jwtSecret, clock, logger })
    : noRecording;
  gameServer.define(STORY_ROOM, storyRoom({ sessions: services.storySessions, auth: services.accessTokens, clock, logger, recorder }));

  const userAuth = requireUser(services.accessTokens);
  configureHttpApp(serving.expressApp, {
    orm,
    logger,
    metrics: new Metrics({ transport: serving.kind }),
    trustProxy: config.trustProxy,
    startedAt,
    routers: [
      accountsRouter({
        accounts: services.accounts,
        requireUser: userAuth,
        credentialLimit: authRateLimit(config.authRateLimitPerMinute, config.trustProxy),
        guestLimit: authRateLimit(config.guestRateLimitPerMinute, config.trustProxy),
      }),
      walletRouter({ wallet: services.wallet, requireUser: userAuth }),
      catalogRouter({ catalog: services.catalog }),
      progressRouter({ sessions: services.storySessions, requireUser: userAuth }),
      services.payments.router(userAuth),
      webClientRouter(WEB_CLIENT_DIR),
    ],
  });

  await gameServer.listen(config.port);
  const port = serving.boundPort(config.port);
  logger.info(
    { port, transport: serving.kind, database: config.database.kind, presence: scaling.kind, stories: content.stories.length },
    `StoryVerse listening with the ${serving.kind} transport, ${config.database.kind}, ${scaling.kind} presence`,
  );

  return {
    url: `http://localhost:${port}`,
    port,
    transport: serving.kind,
    orm,
    gameServer,
    services,
    contentProblems: content.problems,
    close: async () => {
      await gameServer.gracefullyShutdown(false);
      await orm.close(true);
    },
  };
}

function createServices(config: Config, orm: MikroORM, clock: Clock, jwtSecret: string): Services {
  const em = orm.em;
  const accessTokens = new AccessTokens(jwtSecret, clock);
  const refreshTokens = new RefreshTokenStore({ em, clock, ttlSeconds: REFRESH_TOKEN_TTL_SECONDS });
  const wallet = new WalletService({ em, clock, rules: config.wallet });
  const accounts = new AccountService({ em, clock, accessTokens, refreshTokens, wallet });
  const directory = new StoryDirectory({ em, clock, ttlMs: STORY_LAYOUT_TTL_MS });
  const catalog = new CatalogService({ em, clock, cacheTtlMs: CATALOG_CACHE_TTL_MS, directory });
  const storySessions = new StorySessionService({ em, clock, wallet, directory });
  const payments = createPayments({ stripe: config.stripe, packs: config.store.packs, em, wallet, clock });
  return { accessTokens, accounts, wallet, catalog, storySessions, payments };
}
