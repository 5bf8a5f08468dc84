import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Earnings } from '../../api/studio';
import { describeEachEngine } from '../../testing/test-database';
import { startTestServer, type TestServer } from '../../testing/test-server';
import { act, newPlayer, openSession, ready } from '../../testing/story-test-kit';
import { EarningsEntry, Story, User } from '../database/entities';
import { createStory } from './earnings-test-kit';

const FIXTURE_CONTENT = fileURLToPath(new URL('../../rooms/story/fixtures/content', import.meta.url));
const LAMP_COST = 6;
const PASSWORD = 'correct horse battery';
let counter = 0;

function expectErrorShape(response: { json: any }, code: string): void {
  expect(response.json).toEqual({ error: { code, message: expect.any(String), details: expect.any(Object), request_id: expect.any(String) } });
}

describeEachEngine('GET /v1/studio/earnings', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine, { CONTENT_DIR: FIXTURE_CONTENT, AUTH_RATE_LIMIT_PER_MINUTE: '1000' });
  });
  afterAll(async () => { await server?.close(); });

  /** An email account, as writers are. */
  const writer = async () => {
    const signedUp = await server.call('POST', '/v1/auth/register', { body: { email: `writer.${Date.now()}.${++counter}@example.test`, password: PASSWORD } });
    expect(signedUp.status).toBe(201);
    return { token: signedUp.json.accessToken as string, userId: signedUp.json.user.id as string, email: signedUp.json.user.email as string };
  };
  const earningsOf = (token: string, query = '') => server.call('GET', `/v1/studio/earnings${query}`, { token });
  const makeOwner = (storyId: string, userId: string) => server.orm.em.fork().nativeUpdate(Story, { id: storyId }, { owner: userId });

  it('shows the writer their share of a reader\'s premium choice, played in the story room', async () => {
    const author = await writer();
    await makeOwner('tide-test', author.userId);
    expect((await earningsOf(author.token)).json).toEqual({ total: 0, byStory: [], entries: [], nextCursor: null });

    const reader = await newPlayer(server);
    const session = await ready(await openSession(server, reader, { storyId: 'tide-test' }));
    await act(session, 'advance');
    await act(session, 'choose', { choiceId: 'lamp' });
    expect(session.room.state.sceneId).toBe('bright');
    await session.room.leave();

    const answer = await earningsOf(author.token);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const share = Math.floor((LAMP_COST * 70) / 100);
    expect(answer.json).toEqual({
      total: share,
      byStory: [{ storyId: 'tide-test', title: 'Tide Test', diamonds: share }],
      entries: [{ storyId: 'tide-test', chapterId: 'tide-test-ch1', diamonds: share, at: expect.any(String) }],
      nextCursor: null,
    } satisfies Earnings);
    expect(Date.parse(answer.json.entries[0].at)).not.toBeNaN();
  });

  it('pages entries newest first by cursor, with totals over everything on every page', async () => {
    const author = await writer();
    const someoneElse = await writer();
    const reader = await writer();
    const [first, second] = [await createStory(server.orm, author.userId, 'The First'), await createStory(server.orm, author.userId, 'The Second')];
    const other = await createStory(server.orm, someoneElse.userId, 'Not Theirs');
    const em = server.orm.em.fork();
    const shares = [[first, 4], [second, 7], [first, 2], [other, 50], [second, 1], [first, 9], [second, 3]] as const;
    shares.forEach(([storyId, diamonds], i) => {
      const writerId = storyId === other ? someoneElse.userId : author.userId;
      em.create(EarningsEntry, { writer: em.getReference(User, writerId), reader: em.getReference(User, reader.userId), storyId, chapterId: `${storyId}-ch1`, diamonds, idempotencyKey: `choice:${storyId}:${i}`, createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)) });
    });
    await em.flush();
    const mine = shares.filter(([storyId]) => storyId !== other);

    const pages: Earnings[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page = await earningsOf(author.token, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      pages.push(page.json);
      cursor = page.json.nextCursor;
      expect(pages.length).toBeLessThan(10);
    }

    expect(pages.map((p) => p.entries.length)).toEqual([2, 2, 2]);
    const entries = pages.flatMap((p) => p.entries);
    // Newest first: the reverse of the order they were written in.
    expect(entries.map((e) => [e.storyId, e.diamonds])).toEqual(mine.map(([s, d]) => [s, d]).reverse());
    expect(entries.map((e) => e.at)).toEqual([...entries.map((e) => e.at)].sort().reverse());
    for (const page of pages) {
      expect(page.total).toBe(26);
      expect(page.byStory).toEqual([{ storyId: first, title: 'The First', diamonds: 15 }, { storyId: second, title: 'The Second', diamonds: 11 }]);
    }
    expect((await earningsOf(author.token, '?limit=100')).json.entries).toHaveLength(6);
    // The default page is 50 entries: all six here.
    expect((await earningsOf(author.token)).json.entries).toHaveLength(6);
    expect((await earningsOf(someoneElse.token)).json).toMatchObject({ total: 50, byStory: [{ storyId: other, title: 'Not Theirs', diamonds: 50 }] });
  });

  it('refuses guests (writers are email accounts), no token, and a bad limit or cursor', async () => {
    const guest = await newPlayer(server);
    const refused = await earningsOf(guest.token);
    expect(refused.status).toBe(403);
    expectErrorShape(refused, 'GUEST_NOT_ALLOWED');

    const anonymous = await server.call('GET', '/v1/studio/earnings');
    expect(anonymous.status).toBe(401);
    expectErrorShape(anonymous, 'UNAUTHENTICATED');

    const author = await writer();
    for (const limit of ['0', '101', 'abc', '-1', '2.5', '1e2']) {
      const bad = await earningsOf(author.token, `?limit=${limit}`);
      expect(bad.status, limit).toBe(400);
      expectErrorShape(bad, 'VALIDATION_FAILED');
    }
    const repeated = await earningsOf(author.token, '?limit=1&limit=2');
    expect(repeated.status).toBe(400);
    const catalogCursor = (await server.call('GET', '/v1/stories?limit=1')).json.nextCursor as string;
    for (const cursor of ['garbage', catalogCursor, Buffer.from('{"e":-1}').toString('base64url'), Buffer.from('{"e":1.5}').toString('base64url')]) {
      const bad = await earningsOf(author.token, `?cursor=${cursor}`);
      expect(bad.status, cursor).toBe(400);
      expectErrorShape(bad, 'INVALID_CURSOR');
    }
  });
});
