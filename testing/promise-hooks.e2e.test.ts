import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { promiseHooksOn } from '../server/database/async-context-scope';
import { describeEachEngine } from './test-database';
import { startTestServer, type TestServer } from './test-server';
import { act, inventory, newPlayer, openSession, ready } from './story-test-kit';

const FIXTURE_CONTENT = fileURLToPath(new URL('../rooms/story/fixtures/content', import.meta.url));

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

// On Node 20 one entered AsyncLocalStorage used to keep promise hooks on for the rest of the process:
// every promise of every step paid for them (server/database/async-context-scope.ts).
describeEachEngine('promise hooks in the embedded server', (engine) => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer(engine, { CONTENT_DIR: FIXTURE_CONTENT }); });
  afterAll(async () => { await server?.close(); });

  it('are off after start-up, REST writes and reads, a join and story steps', async () => {
    await settle();
    expect(await promiseHooksOn()).toBe(false);
    const player = await newPlayer(server);
    expect((await inventory(server, player)).keys).toBeGreaterThan(0);
    expect((await server.call('GET', '/v1/stories')).status).toBe(200);
    const session = await ready(await openSession(server, player, { storyId: 'tide-test' }));
    await act(session, 'advance');
    expect(session.room.state.sceneId).toBe('fork');
    await session.room.leave();
    await settle();
    expect(await promiseHooksOn()).toBe(false);
  });
});
