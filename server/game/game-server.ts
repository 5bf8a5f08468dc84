import { matchMaker, Server } from '@colyseus/core';
import type { MikroORM } from '@mikro-orm/core';
import type { Config } from '../config/config';
import { dbPoolState } from '../database/pool-state';
import type { Metrics } from '../http/metrics';
import { registerRuntimeMetrics } from '../http/runtime-metrics';
import type { RoomDefinition } from '../module';
import { installPrototypeSchemaFields } from '../../rooms/shared/prototype-schema-fields';
import type { Logger } from '../shared/logger';
import { ClusterSweep, liveProcessSelector } from './cluster-matchmaking';
import type { Scaling } from './presence';
import type { ServingTransport } from './transport';

export interface GameServerDeps {
  orm: MikroORM;
  logger: Logger;
  metrics: Metrics;
  /** Group commit of story steps, for /metrics. */
  stepCommits?: () => { commits: number; writes: number };
}

export interface GameServer {
  server: Server;
  scalingKind: Scaling['kind'];
  /** Defines a module's room kind on this server (tracked by the cluster sweep, reporting to /metrics). */
  define(room: RoomDefinition): Promise<void>;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

/** The Colyseus server the rooms run on: matchmaking, room sockets, and the cluster's repairs. */
export function createGameServer(config: Config, serving: ServingTransport, scaling: Scaling, deps: GameServerDeps): GameServer {
  const { orm, logger, metrics } = deps;
  // Every join builds a room's state: its fields' accessors are defined once per class, not per instance.
  installPrototypeSchemaFields();
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
    ...(deps.stepCommits ? { stepCommits: deps.stepCommits } : {}),
  });
  return {
    server,
    scalingKind: scaling.kind,
    define: async (room) => {
      const handler = server.define(room.name, await room.create({ telemetry, writes: serving.writes }));
      if (room.filterBy) handler.filterBy(room.filterBy);
      if (room.sortBy) handler.sortBy(room.sortBy);
      sweep.track(handler);
    },
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
