import { describe, expect, it } from 'vitest';
import { startTestServer } from '../testing/test-server';
import { RunStats } from './run-stats';
import { StorySession } from './story-session';
import { GuestAccount } from './storyverse-api';

// A file of its own: the server stops under the player, and one test worker holds one server.
describe('StorySession when the server goes away', () => {
  it('counts the dropped socket as DISCONNECTED, once, and a leave afterwards changes nothing', async () => {
    const server = await startTestServer('sqlite');
    const target = `http://127.0.0.1:${server.port}`;
    const stats = new RunStats();
    const session = await StorySession.open(target, await (await GuestAccount.create(target)).accessToken(), { storyId: 'the-lantern-keeper' }, stats);
    expect(stats.connected).toBe(1);
    await server.close();
    await expect.poll(() => session.open).toBe(false);
    expect(stats.connected).toBe(0);
    expect(Object.fromEntries(stats.errorsByCode)).toEqual({ DISCONNECTED: 1 });
    await session.leave();
    expect(stats.connected).toBe(0);
  });
});
