import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/test-server';

describe('campaign worlds over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(() => server.close());
  const get = (path: string) => fetch(`http://127.0.0.1:${server.port}${path}`);

  it('GET /v1/worlds lists the campaign worlds of the content dir', async () => {
    const response = await server.call('GET', '/v1/worlds');
    expect(response.status).toBe(200);
    expect(response.json.items).toContainEqual(expect.objectContaining({ id: 'the-glass-orchard', title: 'The Glass Orchard', locations: 5, quests: 3 }));
  });

  it("GET /v1/worlds/:worldId/assets/* serves a location's background, sandboxed and cached", async () => {
    const response = await get('/v1/worlds/the-glass-orchard/assets/assets/backgrounds/kiln-row.svg');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml');
    expect(response.headers.get('content-security-policy')).toContain('sandbox');
    expect(response.headers.get('cache-control')).toBe('public, max-age=86400');
    expect(await response.text()).toContain('<svg');
  });

  it('serves nothing the world does not reference', async () => {
    for (const path of ['/v1/worlds/the-glass-orchard/assets/world.json', '/v1/worlds/the-glass-orchard/assets/assets/backgrounds/%2e%2e%2f%2e%2e%2fworld.json', '/v1/worlds/nowhere/assets/assets/backgrounds/kiln-row.svg']) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect((await response.json()).error.code, path).toBe('ASSET_NOT_FOUND');
    }
  });
});
