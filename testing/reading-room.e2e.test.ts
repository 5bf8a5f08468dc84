/**
 * Reading rooms through the whole composition on a real database (each engine): who may join,
 * reactions and comments written and fanned out, comment history, deletion and reports over REST,
 * the writer's stats — and a restart of the server that loses none of it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, type Room } from 'colyseus.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommentPage, StoryReadingStats } from '../api/reading';
import { READING_ROOM, type ReadingCommentDeletedMessage, type ReadingCommentMessage, type ReadingMineMessage } from '../rooms/reading/protocol';
import type { ReadingState } from '../rooms/reading/ReadingState';
import { createScratchPostgres, type ScratchPostgres } from '../server/database/scratch-postgres';
import { createStudioStory, insertVersion } from '../server/studio/release-test-kit';
import { newPlayer, openSession, ready, until, type Player } from './story-test-kit';
import { describeEachEngine } from './test-database';
import { startTestServer, type TestServer } from './test-server';

const FIXTURE_CONTENT = fileURLToPath(new URL('../rooms/story/fixtures/content', import.meta.url));
const STORY = 'tide-test';

describeEachEngine('reading rooms', (engine) => {
  let server: TestServer;
  let scratch: ScratchPostgres | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'storyverse-reading-'));
  const rooms: Room<ReadingState>[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    scratch = engine === 'postgresql' ? await createScratchPostgres() : undefined;
    // Our own DATA_DIR (and database): the restart below starts a second server on the same ones.
    env = { CONTENT_DIR: FIXTURE_CONTENT, READING_ROOM_SIZE: '2', DATA_DIR: dataDir, ...(scratch ? { DATABASE_URL: scratch.url } : {}) };
    server = await startTestServer('sqlite', env);
  }, 60_000);
  afterAll(async () => {
    for (const room of rooms) if (room.connection.isOpen) await room.leave().catch(() => undefined);
    await server?.close();
    await scratch?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A reader who opened the story's first chapter in the story room (spending a key), as the player does. */
  const openedReader = async (storyId = STORY): Promise<Player & { chapterId: string }> => {
    const player = await newPlayer(server);
    const session = await ready(await openSession(server, player, { storyId }));
    const chapterId = session.room.state.chapterId;
    await session.room.leave();
    return { ...player, chapterId };
  };
  const joinReading = async (player: Player, chapterId: string, storyId = STORY) => {
    const client = new Client(`ws://127.0.0.1:${server.port}`);
    client.auth.token = player.token;
    const room = await client.joinOrCreate<ReadingState>(READING_ROOM, { storyId, chapterId });
    rooms.push(room);
    const comments: ReadingCommentMessage[] = [];
    const deleted: ReadingCommentDeletedMessage[] = [];
    const errors: string[] = [];
    room.onMessage('comment', (m: ReadingCommentMessage) => comments.push(m));
    room.onMessage('commentDeleted', (m: ReadingCommentDeletedMessage) => deleted.push(m));
    const mine: ReadingMineMessage[] = [];
    room.onMessage('mine', (m: ReadingMineMessage) => mine.push(m));
    room.onMessage('error', (m: { error: { code: string } }) => errors.push(m.error.code));
    await until(() => room.state.chapterId === chapterId);
    return { room, comments, deleted, errors, mine };
  };
  const count = (room: Room<ReadingState>, paragraphId: string, emoji: string) => Number((room.state.reactions.get(paragraphId) as unknown as Record<string, number> | undefined)?.[emoji] ?? 0);
  const firstParagraph = async (chapterId: string): Promise<string> => {
    const bundle = await server.call('GET', `/v1/chapters/${chapterId}/bundle`);
    const hashed = await server.call('GET', new URL(bundle.headers.get('location')!, 'http://x').pathname + new URL(bundle.headers.get('location')!, 'http://x').search);
    return hashed.json.scenes[hashed.json.startSceneId].timeline[0].id;
  };

  it('lets in only readers who opened the chapter, and shares reactions and comments across rooms; nothing is lost in a restart', async () => {
    const a = await openedReader();
    const b = await openedReader();
    const c = await openedReader();
    const chapterId = a.chapterId;
    const paragraphId = await firstParagraph(chapterId);
    expect(paragraphId).toBeTruthy();

    const stranger = await newPlayer(server);
    await expect(joinReading(stranger, chapterId)).rejects.toThrow(/CHAPTER_LOCKED/);

    const [ra, rb, rc] = [await joinReading(a, chapterId), await joinReading(b, chapterId), await joinReading(c, chapterId)];
    const far = [rb, rc].find((r) => r.room.roomId !== ra.room.roomId)!;
    expect(await until(() => [ra, rb, rc].every((r) => r.room.state.readers === 3))).toBe(true);

    ra.room.send('react', { paragraphId, emoji: '❤️' });
    rb.room.send('react', { paragraphId, emoji: '❤️' });
    expect(await until(() => count(far.room, paragraphId, '❤️') === 2)).toBe(true);
    rb.room.send('react', { paragraphId, emoji: '❤️' });
    expect(await until(() => count(far.room, paragraphId, '❤️') === 1)).toBe(true);

    ra.room.send('comment', { paragraphId, text: '  The lamp is the tide clock.  ' });
    expect(await until(() => far.comments.length === 1)).toBe(true);
    const parent = far.comments[0]!;
    expect(parent).toMatchObject({ text: 'The lamp is the tide clock.', author: { id: a.userId } });
    rb.room.send('comment', { paragraphId, text: 'Second thread.' });
    rc.room.send('comment', { paragraphId, text: 'A reply.', replyTo: parent.id });
    expect(await until(() => ra.comments.length === 3)).toBe(true);

    // History: threads newest first, replies with their parent, a page at a time.
    const first = await server.call('GET', `/v1/chapters/${chapterId}/comments?paragraphId=${encodeURIComponent(paragraphId)}&limit=1`, { token: c.token });
    expect(first.status).toBe(200);
    const page1 = first.json as CommentPage;
    expect(page1.items.map((t) => t.text)).toEqual(['Second thread.']);
    const second = (await server.call('GET', `/v1/chapters/${chapterId}/comments?limit=1&cursor=${page1.nextCursor}`, { token: c.token })).json as CommentPage;
    expect(second.items.map((t) => [t.text, t.replies.map((r) => r.text)])).toEqual([['The lamp is the tide clock.', ['A reply.']]]);
    expect(second.nextCursor).toBeNull();
    expect((await server.call('GET', `/v1/chapters/${chapterId}/comments?cursor=garbled`, { token: c.token })).json.error.code).toBe('INVALID_CURSOR');
    expect((await server.call('GET', '/v1/chapters/no-such-chapter/comments', { token: c.token })).status).toBe(404);
    expect((await server.call('GET', `/v1/chapters/${chapterId}/comments`)).status).toBe(401);

    // Ownership and reports.
    const denied = await server.call('DELETE', `/v1/comments/${parent.id}`, { token: b.token });
    expect([denied.status, denied.json.error.code]).toEqual([403, 'NOT_YOUR_COMMENT']);
    const report = await server.call('POST', `/v1/comments/${parent.id}/report`, { token: b.token, body: { reason: 'spoiler' } });
    expect(report.status).toBe(202);
    expect((await server.call('POST', `/v1/comments/${parent.id}/report`, { token: b.token, body: { reason: 'spoiler' } })).status).toBe(202);
    expect((await server.call('POST', `/v1/comments/${parent.id}/report`, { token: b.token, body: {} })).status).toBe(400);
    const second2 = ((await server.call('GET', `/v1/chapters/${chapterId}/comments`, { token: c.token })).json as CommentPage).items.find((t) => t.text === 'Second thread.')!;
    expect((await server.call('DELETE', `/v1/comments/${second2.id}`, { token: b.token })).status).toBe(204);
    expect((await server.call('DELETE', `/v1/comments/${second2.id}`, { token: b.token })).status).toBe(404);
    // Open rooms hear of it (every room of the chapter), once, so readers take it off the page.
    expect(await until(() => ra.deleted.length === 1 && rc.deleted.length === 1)).toBe(true);
    expect(ra.deleted).toEqual([{ id: second2.id, paragraphId }]);
    // A reported comment stays until a moderator acts.
    const after = ((await server.call('GET', `/v1/chapters/${chapterId}/comments`, { token: c.token })).json as CommentPage).items.map((t) => t.text);
    expect(after).toEqual(['The lamp is the tide clock.']);

    for (const r of [ra, rb, rc]) await r.room.leave();

    // Restart on the same database and DATA_DIR (tokens stay valid).
    await server.close();
    server = await startTestServer('sqlite', env);
    const history = (await server.call('GET', `/v1/chapters/${chapterId}/comments`, { token: c.token })).json as CommentPage;
    expect(history.items.map((t) => [t.text, t.replies.length])).toEqual([['The lamp is the tide clock.', 1]]);
    const again = await joinReading(c, chapterId);
    expect(await until(() => count(again.room, paragraphId, '❤️') === 1)).toBe(true);
    // Each reader is told which reactions are theirs: a's heart stands, c left none.
    const aAgain = await joinReading(a, chapterId);
    expect(await until(() => aAgain.mine.length === 1 && again.mine.length === 1)).toBe(true);
    expect(aAgain.mine[0]).toEqual({ reactions: [{ paragraphId, emoji: '❤️' }] });
    expect(again.mine[0]).toEqual({ reactions: [] });
  }, 60_000);

  it("shows the writer their chapters' reads, completion, read time and reactions and comments per paragraph — and only them", async () => {
    const registered = await server.call('POST', '/v1/auth/register', { body: { email: `reading-writer-${engine}@example.com`, password: 'correct horse battery', displayName: 'Writer' } });
    const writer = { token: registered.json.accessToken, userId: registered.json.user.id };
    const storyId = `read-stats-${engine}`;
    const chapterId = `${storyId}-ch1`;
    await createStudioStory(server.orm.em, writer.userId, storyId);
    await insertVersion(server.orm.em, { storyId, chapterId, version: 1, releaseAt: new Date(Date.now() - 1000) });
    await server.services.chapterReleases.published();
    const listedBy = Date.now() + 10_000;
    while ((await server.call('GET', `/v1/stories/${storyId}`)).status !== 200 && Date.now() < listedBy) await new Promise((resolve) => setTimeout(resolve, 100));

    const reader = await openedReader(storyId);
    const { room } = await joinReading(reader, chapterId, storyId);
    room.send('react', { paragraphId: 'fork.0', emoji: '🔥' });
    room.send('comment', { paragraphId: 'fork.0', text: 'Which door?' });
    room.send('position', { paragraphId: 'end.0' });
    expect(await until(() => count(room, 'fork.0', '🔥') === 1)).toBe(true);
    await room.leave();

    const deadline = Date.now() + 5000;
    let stats = (await server.call('GET', `/v1/studio/stories/${storyId}/stats`, { token: writer.token })).json as StoryReadingStats;
    // The comment and the leave's read record are written after the reaction this test saw: wait for all of them.
    const settled = (s: StoryReadingStats): boolean => s.chapters[0]?.reads === 1 && s.chapters[0]?.completionRate === 1 && s.chapters[0]?.paragraphs.some((p) => p.paragraphId === 'fork.0' && p.comments === 1);
    while (!settled(stats) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      stats = (await server.call('GET', `/v1/studio/stories/${storyId}/stats`, { token: writer.token })).json as StoryReadingStats;
    }
    expect(stats.chapters).toHaveLength(1);
    expect(stats.chapters[0]).toMatchObject({ chapterId, reads: 1, completionRate: 1 });
    expect(stats.chapters[0]!.medianReadSeconds).toBeGreaterThanOrEqual(0);
    expect(stats.chapters[0]!.paragraphs).toEqual([
      { paragraphId: 'opening.0', reactions: {}, comments: 0 },
      { paragraphId: 'fork.0', reactions: { '🔥': 1 }, comments: 1 },
      { paragraphId: 'end.0', reactions: {}, comments: 0 },
    ]);
    const other = await server.call('GET', `/v1/studio/stories/${storyId}/stats`, { token: reader.token });
    expect(other.status).toBe(403);
  }, 60_000);
});

describe('reading rooms and ink chapters', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { CONTENT_DIR: fileURLToPath(new URL('../rooms/story/fixtures/ink-content', import.meta.url)) });
  }, 60_000);
  afterAll(async () => { await server?.close(); });

  it('refuses a reading room of an ink chapter (no fixed paragraphs), even to a reader who opened it', async () => {
    const player = await newPlayer(server);
    const session = await ready(await openSession(server, player, { storyId: 'bell-harbour' }));
    const chapterId = session.room.state.chapterId;
    await session.room.leave();
    const client = new Client(`ws://127.0.0.1:${server.port}`);
    client.auth.token = player.token;
    await expect(client.joinOrCreate(READING_ROOM, { storyId: 'bell-harbour', chapterId })).rejects.toThrow(/READING_NOT_AVAILABLE/);
  });
});
