import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES } from '../server/config/config';
import { MODULE_ROLES } from '../server/modules.js';

interface Ecosystem {
  SHARED_SETTINGS: string[];
  PER_PROCESS_SETTINGS: string[];
  apps: { name: string; env: Record<string, string> }[];
}

const load = async (query = ''): Promise<Ecosystem> => (await import(pathToFileURL(`${process.cwd()}/ecosystem.config.js`).href + query)) as Ecosystem;

describe('ecosystem.config.js', () => {
  it('passes every configuration variable on to the processes, or sets it per process', async () => {
    const ecosystem = await load();
    const handled = new Set([...ecosystem.SHARED_SETTINGS, ...ecosystem.PER_PROCESS_SETTINGS]);
    expect(CONFIG_VARIABLES.filter((name) => !handled.has(name))).toEqual([]);
  });

  it('runs every role the modules declare (server/modules.js), game processes with their own port and public address', async () => {
    const { apps } = await load();
    expect(new Set(apps.map((app) => app.env.ROLE))).toEqual(new Set(MODULE_ROLES));
    expect(MODULE_ROLES).toEqual(expect.arrayContaining(['accounts', 'catalog', 'payments', 'game']));
    expect(new Set(apps.map((app) => app.env.PORT)).size).toBe(apps.length);
    const games = apps.filter((app) => app.env.ROLE === 'game');
    expect(games.length).toBeGreaterThanOrEqual(1);
    expect(new Set(games.map((game) => game.env.PORT)).size).toBe(games.length);
    expect(new Set(games.map((game) => game.env.PUBLIC_ADDRESS)).size).toBe(games.length);
  });

  it('with direct room sockets, gives each game process its own address and every page the CSP to reach them', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { CLUSTER_ROOM_SOCKETS: 'direct', CLUSTER_PORT: '8090', GAME_PROCESSES: '2' });
    try {
      // A query of its own: the module reads the environment when it is evaluated.
      const { apps } = await load('?direct');
      const games = apps.filter((app) => app.env.ROLE === 'game');
      expect(games.map((game) => [game.env.PUBLIC_ADDRESS, game.env.BIND_ADDRESS])).toEqual([
        ['127.0.0.1:8101', '127.0.0.1'],
        ['127.0.0.1:8102', '127.0.0.1'],
      ]);
      for (const app of apps) expect(app.env.ROOM_SOCKET_ORIGINS, app.name).toBe('ws://127.0.0.1:8101,wss://127.0.0.1:8101,ws://127.0.0.1:8102,wss://127.0.0.1:8102');
    } finally {
      for (const name of ['CLUSTER_ROOM_SOCKETS', 'CLUSTER_PORT', 'GAME_PROCESSES']) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
    }
  });
});
