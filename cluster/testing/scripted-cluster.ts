/**
 * `npm run cluster:start` as a newcomer runs it, in a world of its own: a private redis-server, a
 * scratch PostgreSQL database, its own PM2 daemon and CLUSTER_NAME (the machine's PM2 and any other
 * cluster stay untouched), on a free block of ports. `stop()` runs `cluster:stop` and removes it all.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScratchPostgres, type ScratchPostgres } from '../../server/database/scratch-postgres';
import { freeBlock, PrivateRedis } from './cluster-harness';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export class ScriptedCluster {
  /** What `cluster:start` printed and how it ended. */
  started!: SpawnSyncReturns<string>;

  private constructor(
    readonly env: NodeJS.ProcessEnv,
    /** The origin's port; sidecars at +1..+3, game processes at +11, +12. */
    readonly port: number,
    private readonly redis: PrivateRedis,
    private readonly scratch: ScratchPostgres,
  ) {}

  /** Two game processes; `settings` are added to (or override) the cluster's environment. */
  static async start(settings: NodeJS.ProcessEnv = {}): Promise<ScriptedCluster> {
    const redis = await PrivateRedis.start();
    const scratch = await createScratchPostgres();
    const port = await freeBlock();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      CLUSTER_NAME: `svtest-${process.pid}-${port}`,
      PM2_HOME: mkdtempSync(join(tmpdir(), 'sv-pm2-')),
      CLUSTER_PORT: String(port),
      GAME_PROCESSES: '2',
      DATABASE_URL: scratch.url,
      REDIS_URL: redis.url,
      JWT_SECRET: 'cluster-start-test-secret-0123456789abcdef',
      ...settings,
    };
    const cluster = new ScriptedCluster(env, port, redis, scratch);
    cluster.started = cluster.run('start');
    return cluster;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get name(): string {
    return this.env.CLUSTER_NAME!;
  }

  /** Where nginx and the PM2 daemon write their logs. */
  get logDirs(): { cluster: string; pm2: string } {
    return { cluster: join(ROOT, '.cluster', this.name), pm2: join(this.env.PM2_HOME!, 'logs') };
  }

  /** `cluster:<command>` with this cluster's environment. */
  run(command: 'start' | 'status' | 'stop'): SpawnSyncReturns<string> {
    return spawnSync(process.execPath, ['--import', 'tsx', 'cluster/cluster.ts', command], { cwd: ROOT, env: this.env, encoding: 'utf8', timeout: 120_000 });
  }

  /** pm2 with this cluster's daemon. */
  pm2(...args: string[]): SpawnSyncReturns<string> {
    return spawnSync(join(ROOT, 'node_modules/.bin/pm2'), args, { env: this.env, encoding: 'utf8', timeout: 30_000 });
  }

  async stop(): Promise<void> {
    this.run('stop');
    this.pm2('kill');
    rmSync(this.env.PM2_HOME!, { recursive: true, force: true });
    rmSync(join(ROOT, '.cluster', this.name), { recursive: true, force: true });
    await this.redis.down();
    await this.scratch.drop();
  }
}
