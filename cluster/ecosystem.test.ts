import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES } from '../server/config/config';
import { MODULE_ROLES } from '../server/modules.js';

interface Ecosystem {
  SHARED_SETTINGS: string[];
  PER_PROCESS_SETTINGS: string[];
  apps: { name: string; env: Record<string, string> }[];
}

const load = async (): Promise<Ecosystem> => (await import(pathToFileURL(`${process.cwd()}/ecosystem.config.js`).href)) as Ecosystem;

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
});
