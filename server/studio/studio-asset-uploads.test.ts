import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { StudioAsset } from '../database/entities';
import { describeEachEngine } from '../../testing/test-database';
import { startTestServer, type TestServer } from '../../testing/test-server';
import { tinyMp3, tinyPng } from '../../testing/media-samples';
import { registerWriter, sampleChapter, signInAsGuest, uploadAsset, writerWithStory } from './studio-test-kit';

const MAX_BYTES = 4096;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describeEachEngine('studio asset uploads over HTTP', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine, { AUTH_RATE_LIMIT_PER_MINUTE: '100000', STUDIO_MAX_ASSET_BYTES: String(MAX_BYTES) });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  const assetRows = (storyId: string) => server.orm.em.fork().find(StudioAsset, { story: storyId }, { orderBy: { path: 'asc' } });

  it('stores an upload by its hash, files it under its path, and serves it at its content-hashed URL', async () => {
    const { token, storyId } = await writerWithStory(server);
    const png = tinyPng();
    const uploaded = await uploadAsset(server, token, storyId, 'assets/bg.png', png, 'image/png');
    expect(uploaded.status).toBe(201);
    expect(uploaded.json).toEqual({ path: 'assets/bg.png', sha256: sha256(png), url: `/v1/assets/${sha256(png)}` });

    const served = await fetch(`http://127.0.0.1:${server.port}${uploaded.json.url}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer())).toEqual(png);

    const story = (await server.call('GET', `/v1/studio/stories/${storyId}`, { token })).json.story;
    expect(story.assets).toEqual([{ path: 'assets/bg.png', sha256: sha256(png), contentType: 'image/png', size: png.length, url: uploaded.json.url }]);
  });

  it('replaces what a path names when it is uploaded again', async () => {
    const { token, storyId } = await writerWithStory(server);
    const first = tinyPng();
    const second = Buffer.concat([tinyPng(), Buffer.from('trailing bytes make another file')]);
    await uploadAsset(server, token, storyId, 'assets/bg.png', first, 'image/png');
    const again = await uploadAsset(server, token, storyId, 'assets/bg.png', second, 'image/png');
    expect([again.status, again.json.sha256]).toEqual([201, sha256(second)]);
    expect((await assetRows(storyId)).map((a) => [a.path, a.sha256, a.size])).toEqual([['assets/bg.png', sha256(second), second.length]]);
  });

  it('makes a chapter that names the asset clean, and the image a possible cover (a sound is not)', async () => {
    const { token, storyId } = await writerWithStory(server);
    const chapter = sampleChapter({ background: 'assets/bg.png' });
    chapter.scenes.opening.music = 'assets/theme.mp3';
    const path = `/v1/studio/stories/${storyId}/chapters/${storyId}-ch1`;
    const before = await server.call('PUT', path, { token, body: chapter });
    expect(before.json.error.details.problems.map((p: { code: string }) => p.code)).toEqual(['MISSING_ASSET', 'MISSING_ASSET', 'MISSING_ASSET', 'MISSING_ASSET']);
    await uploadAsset(server, token, storyId, 'assets/bg.png', tinyPng(), 'image/png');
    await uploadAsset(server, token, storyId, 'assets/theme.mp3', tinyMp3(), 'audio/mpeg');
    const after = await server.call('PUT', path, { token, body: chapter });
    expect([after.status, after.json.problems]).toEqual([200, []]);

    const cover = await server.call('PATCH', `/v1/studio/stories/${storyId}`, { token, body: { cover: 'assets/bg.png' } });
    expect([cover.status, cover.json.story.cover]).toEqual([200, 'assets/bg.png']);
    const sound = await server.call('PATCH', `/v1/studio/stories/${storyId}`, { token, body: { cover: 'assets/theme.mp3' } });
    expect([sound.status, sound.json.error.code]).toEqual([400, 'COVER_NOT_AN_IMAGE']);
  });

  it('refuses a path that climbs or is odd (400), another type (415), too many bytes (413), storing nothing', async () => {
    const { token, storyId } = await writerWithStory(server);
    const png = tinyPng();
    for (const path of ['..%2F..%2Fevil.png', 'assets/..%2F..%2Fevil.png', '%2Fetc%2Fevil.png', 'assets/.hidden.png', 'assets/a%00b.png', 'assets/a%20b.png', 'assets/bg.jpg']) {
      const answer = await uploadAsset(server, token, storyId, path, png, 'image/png');
      expect([answer.status, answer.json?.error?.code], path).toEqual([400, 'INVALID_ASSET_PATH']);
    }
    const exe = await uploadAsset(server, token, storyId, 'assets/x.exe', png, 'application/x-msdownload');
    expect([exe.status, exe.json.error.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const svg = await uploadAsset(server, token, storyId, 'assets/x.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/svg+xml');
    expect(svg.status).toBe(415);
    const lying = await uploadAsset(server, token, storyId, 'assets/x.png', Buffer.from('MZ this is not a png'), 'image/png');
    expect(lying.status).toBe(415);
    const big = await uploadAsset(server, token, storyId, 'assets/big.png', Buffer.concat([png, Buffer.alloc(MAX_BYTES)]), 'image/png');
    expect([big.status, big.json.error.code, big.json.error.details.maxBytes]).toEqual([413, 'ASSET_TOO_LARGE', MAX_BYTES]);
    expect(await assetRows(storyId)).toEqual([]);
  });

  it('refuses another account (403), a guest (403), no token (401) and an unknown story (404), storing nothing', async () => {
    const { storyId } = await writerWithStory(server);
    const other = await registerWriter(server);
    const guest = await signInAsGuest(server);
    const bytes = Buffer.concat([tinyPng(), Buffer.from(`only here ${storyId}`)]);
    const cases: [string | undefined, string, number, string][] = [
      [other.token, storyId, 403, 'NOT_YOUR_STORY'],
      [guest.token, storyId, 403, 'GUEST_NOT_ALLOWED'],
      [undefined, storyId, 401, 'UNAUTHENTICATED'],
      [other.token, 'no-such-story', 404, 'STORY_NOT_FOUND'],
    ];
    for (const [token, story, status, code] of cases) {
      const answer = await uploadAsset(server, token, story, 'assets/bg.png', bytes, 'image/png');
      expect([answer.status, answer.json.error.code]).toEqual([status, code]);
    }
    expect(await assetRows(storyId)).toEqual([]);
    expect((await fetch(`http://127.0.0.1:${server.port}/v1/assets/${sha256(bytes)}`)).status).toBe(404);
  });
});
