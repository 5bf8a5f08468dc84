/**
 * Studio chapters through the whole composition: a scheduled version is invisible to readers until
 * its release time, then listed, served by its content hash and playable — with no restart, by the
 * catalog's own release timer — and the writer previews a chapter without spending or saving anything.
 * Versions and drafts are written as the studio writes them (server/studio/release-test-kit.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from 'colyseus.js';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { STORY_ROOM } from '../rooms/story/protocol';
import { sha256Hex } from '../server/assets/content-hash';
import { LocalAssetStore } from '../server/assets/local-asset-store';
import { Story, StudioAsset } from '../server/database/entities';
import { createStudioStory, insertVersion, upsertDraft } from '../server/studio/release-test-kit';
import { act, inventory, newPlayer, openSession, ready, type Player, type Session } from './story-test-kit';
import { tinyPng } from './media-samples';
import { describeEachEngine } from './test-database';
import { startTestServer, type TestServer } from './test-server';

const FIXTURE_CONTENT = fileURLToPath(new URL('../rooms/story/fixtures/content', import.meta.url));
const RELEASE_IN_MS = 1500;

describeEachEngine('studio chapters for readers', (engine) => {
  let server: TestServer;
  let writer: Player;
  let reader: Player;
  const open: Session[] = [];
  const assetDir = mkdtempSync(join(tmpdir(), 'storyverse-assets-'));

  beforeAll(async () => {
    server = await startTestServer(engine, { CONTENT_DIR: FIXTURE_CONTENT, WELCOME_DIAMONDS: '20', ASSET_STORE_URL: assetDir });
    const registered = await server.call('POST', '/v1/auth/register', { body: { email: `writer-${engine}@example.com`, password: 'correct horse battery', displayName: 'Writer' } });
    writer = { token: registered.json.accessToken, userId: registered.json.user.id };
    reader = await newPlayer(server);
  }, 60_000);
  afterEach(async () => {
    for (const session of open.splice(0)) if (session.room.connection.isOpen) await session.room.leave().catch(() => undefined);
  });
  afterAll(async () => {
    await server?.close();
    rmSync(assetDir, { recursive: true, force: true });
  });

  const em = () => server.orm.em;
  const session = async (player: Player, options: Parameters<typeof openSession>[2]) => {
    const opened = await ready(await openSession(server, player, options));
    open.push(opened);
    return opened;
  };
  const refusal = (player: Player, options: object) => {
    const client = new Client(`ws://127.0.0.1:${server.port}`);
    client.auth.token = player.token;
    return client.create(STORY_ROOM, options);
  };

  it('keeps a scheduled chapter from readers until its release time, then lists it, serves it by its hash and plays it, without a restart', async () => {
    const storyId = 'tide-clock';
    const chapterId = 'tide-clock-ch1';
    await createStudioStory(em(), writer.userId, storyId);
    // An uploaded background, as the studio files it: the blob in the asset store, its path in studio_assets.
    const png = tinyPng();
    await new LocalAssetStore(assetDir).put({ sha256: sha256Hex(png), contentType: 'image/png', bytes: png });
    const fork = em().fork();
    fork.create(StudioAsset, { story: storyId, path: 'assets/bg.png', sha256: sha256Hex(png), contentType: 'image/png', size: png.length, updatedAt: new Date() });
    await fork.flush();
    const version = await insertVersion(em(), { storyId, chapterId, version: 1, releaseAt: new Date(Date.now() + RELEASE_IN_MS) });
    await server.services.chapterReleases.published();

    // Before: nothing of it anywhere a reader looks (and the caches now hold that answer).
    expect((await server.call('GET', `/v1/stories/${storyId}`)).status).toBe(404);
    expect((await server.call('GET', '/v1/stories?sort=new')).json.items.map((s: { id: string }) => s.id)).not.toContain(storyId);
    expect((await server.call('GET', `/v1/chapters/${chapterId}/bundle`)).status).toBe(404);
    expect((await server.call('GET', `/v1/chapters/${chapterId}/bundle?v=${version.sha256}`)).status).toBe(404);
    await expect(refusal(reader, { storyId, chapterId })).rejects.toThrow(/STORY_NOT_FOUND/);
    expect((await server.call('GET', `/v1/stories/${storyId}/assets/assets/bg.png`)).status).toBe(404);

    // The release timer fires: no request, no restart.
    const deadline = Date.now() + 10_000;
    let detail = await server.call('GET', `/v1/stories/${storyId}`);
    while (detail.status !== 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      detail = await server.call('GET', `/v1/stories/${storyId}`);
    }
    expect(detail.status).toBe(200);
    expect(detail.json.chapters.map((c: { id: string }) => c.id)).toEqual([chapterId]);
    expect((await server.call('GET', '/v1/stories?sort=new')).json.items[0].id).toBe(storyId);
    const plain = await server.call('GET', `/v1/chapters/${chapterId}/bundle`);
    expect(plain.status).toBe(302);
    const hashed = new URL(plain.headers.get('location')!, 'http://x');
    expect(hashed.searchParams.get('v')).toBe(version.sha256);
    const bundle = await server.call('GET', `${hashed.pathname}${hashed.search}`);
    expect(bundle.status).toBe(200);
    expect(bundle.json).toMatchObject({ id: chapterId, storyId });
    const art = await fetch(`http://127.0.0.1:${server.port}/v1/stories/${storyId}/assets/assets/bg.png`);
    expect(art.status).toBe(200);
    expect(art.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await art.arrayBuffer()).equals(png)).toBe(true);

    const played = await session(reader, { storyId, chapterId });
    expect(played.room.state).toMatchObject({ chapterId, sceneId: 'opening', preview: false });
    await act(played, 'advance');
    await act(played, 'choose', { choiceId: 'gilded' });
    expect(played.room.state).toMatchObject({ sceneId: 'end', diamonds: 15 });
  }, 30_000);

  it("lets the writer preview a draft: no key spent, premium choices free, nothing saved, no play counted; anyone else is refused", async () => {
    const storyId = 'quiet-draft';
    const chapterId = 'quiet-draft-ch1';
    await createStudioStory(em(), writer.userId, storyId);
    await upsertDraft(em(), { storyId, chapterId, line: 'Only the writer hears this.' });
    const before = await inventory(server, writer);

    const preview = await session(writer, { storyId, chapterId, preview: true });
    expect(preview.room.state).toMatchObject({ preview: true, chapterId, sceneId: 'opening', keys: before.keys, diamonds: before.diamonds });
    expect(preview.room.state.timeline.map((line) => line.text)).toEqual(['Only the writer hears this.']);
    await act(preview, 'advance');
    expect(preview.room.state.choices.map((c) => [c.id, c.cost])).toEqual([['plain', 0], ['gilded', 5]]);
    await act(preview, 'choose', { choiceId: 'gilded' });
    expect(preview.room.state).toMatchObject({ sceneId: 'end', status: 'ended', diamonds: before.diamonds });

    expect(await inventory(server, writer)).toEqual(before);
    expect((await server.call('GET', `/v1/progress/${storyId}`, { token: writer.token })).status).toBe(404);
    expect((await em().fork().findOneOrFail(Story, { id: storyId })).plays).toBe(0);
    // Still a draft for readers.
    expect((await server.call('GET', `/v1/stories/${storyId}`)).status).toBe(404);

    await expect(refusal(reader, { storyId, chapterId, preview: true })).rejects.toMatchObject({ code: 403, message: expect.stringMatching(/^NOT_YOUR_STORY: /) });
    await expect(refusal(reader, { storyId: 'no-such-story', chapterId, preview: true })).rejects.toThrow(/NOT_YOUR_STORY/);
    await expect(refusal(writer, { storyId, chapterId: 'quiet-draft-ch9', preview: true })).rejects.toMatchObject({ code: 404, message: expect.stringMatching(/^CHAPTER_NOT_FOUND: /) });
  }, 30_000);
});
