import { matchMaker, Server } from '@colyseus/core';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { Client, type Room } from 'colyseus.js';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LocalReadingFanout } from './local-reading-fanout';
import { freePort } from '../shared/free-port';
import { InMemoryReadingStore } from './in-memory-reading-store';
import { READING_ROOM, type ReadingCommentMessage } from './protocol';
import type { ReadingAccess } from './reading-room-deps';
import { readingRoom } from './ReadingRoom';
import type { ReadingState } from './ReadingState';
import { ChapterParagraphs } from './rules/chapter-paragraphs';
import { liveCommentRate } from './rules/live-comments';

// The room on a bare game server over an in-memory store and the in-process fan-out: no database.
// The database, REST and a restart are covered in server/reading/reading.e2e.test.ts.
const PARAGRAPHS = ChapterParagraphs.of({ startSceneId: 'gate', scenes: { gate: { timeline: [{ id: 'gate.0' }, { id: 'bell' }] }, end: { timeline: [{ id: 'end.0' }] } } })!;
const LOCKED = 'locked-reader';
const TRICKLE_ROOM = 'reading-trickle';

let port: number;
let server: Server;
let store: InMemoryReadingStore;
const open: Room<ReadingState>[] = [];
let readers = 0;

beforeAll(async () => {
  store = new InMemoryReadingStore();
  const access: ReadingAccess = {
    open: async (userId, _storyId, chapterId) => {
      if (userId === LOCKED) return { ok: false, refusal: { code: 'CHAPTER_LOCKED', message: 'Open this chapter in the story first' } };
      if (chapterId === 'ink-ch1') return { ok: false, refusal: { code: 'READING_NOT_AVAILABLE', message: 'No fixed text' } };
      return { ok: true, value: { paragraphs: PARAGRAPHS, displayName: `Name of ${userId}` } };
    },
  };
  // Tokens are user ids.
  const auth = { verify: async (token: string) => ({ userId: token }) };
  const logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
  server = new Server({ transport: new WebSocketTransport(), greet: false, gracefullyShutdown: false });
  const fanout = new LocalReadingFanout();
  const deps = { access, store, fanout, auth, clock: { now: () => new Date() }, logger, patchMs: 50 };
  server.define(READING_ROOM, readingRoom({ ...deps, roomSize: 2, liveComments: liveCommentRate(20) })).filterBy(['chapterId']).sortBy({ clients: -1 });
  // The same chapter's rooms, but a reader is sent one comment at once and one every 2 s after it.
  server.define(TRICKLE_ROOM, readingRoom({ ...deps, roomSize: 10, liveComments: { perSecond: 0.5, burst: 1 } })).filterBy(['chapterId']);
  port = await freePort();
  await server.listen(port, '127.0.0.1');
});
afterEach(async () => {
  for (const room of open.splice(0)) if (room.connection.isOpen) await room.leave().catch(() => undefined);
});
afterAll(async () => { await server?.gracefullyShutdown(false); });

