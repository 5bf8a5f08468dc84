import { afterAll, beforeAll, expect, it } from 'vitest';
import { Story } from '../database/entities';
import { describeEachEngine } from '../../testing/test-database';
import { startTestServer, type TestServer } from '../../testing/test-server';
import { createStory, registerWriter, signInAsGuest } from './studio-test-kit';

const TIDE = { title: 'The Tide Clock', description: 'A clock that keeps the sea.', genre: 'Mystery' };

describeEachEngine('studio stories over HTTP', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine, { AUTH_RATE_LIMIT_PER_MINUTE: '100000' });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  const storyRow = (id: string) => server.orm.em.fork().findOne(Story, { id });

  it('creates an unlisted studio story owned by the writer, its id made from the title', async () => {
    const writer = await registerWriter(server);
    const title = `The Tide Clock ${Date.now()}`;
    const created = await server.call('POST', '/v1/studio/stories', { token: writer.token, body: { ...TIDE, title } });
    expect(created.status).toBe(201);
    expect(created.json.story).toEqual({
      id: `the-tide-clock-${title.split(' ').at(-1)}`,
      title,
      description: TIDE.description,
      genre: 'mystery',
      cover: null,
      listed: false,
      createdAt: expect.any(String),
      chapters: [],
      assets: [],
    });
    const row = await storyRow(created.json.story.id);
    expect(row).toMatchObject({ origin: 'studio', listed: false, owner: { id: writer.userId } });
    // Readers do not see it.
    expect((await server.call('GET', `/v1/stories/${created.json.story.id}`)).status).toBe(404);
  });

  it('adds a short suffix when a title slug is taken, by any story', async () => {
    const writer = await registerWriter(server);
    const contentStoryId = (await server.call('GET', '/v1/stories')).json.items[0].id as string;
    const contentTitle = (await storyRow(contentStoryId))!.title;
    const again = await server.call('POST', '/v1/studio/stories', { token: writer.token, body: { ...TIDE, title: contentTitle } });
    expect(again.status).toBe(201);
    expect(again.json.story.id).toMatch(new RegExp(`^${contentStoryId}-[a-z0-9]{4,5}$`));
    const twice = await server.call('POST', '/v1/studio/stories', { token: writer.token, body: { ...TIDE, title: contentTitle } });
    expect(twice.json.story.id).not.toBe(again.json.story.id);
  });

  it('refuses an explicit id any story already has (409 STORY_ID_TAKEN), content stories included', async () => {
    const writer = await registerWriter(server);
    const contentStoryId = (await server.call('GET', '/v1/stories')).json.items[0].id as string;
    const before = await storyRow(contentStoryId);
    const taken = await server.call('POST', '/v1/studio/stories', { token: writer.token, body: { ...TIDE, id: contentStoryId } });
    expect(taken.status).toBe(409);
    expect(taken.json.error.code).toBe('STORY_ID_TAKEN');
    expect(await storyRow(contentStoryId)).toEqual(before);

    const mine = await createStory(server, writer.token);
    const again = await server.call('POST', '/v1/studio/stories', { token: (await registerWriter(server)).token, body: { ...TIDE, id: mine } });
    expect(again.json.error.code).toBe('STORY_ID_TAKEN');
  });

  it('gives two racing creations of one id one story and one 409', async () => {
    const id = `race-${engine}-${Date.now().toString(36)}`;
    const writers = await Promise.all([registerWriter(server), registerWriter(server)]);
    const answers = await Promise.all(writers.map((w) => server.call('POST', '/v1/studio/stories', { token: w.token, body: { ...TIDE, id } })));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(await server.orm.em.fork().count(Story, { id })).toBe(1);
  });

  it('refuses guests (403 GUEST_NOT_ALLOWED) and anonymous callers (401) on every route', async () => {
    const guest = await signInAsGuest(server);
    const writer = await registerWriter(server);
    const storyId = await createStory(server, writer.token);
    const routes: [string, string, unknown][] = [
      ['POST', '/v1/studio/stories', { ...TIDE, id: `guest-${Date.now()}` }],
      ['GET', '/v1/studio/stories', undefined],
      ['GET', `/v1/studio/stories/${storyId}`, undefined],
      ['PATCH', `/v1/studio/stories/${storyId}`, { title: 'Mine' }],
      ['PUT', `/v1/studio/stories/${storyId}/chapters/${storyId}-ch1`, { chapterNumber: 1, scenes: { a: { end: true } } }],
      ['POST', `/v1/studio/stories/${storyId}/chapters/${storyId}-ch1/publish`, {}],
    ];
    for (const [method, path, body] of routes) {
      const asGuest = await server.call(method, path, { token: guest.token, body });
      expect([asGuest.status, asGuest.json.error.code], `${method} ${path}`).toEqual([403, 'GUEST_NOT_ALLOWED']);
      const anonymous = await server.call(method, path, { body });
      expect([anonymous.status, anonymous.json.error.code], `${method} ${path}`).toEqual([401, 'UNAUTHENTICATED']);
    }
    expect(await server.orm.em.fork().count(Story, { owner: guest.userId })).toBe(0);
  });

  it('refuses a bad story with a 400 naming each field, and creates nothing', async () => {
    const writer = await registerWriter(server);
    const bad: Record<string, unknown>[] = [
      { ...TIDE, title: '   ' },
      { ...TIDE, title: 'x'.repeat(201) },
      { ...TIDE, description: 'x'.repeat(2001) },
      { ...TIDE, genre: '!!!' },
      { ...TIDE, genre: 7 },
      { ...TIDE, id: 'Not A Slug' },
      { ...TIDE, id: '-dash' },
      { ...TIDE, title: 'nul\u0000byte' },
      { ...TIDE, colour: 'blue' },
      { title: 'No description' },
    ];
    for (const body of bad) {
      const answer = await server.call('POST', '/v1/studio/stories', { token: writer.token, body });
      expect([answer.status, answer.json.error.code], JSON.stringify(body).slice(0, 80)).toEqual([400, 'VALIDATION_FAILED']);
    }
    const malformed = await server.call('POST', '/v1/studio/stories', { token: writer.token, body: '{"title":' });
    expect([malformed.status, malformed.json.error.code]).toEqual([400, 'MALFORMED_JSON']);
    expect((await server.call('GET', '/v1/studio/stories', { token: writer.token })).json.items).toEqual([]);
  });

  it('lists only the caller\'s stories, newest first', async () => {
    const writer = await registerWriter(server);
    const other = await registerWriter(server);
    const first = await createStory(server, writer.token);
    await createStory(server, other.token);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = await createStory(server, writer.token);
    const list = await server.call('GET', '/v1/studio/stories', { token: writer.token });
    expect(list.status).toBe(200);
    expect(list.headers.get('cache-control')).toBe('no-store');
    expect(list.json.items.map((s: { id: string }) => s.id)).toEqual([second, first]);
  });

  it('changes title, description and genre; another account gets 403 NOT_YOUR_STORY and changes nothing; an unknown story 404', async () => {
    const writer = await registerWriter(server);
    const storyId = await createStory(server, writer.token);
    const changed = await server.call('PATCH', `/v1/studio/stories/${storyId}`, { token: writer.token, body: { title: 'The Tide Clock, Revised', genre: 'Science Fiction' } });
    expect(changed.status).toBe(200);
    expect(changed.json.story).toMatchObject({ id: storyId, title: 'The Tide Clock, Revised', description: TIDE.description, genre: 'science-fiction' });

    const other = await registerWriter(server);
    for (const [method, body] of [['PATCH', { title: 'Mine now' }], ['GET', undefined]] as const) {
      const stolen = await server.call(method, `/v1/studio/stories/${storyId}`, { token: other.token, body });
      expect([stolen.status, stolen.json.error.code]).toEqual([403, 'NOT_YOUR_STORY']);
    }
    expect((await storyRow(storyId))!.title).toBe('The Tide Clock, Revised');

    const contentStoryId = (await server.call('GET', '/v1/stories')).json.items[0].id as string;
    const house = await server.call('PATCH', `/v1/studio/stories/${contentStoryId}`, { token: writer.token, body: { title: 'Mine now' } });
    expect([house.status, house.json.error.code]).toEqual([403, 'NOT_YOUR_STORY']);
    const unknown = await server.call('PATCH', '/v1/studio/stories/no-such-story', { token: writer.token, body: { title: 'x' } });
    expect([unknown.status, unknown.json.error.code]).toEqual([404, 'STORY_NOT_FOUND']);
  });

  it('refuses a cover that is not an uploaded asset, or a bad change, and changes nothing', async () => {
    const writer = await registerWriter(server);
    const storyId = await createStory(server, writer.token);
    const before = await storyRow(storyId);
    const cover = await server.call('PATCH', `/v1/studio/stories/${storyId}`, { token: writer.token, body: { title: 'Changed', cover: 'assets/none.png' } });
    expect([cover.status, cover.json.error.code]).toEqual([400, 'UNKNOWN_ASSET']);
    expect(cover.json.error.message).toContain('assets/none.png');
    const traversal = await server.call('PATCH', `/v1/studio/stories/${storyId}`, { token: writer.token, body: { cover: '../other/cover.png' } });
    expect([traversal.status, traversal.json.error.code]).toEqual([400, 'UNKNOWN_ASSET']);
    for (const body of [{ titel: 'typo' }, { title: '' }, { cover: 5 }, { genre: '' }, []]) {
      const answer = await server.call('PATCH', `/v1/studio/stories/${storyId}`, { token: writer.token, body });
      expect([answer.status, answer.json.error.code], JSON.stringify(body)).toEqual([400, 'VALIDATION_FAILED']);
    }
    expect(await storyRow(storyId)).toEqual(before);
    const removed = await server.call('PATCH', `/v1/studio/stories/${storyId}`, { token: writer.token, body: { cover: null } });
    expect([removed.status, removed.json.story.cover]).toEqual([200, null]);
  });
});
