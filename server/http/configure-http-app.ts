import type { MikroORM } from '@mikro-orm/core';
import express, { type Express, type Router } from 'express';
import type { Logger } from '../shared/logger';
import { errorHandler, notFoundHandler } from './error-handler';
import { healthHandler } from './health';
import { keepRawBody } from './raw-body';
import type { Metrics } from './metrics';
import { requestId } from './request-id';
import { SANDBOX_PAGE_STYLE } from '../payments/sandbox-page';
import { secureMatchmakingAnswers, securityHeaders } from './security-headers';

export interface HttpAppDeps {
  orm: MikroORM;
  logger: Logger;
  metrics: Metrics;
  routers: Router[];
  /** Routers that read their own (larger) bodies: mounted before the app-wide JSON parser. */
  bodyReaders?: Router[];
  trustProxy: boolean;
  /** Where else pages may open room sockets (config.roomSocketOrigins). */
  roomSocketOrigins?: string[];
  startedAt: Date;
}

/**
 * The REST surface on whichever Express app the transport provides (plain Express for ws,
 * uwebsockets-express for uWS): the security headers, shared middleware, the sidecar routers, then the 404 and error
 * handlers that give every failure the DESIGN.md error shape.
 */
export function configureHttpApp(app: Express, deps: HttpAppDeps): void {
  app.set('x-powered-by', false);
  app.set('trust proxy', deps.trustProxy);
  // First, so every answer carries them: 404s, errors, /healthz and /metrics included.
  const headers = { trustProxy: deps.trustProxy, inlineStyles: [SANDBOX_PAGE_STYLE], roomSocketOrigins: deps.roomSocketOrigins };
  app.use(securityHeaders(headers));
  secureMatchmakingAnswers(headers);
  app.use(requestId);
  app.use(deps.metrics.middleware);
  app.get('/healthz', healthHandler(deps.orm, deps.startedAt));
  app.get('/metrics', deps.metrics.handler);
  for (const reader of deps.bodyReaders ?? []) app.use(reader);
  app.use(express.json({ limit: '64kb', strict: false, verify: keepRawBody }));
  // No MikroORM RequestContext: services fork their own entity manager (the global one refuses
  // context-specific work, allowGlobalContext: false), and a request-wide context would keep Node
  // 20's promise hooks on for the whole process (server/database/async-context-scope.ts).
  for (const router of deps.routers) app.use(router);
  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
}