const until = async (check: () => boolean, ms = 2000) => {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

const untilAsync = async (check: () => Promise<boolean>, ms = 2000) => {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

interface Reader { userId: string; room: Room<ReadingState>; comments: ReadingCommentMessage[]; heldBack: number; errors: string[]; mine: { paragraphId: string; emoji: string }[] | null }

async function join(chapterId = 'tide-ch1', userId = `reader-${++readers}`, roomName = READING_ROOM): Promise<Reader> {
  const client = new Client(`ws://127.0.0.1:${port}`);
  client.auth.token = userId;
  const room = await client.joinOrCreate<ReadingState>(roomName, { storyId: 'tide', chapterId });
  open.push(room);
  const reader: Reader = { userId, room, comments: [], heldBack: 0, errors: [], mine: null };
  room.onMessage('comment', (m: ReadingCommentMessage) => reader.comments.push(m));
  room.onMessage('commentsHeldBack', (m: { count: number }) => (reader.heldBack += m.count));
  room.onMessage('mine', (m: { reactions: Reader['mine'] }) => (reader.mine = m.reactions));
  room.onMessage('error', (m: { error: { code: string } }) => reader.errors.push(m.error.code));
  await until(() => room.state.chapterId === chapterId);
  return reader;
}
const count = (reader: Reader, paragraphId: string, emoji: string) => Number((reader.room.state.reactions.get(paragraphId) as unknown as Record<string, number> | undefined)?.[emoji] ?? 0);

describe('the reading room', () => {
  it('refuses a reader who has not opened the chapter, and an Ink chapter', async () => {
    await expect(join('tide-ch1', LOCKED)).rejects.toThrow(/CHAPTER_LOCKED/);
    await expect(join('ink-ch1')).rejects.toThrow(/READING_NOT_AVAILABLE/);
  });

  it('fills rooms of READING_ROOM_SIZE and counts readers across them', async () => {
    const [a, b, c] = [await join('count-ch'), await join('count-ch'), await join('count-ch')];
    expect(new Set([a!.room.roomId, b!.room.roomId, c!.room.roomId]).size).toBe(2);
    await until(() => [a, b, c].every((r) => r!.room.state.readers === 3));
    await c!.room.leave();
    await until(() => a!.room.state.readers === 2);
    // Another chapter's readers are in rooms of their own.
    const other = await join('other-ch');
    expect([a!.room.roomId, b!.room.roomId]).not.toContain(other.room.roomId);
    expect(other.room.state.readers).toBe(1);
  });

  it('keeps two rooms\' worth of free seats in spare rooms once a room is half full, and seats readers in the fullest room first', async () => {
    const rooms = () => matchMaker.query({ name: READING_ROOM, chapterId: 'spare-ch' });
    const a = await join('spare-ch');
    // Half full (1 of 2): two empty rooms are opened for whoever comes after the next reader.
    await untilAsync(async () => (await rooms()).length === 3);
    const spareIds = (await rooms()).filter((room) => room.roomId !== a.room.roomId).map((room) => room.roomId);
    const b = await join('spare-ch');
    expect(b.room.roomId).toBe(a.room.roomId);
    const c = await join('spare-ch');
    expect(spareIds).toContain(c.room.roomId);
    // That spare is half full in turn, and the first room full: one more spare restores the headroom.
    await untilAsync(async () => (await rooms()).length === 4);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const after = await rooms();
    expect(after).toHaveLength(4);
    expect(after.filter((room) => room.clients === 0)).toHaveLength(2);
  });

  it('shows who is present and where they are once they share it', async () => {
    const a = await join('presence-ch');
    const b = await join('presence-ch');
    a.room.send('position', { paragraphId: 'bell' });
    await until(() => [...b.room.state.present.values()].some((p) => p.userId === a.userId && p.paragraphId === 'bell'));
    const seen = [...b.room.state.present.values()].find((p) => p.userId === a.userId)!;
    expect(seen.displayName).toBe(`Name of ${a.userId}`);
    a.room.send('position', { paragraphId: 'nowhere' });
    await until(() => a.errors.includes('INVALID_PARAGRAPH'));
  });

  it('counts a reaction in every room, and takes it back on the second send', async () => {
    const [a, b, c] = [await join('react-ch'), await join('react-ch'), await join('react-ch')];
    const far = [b, c].find((r) => r!.room.roomId !== a!.room.roomId)!;
    a!.room.send('react', { paragraphId: 'bell', emoji: '🔥' });
    b!.room.send('react', { paragraphId: 'bell', emoji: '🔥' });
    await until(() => count(far, 'bell', '🔥') === 2);
    a!.room.send('react', { paragraphId: 'bell', emoji: '🔥' });
    await until(() => count(far, 'bell', '🔥') === 1);
    a!.room.send('react', { paragraphId: 'bell', emoji: '👍' });
    a!.room.send('react', { paragraphId: 'nowhere', emoji: '🔥' });
    await until(() => a!.errors.includes('INVALID_EMOJI') && a!.errors.includes('INVALID_PARAGRAPH'));
    // A room opened later starts from the stored counts.
    const late = await join('react-ch');
    await until(() => count(late, 'bell', '🔥') === 1);
    // Coming back, a reader is told which reactions are theirs; a reader who left none hears of none.
    const back = await join('react-ch', b!.userId);
    await until(() => back.mine !== null);
    expect(back.mine).toEqual([{ paragraphId: 'bell', emoji: '🔥' }]);
    await until(() => late.mine !== null);
    expect(late.mine).toEqual([]);
  });

  it('opens without waiting for the stored counts; a join waits for them, and reads them again after a failure', async () => {
    const chapterId = 'slow-counts-ch';
    await store.toggleReaction('earlier-reader', chapterId, 'bell', '🔥');
    const gates = [0, 1].map(() => {
      let open!: () => void;
      return { opened: new Promise<void>((resolve) => (open = resolve)), open };
    });
    const original = store.reactionCounts.bind(store);
    let reads = 0;
    let failed = false;
    const spy = vi.spyOn(store, 'reactionCounts').mockImplementation(async (id) => {
      const read = reads++;
      if (read > 1) return original(id);
      await gates[read]!.opened;
      if (read === 1) return original(id);
      failed = true;
      throw new Error('the database hiccuped');
    });
    try {
      // The room is open (announced to joins) while its first read of the counts is still out.
      const waited = new Promise((_, reject) => setTimeout(() => reject(new Error('the room waited for the counts to open')), 1000));
      await Promise.race([matchMaker.createRoom(READING_ROOM, { storyId: 'tide', chapterId }), waited]);
      expect(reads).toBe(1);
      gates[0]!.open();
      await until(() => failed);
      // The next join reads them again, and is seated only once they are in.
      let seated = false;
      const joining = join(chapterId).then((reader) => ((seated = true), reader));
      await until(() => reads === 2);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(seated).toBe(false);
      gates[1]!.open();
      const reader = await joining;
      expect(count(reader, 'bell', '🔥')).toBe(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('writes one reader\'s reactions in order without making the others wait for them', async () => {
    const [a, b] = [await join('slow-write-ch'), await join('slow-write-ch')];
    expect(b.room.roomId).toBe(a.room.roomId);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const original = store.toggleReaction.bind(store);
    const spy = vi.spyOn(store, 'toggleReaction').mockImplementation(async (userId, ...rest) => {
      if (userId === a.userId) await held;
      return original(userId, ...rest);
    });
    try {
      // a's first reaction is slow to write; a's second (taking it back) must wait for it, b's need not.
      a.room.send('react', { paragraphId: 'bell', emoji: '🔥' });
      a.room.send('react', { paragraphId: 'bell', emoji: '🔥' });
      b.room.send('react', { paragraphId: 'bell', emoji: '😮' });
      await until(() => count(a, 'bell', '😮') === 1);
      expect(count(a, 'bell', '🔥')).toBe(0);
      release();
      await until(() => spy.mock.calls.length === 3);
      await until(() => count(b, 'bell', '🔥') === 0 && count(b, 'bell', '😮') === 1);
      expect(await store.reactionCounts('slow-write-ch')).toEqual({ bell: { '😮': 1 } });
    } finally {
      release();
      spy.mockRestore();
    }
  });

  it('sends a comment to every reader of the chapter, as its author wrote it', async () => {
    const [a, b, c] = [await join('comment-ch'), await join('comment-ch'), await join('comment-ch')];
    const far = [b, c].find((r) => r!.room.roomId !== a!.room.roomId)!;
    a!.room.send('comment', { paragraphId: 'bell', text: '  <b>The lamp</b> is the tide clock.  ' });
    await until(() => far.comments.length === 1);
    expect(far.comments[0]).toMatchObject({ paragraphId: 'bell', text: '<b>The lamp</b> is the tide clock.', replyTo: null, author: { id: a!.userId, displayName: `Name of ${a!.userId}` } });
    far.room.send('comment', { paragraphId: 'bell', text: 'Yes!', replyTo: far.comments[0]!.id });
    await until(() => a!.comments.length === 2);
    expect(a!.comments[1]).toMatchObject({ replyTo: far.comments[0]!.id, author: { id: far.userId } });
  });

  it('sends a reader of a busy chapter only so many comments live, always their own and the replies to them, and counts the rest', async () => {
    const trickle = (userId: string) => join('busy-ch', userId, TRICKLE_ROOM);
    const me = await trickle('busy-me');
    const [w1, w2] = [await trickle('busy-w1'), await trickle('busy-w2')];
    me.room.send('comment', { paragraphId: 'bell', text: 'mine' });
    await until(() => me.comments.length === 1);
    const mine = me.comments[0]!.id;
    for (const text of ['one', 'two']) w1.room.send('comment', { paragraphId: 'gate.0', text });
    w1.room.send('comment', { paragraphId: 'bell', text: 'an answer', replyTo: mine });
    for (const text of ['three', 'four', 'five']) w2.room.send('comment', { paragraphId: 'gate.0', text });
    // Five comments of others: each reaches me live or is counted as held back.
    const othersSeen = () => me.comments.filter((c) => c.author.id !== me.userId && c.replyTo !== mine).length;
    // The count held back is told at once, then at most every 2 s.
    await until(() => othersSeen() + me.heldBack === 5, 5000);
    expect(me.comments.map((c) => c.text)).toContain('an answer');
    // One at once and one every 2 s: at most two in the time this takes.
    expect(othersSeen()).toBeLessThanOrEqual(2);
    expect(me.heldBack).toBeGreaterThanOrEqual(3);
    // Held back is not lost: every comment is stored (GET /v1/chapters/:id/comments serves them).
    expect(store.comments.filter((c) => c.chapterId === 'busy-ch')).toHaveLength(7);
    expect(me.errors).toEqual([]);
  });

  it('refuses bad comments and impersonation, and rate-limits a flood', async () => {
    const a = await join('limits-ch');
    a.room.send('comment', { paragraphId: 'bell', text: 'x'.repeat(501) });
    a.room.send('comment', { paragraphId: 'bell', text: '   ' });
    a.room.send('comment', { paragraphId: 'bell', text: 'hi', author: { id: 'someone-else' } });
    a.room.send('comment', { paragraphId: 'bell', text: 'hi', replyTo: '00000000-0000-4000-8000-000000000000' });
    // Text the database cannot store (a NUL byte) is refused before it gets there.
    a.room.send('comment', { paragraphId: 'bell', text: 'a\u0000b' });
    await until(() => ['COMMENT_TOO_LONG', 'COMMENT_EMPTY', 'REPLY_NOT_FOUND'].every((code) => a.errors.includes(code)) && a.errors.filter((code) => code === 'INVALID_MESSAGE').length === 2);
    expect(a.comments).toEqual([]);
    for (let i = 0; i < 4; i++) a.room.send('comment', { paragraphId: 'bell', text: `comment ${i}` });
    // Comments arrive with the next patch, refusals at once.
    await until(() => a.errors.includes('RATE_LIMITED') && a.comments.length >= 2);
    // A burst of three: the reply to a missing comment reached the store, so it took one of them.
    expect(a.comments.map((c) => c.text)).toEqual(['comment 0', 'comment 1']);
  });

  it('does not make a reader\'s reaction wait for their read record (the store may hold it to share a commit)', async () => {
    const a = await join('gathered-read-ch');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const original = store.recordRead.bind(store);
    const spy = vi.spyOn(store, 'recordRead').mockImplementation(async (...args) => {
      await held;
      return original(...args);
    });
    try {
      // The first position starts the read: its record is held.
      a.room.send('position', { paragraphId: 'gate.0' });
      a.room.send('react', { paragraphId: 'gate.0', emoji: '🔥' });
      await until(() => count(a, 'gate.0', '🔥') === 1);
      expect(spy).toHaveBeenCalledTimes(1);
      expect(store.reads.get(`${a.userId}:gathered-read-ch`)).toBeUndefined();
      release();
      await until(() => store.reads.get(`${a.userId}:gathered-read-ch`)?.furthestParagraph === 'gate.0');
    } finally {
      release();
      spy.mockRestore();
    }
  });

  it('records how far a reader read, and whether to the end', async () => {
    const a = await join('reads-ch');
    a.room.send('position', { paragraphId: 'bell' });
    a.room.send('position', { paragraphId: 'end.0' });
    a.room.send('position', { paragraphId: 'gate.0' });
    await until(() => store.reads.get(`${a.userId}:reads-ch`)?.completed === true);
    await a.room.leave();
    await until(() => store.reads.get(`${a.userId}:reads-ch`)?.furthestParagraph === 'end.0');
    expect(store.reads.get(`${a.userId}:reads-ch`)).toMatchObject({ furthestIndex: 2, completed: true });
  });

  it('writes a read when it starts and at the leave, not at every paragraph in between', async () => {
    const a = await join('paced-ch');
    a.room.send('position', { paragraphId: 'gate.0' });
    a.room.send('position', { paragraphId: 'bell' });
    // The mailbox is one line: once this reaction shows, both positions were handled.
    a.room.send('react', { paragraphId: 'gate.0', emoji: '🔥' });
    await until(() => count(a, 'gate.0', '🔥') === 1);
    expect(store.reads.get(`${a.userId}:paced-ch`)).toMatchObject({ furthestParagraph: 'gate.0', completed: false });
    await a.room.leave();
    await until(() => store.reads.get(`${a.userId}:paced-ch`)?.furthestParagraph === 'bell');
  });

  it('keeps what a reader sent just before leaving (a reaction and a comment, then the tab closed)', async () => {
    const [a, b] = [await join('parting-ch'), await join('parting-ch')];
    a.room.send('react', { paragraphId: 'bell', emoji: '👏' });
    a.room.send('comment', { paragraphId: 'bell', text: 'Goodnight.' });
    a.room.send('position', { paragraphId: 'end.0' });
    await a.room.leave();
    await until(() => count(b, 'bell', '👏') === 1 && b.comments.some((c) => c.text === 'Goodnight.'));
    await until(() => store.reads.get(`${a.userId}:parting-ch`)?.completed === true);
  });
});
