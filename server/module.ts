import type { Server } from '@colyseus/core';
import type { MikroORM } from '@mikro-orm/core';
import type { RequestHandler, Router } from 'express';
import type { ContentProblem } from '../content-pipeline';
import type { RoomTelemetry } from '../rooms/shared/room-telemetry';
import type { AccessTokens } from './accounts/access-tokens';
import type { AccountRoles } from './accounts/account-roles';
import type { AccountService } from './accounts/account-service';
import type { AssetStore } from './assets/asset-store';
import type { CatalogChanges } from './catalog/catalog-changes';
import type { CatalogService } from './catalog/catalog-service';
import type { CertificateService } from './certificates/certificate-service';
import type { Config } from './config/config';
import type { EarningsService } from './earnings/earnings-service';
import { MODULES, type ModuleDeclaration, type ModuleName } from './modules.js';
import type { ClientWrites } from '../rooms/shared/client-writes';
import type { Payments } from './payments/create-payments';
import type { PreviewSessions } from './progress/preview-sessions';
import type { StorySessionService } from './progress/story-session-service';
import type { Clock } from './shared/clock';
import type { Logger } from './shared/logger';
import type { ChapterReleases } from './studio/chapter-releases';
import type { WalletService } from './wallet/wallet-service';
import type { ReadingAccess, ReadingFanout, ReadingStore } from '../rooms/reading/reading-room-deps';
import type { ReadingComments } from './reading/reading-comments';
import type { ReadingStats } from './reading/reading-stats';

/** The domain services, built once per process by the composition root (server/composition.ts). */
export interface Services {
  accessTokens: AccessTokens;
  accounts: AccountService;
  roles: AccountRoles;
  wallet: WalletService;
  catalog: CatalogService;
  /** "Story X changed", told to every process (each drops what it caches about it). */
  catalogChanges: CatalogChanges;
  /** Releases studio chapters at their release time; started by the catalog module (ReleaseNotifier for the studio). */
  chapterReleases: ChapterReleases;
  storySessions: StorySessionService;
  earnings: EarningsService;
  /** A writer's preview of their own chapter in the story room: saves and spends nothing. */
  previewSessions: PreviewSessions;
  payments: Payments;
  certificates: CertificateService;
  /** Reading rooms: who may join, what is written, how it fans out (in-process, or Redis in the cluster). */
  readingAccess: ReadingAccess;
  readingStore: ReadingStore;
  readingFanout: ReadingFanout;
  readingComments: ReadingComments;
  readingStats: ReadingStats;
}

/** What every `create…Module` may draw on; each takes only the part it needs. */
export interface ModuleDeps {
  config: Config;
  orm: MikroORM;
  services: Services;
  clock: Clock;
  logger: Logger;
  /** The secret access tokens are signed with (recordings pseudonymise players with it too). */
  jwtSecret: string;
  /** Middleware that answers 401 without a valid access token. */
  requireUser: RequestHandler;
  /** Where uploaded art and sound are kept (a local folder, or S3), by the SHA-256 of their bytes. */
  assets: AssetStore;
}

/** What the game server offers a room kind when it is defined. */
export interface RoomContext {
  telemetry: RoomTelemetry;
  /** The transport's way of sending several frames to a client in one write. */
  writes: ClientWrites;
}

/** A room class as Colyseus' `Server.define` takes it. */
export type RoomClass = Parameters<Server['define']>[1];

export interface RoomDefinition {
  /** The name clients create and join it by (`client.create(name, …)`). */
  name: string;
  /** The configured room class, built once the game server exists. */
  create(context: RoomContext): Promise<RoomClass> | RoomClass;
  /** Join options that must match for joinOrCreate to seat a client in an existing room (Colyseus filterBy). */
  filterBy?: string[];
  /** Which of those joinOrCreate prefers (Colyseus sortBy), e.g. `{ clients: -1 }`: the fullest first. */
  sortBy?: Record<string, 1 | -1>;
}

/** What a module's start hook found worth reporting (the composition root exposes and logs it). */
export interface ModuleStarted {
  contentProblems?: ContentProblem[];
  storiesPublished?: number;
}

/**
 * One area of the server as the composition root mounts it: its declaration from server/modules.js
 * (name, role, the routes nginx sends it), the Express routers that answer those routes, the room
 * kinds it hosts, and what it does once before the process listens.
 */
export interface ServerModule extends ModuleDeclaration {
  routers: Router[];
  /**
   * Mounted before the app-wide 64 KiB JSON parser, for routes that read larger bodies themselves
   * (a chapter upload); a body read here is not read again.
   */
  bodyReaders?: Router[];
  rooms: RoomDefinition[];
  start?(): Promise<ModuleStarted | void>;
  /** What it does when the process stops, before the database closes (cancel timers, finish background work). */
  stop?(): Promise<void>;
}

/** The declaration of `name` in server/modules.js, for a module factory to spread into its module. */
export function declaredModule(name: ModuleName): ModuleDeclaration {
  const declaration = MODULES.find((module) => module.name === name);
  if (!declaration) throw new Error(`server/modules.js declares no module ${name}`);
  return declaration;
}
