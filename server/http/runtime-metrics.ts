import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { RoomTelemetry } from '../../rooms/shared/room-telemetry';

/** What a process can report about itself; each source is optional (a sidecar hosts no rooms). */
export interface RuntimeSources {
  /** Connected clients on this process. */
  ccu?: () => number;
  /** Rooms hosted here, by kind. */
  roomsByKind?: () => Map<string, number>;
  /** The database connection pool, when the driver has one (PostgreSQL). */
  dbPool?: () => { used: number; free: number; pending: number } | null;
  /** Redis connections by role (presence pub/sub, driver): 1 when ready. */
  redis?: () => Record<string, boolean>;
  /** Group commit of story steps: commits run and the steps they carried. */
  stepCommits?: () => { commits: number; writes: number };
}

/**
 * Room and infrastructure metrics on a process's registry: CCU, rooms by kind, room messages
 * (rate() gives messages per second), step latency, DB pool and Redis connection state.
 * Returns the RoomTelemetry the rooms report through.
 */
export function registerRuntimeMetrics(registry: Registry, sources: RuntimeSources): RoomTelemetry {
  const registers = [registry];
  const messages = new Counter({ name: 'storyverse_room_messages_total', help: 'Client messages received by rooms, by room kind', labelNames: ['room'] as const, registers });
  const steps = new Histogram({
    name: 'storyverse_room_step_seconds',
    help: 'Time from a room message (choice or advance) to its saved result, by room kind and step',
    labelNames: ['room', 'step'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers,
  });
  if (sources.ccu) {
    const ccu = sources.ccu;
    new Gauge({ name: 'storyverse_ccu', help: 'Clients connected to rooms on this process', registers, collect() { this.set(ccu()); } });
  }
  if (sources.roomsByKind) {
    const rooms = sources.roomsByKind;
    new Gauge({
      name: 'storyverse_rooms',
      help: 'Rooms hosted by this process, by kind',
      labelNames: ['room'] as const,
      registers,
      collect() {
        this.reset();
        for (const [room, count] of rooms()) this.set({ room }, count);
      },
    });
  }
  if (sources.stepCommits) {
    const totals = sources.stepCommits;
    const counter = (name: string, help: string, read: (t: { commits: number; writes: number }) => number) =>
      new Counter({ name, help, registers, collect() { this.reset(); this.inc(read(totals())); } });
    counter('storyverse_step_commits_total', 'Commits of story steps (group commit: one carries every step that arrived meanwhile)', (t) => t.commits);
    counter('storyverse_step_commit_steps_total', 'Story steps written by those commits (÷ commits: steps per commit)', (t) => t.writes);
  }
  if (sources.dbPool) {
    const pool = sources.dbPool;
    new Gauge({
      name: 'storyverse_db_pool_connections',
      help: 'Database pool connections by state (used, free, pending acquires)',
      labelNames: ['state'] as const,
      registers,
      collect() {
        const p = pool();
        if (!p) return;
        this.set({ state: 'used' }, p.used);
        this.set({ state: 'free' }, p.free);
        this.set({ state: 'pending' }, p.pending);
      },
    });
  }
  if (sources.redis) {
    const redis = sources.redis;
    new Gauge({
      name: 'storyverse_redis_up',
      help: 'Redis connections by role: 1 when ready, 0 while disconnected or reconnecting',
      labelNames: ['connection'] as const,
      registers,
      collect() {
        for (const [connection, up] of Object.entries(redis())) this.set({ connection }, up ? 1 : 0);
      },
    });
  }
  return {
    message: (room) => messages.inc({ room }),
    step: (room, step, seconds) => steps.observe({ room, step }, seconds),
  };
}
