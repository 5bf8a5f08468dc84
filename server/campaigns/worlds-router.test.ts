import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/test-server';

describe('GET /v1/worlds', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(() => server.close());

  it('lists the campaign worlds of the content dir', async () => {
    const response = await server.call('GET', '/v1/worlds');
    expect(response.status).toBe(200);
    expect(response.json.items).toContainEqual(expect.objectContaining({ id: 'the-glass-orchard', title: 'The Glass Orchard', locations: 5, quests: 3 }));
  });
});
