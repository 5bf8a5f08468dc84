import { fileURLToPath } from 'node:url';
import { matchMaker, Server } from '@colyseus/core';
import { Encoder } from '@colyseus/schema';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { Client } from 'colyseus.js';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadContentDir } from '../../content-pipeline';
import { freePort } from '../shared/free-port';
import type { RecordedOutcome, RoomRecorder } from '../shared/room-recorder';
import { startChapter, type PlayableChapter } from './engine';
import { InMemoryStorySessions } from './in-memory-story-sessions';
import { STORY_ROOM } from './protocol';
import { act, choiceIds, lastError, openSession, playToEnd, ready, until, type Session } from './story-test-client';
import type { StorySessions } from './story-sessions';
import { storyRoom } from './StoryRoom';

// The room over in-memory story sessions: no database. Saving to a real one, the ledger and the
// REST views of progress are covered end to end in testing/story-room.e2e.test.ts.
const FIXTURE_CONTENT = fileURLToPath(new URL('./fixtures/content', import.meta.url));
const WELCOME = { keys: 2, diamonds: 10 };
const LAMP_COST = 6;

let port: number;
let server: Server;
let sessions: InMemoryStorySessions;
let previews: StorySessions;
const WRITER = 'the-writer';
const previewOpens: string[] = [];
const recordings: { userId: string; lines: (string | RecordedOutcome)[] }[] = [];
const failures: object[] = [];
const open: Session[] = [];
let players = 0;

beforeAll(async () => {
  const content = await loadContentDir(FIXTURE_CONTENT);
  const stories = new Map(content.stories.map((s) => [s.manifest.id, s.chapters.map((c) => c.bundle as PlayableChapter)]));
  sessions = new InMemoryStorySessions(stories, WELCOME);
  // Previews over the same chapters, as the server's PreviewSessions: only the writer opens one, nothing is saved.
  previews = {
    storyExists: async () => { throw new Error('a preview is checked at join, where the player is known'); },
    open: async (userId, storyId, chapterId) => {
      previewOpens.push(`${userId}:${storyId}:${chapterId}`);
      const chapter = stories.get(storyId)?.find((c) => c.id === chapterId);
      if (userId !== WRITER || !chapter) return { ok: false, refusal: { code: 'NOT_YOUR_STORY', message: `You have no story ${storyId} to preview` } };
      return { ok: true, value: { chapter, bundleUrl: '', progress: startChapter(chapter, null), wallet: sessions.walletOf(userId), nextChapterId: null } };
    },
    save: async () => ({ ok: true, value: null }),
  };
  const recorder: RoomRecorder = {
    start: (_kind, player) => {
      const recording = { userId: player.userId, lines: [] as (string | RecordedOutcome)[] };
      recordings.push(recording);
      return { input: (message) => recording.lines.push(message), output: (outcome) => recording.lines.push(outcome), end: () => undefined };
    },
  };
  // Tokens are user ids; "forged" is not a valid one.
  const auth = { verify: async (token: string) => { if (token === 'forged') throw new Error('bad signature'); return { userId: token }; } };
  const logger = { info: () => undefined, warn: () => undefined, error: (details: object) => void failures.push(details) };
  server = new Server({ transport: new WebSocketTransport(), greet: false, gracefullyShutdown: false });
  server.define(STORY_ROOM, storyRoom({ sessions, previews, auth, clock: { now: () => new Date() }, logger, recorder }));
  port = await freePort();
  await server.listen(port, '127.0.0.1');
});
afterEach(async () => {
  for (const session of open.splice(0)) if (session.room.connection.isOpen) await session.room.leave().catch(() => undefined);
});
afterAll(async () => { await server?.gracefullyShutdown(false); });

const newPlayer = () => `player-${++players}`;
const start = async (userId: string, storyId = 'tide-test', chapterId?: string) => {
  const session = await ready(await openSession(port, userId, chapterId ? { storyId, chapterId } : { storyId }));
  open.push(session);
  return session;
};
const atFork = async (userId: string) => {
  const session = await start(userId);
  await act(session, 'advance');
  expect(session.room.state.sceneId).toBe('fork');
  return session;
};

describe('story room', () => {
  it('plays a chapter through advance and choose, recording what was sent and shown', async () => {
    const player = newPlayer();
    const session = await start(player);
    const { state } = session.room;
    expect(state).toMatchObject({ storyId: 'tide-test', chapterId: 'tide-test-ch1', sceneId: 'dock', status: 'playing', keys: WELCOME.keys - 1, diamonds: WELCOME.diamonds });
    await act(session, 'advance');
    expect(state.choices.map((c) => [c.id, c.cost, c.locked])).toEqual([['wait', 0, false], ['lamp', LAMP_COST, false], ['secret', 0, true]]);
    await act(session, 'choose', { choiceId: 'secret' });
    session.room.send('choose', { choiceId: 7 });
    await until(() => lastError(session)?.code === 'INVALID_MESSAGE');
    await act(session, 'choose', { choiceId: 'wait' });
    await act(session, 'advance');
    expect(state).toMatchObject({ sceneId: 'end', status: 'ended', nextChapterId: 'tide-test-ch2' });
    expect(state.relationships.get('Mara')).toBe(1);
    expect(sessions.savedProgress(player, 'tide-test')).toMatchObject({ sceneId: 'end', status: 'ended', completedChapterIds: ['tide-test-ch1'] });
    // A refusal of the story's rules is recorded; a message the guard turned away is not.
    const scene = (sceneId: string, status: string) => ({ kind: 'scene', chapterId: 'tide-test-ch1', sceneId, status });
    expect(recordings.find((r) => r.userId === player)?.lines).toEqual([
      scene('dock', 'playing'), 'advance', scene('fork', 'choice'), 'choose', { kind: 'error', code: 'OPTION_LOCKED' }, 'choose', scene('quiet', 'playing'), 'advance', scene('end', 'ended'),
    ]);
  });

  it('spends a key once per new chapter, and keeps a chapter locked until the one before has ended', async () => {
    const player = newPlayer();
    const early = await start(player, 'tide-test', 'tide-test-ch2');
    expect(early.room.state.status).toBe('locked');
    expect(lastError(early)).toMatchObject({ code: 'CHAPTER_LOCKED', details: { requires: 'tide-test-ch1' }, request_id: expect.stringMatching(/-1$/) });
    const one = await start(player);
    await one.room.leave();
    await playToEnd(await start(player));
    expect(sessions.walletOf(player).keys).toBe(WELCOME.keys - 1);
    const two = await start(player, 'tide-test', 'tide-test-ch2');
    expect(two.room.state).toMatchObject({ chapterId: 'tide-test-ch2', keys: WELCOME.keys - 2 });
    const none = await start(player, 'second-tide');
    expect(none.room.state.status).toBe('locked');
    expect(lastError(none)).toMatchObject({ code: 'NO_KEYS' });
  });

  it("goes on into the next chapter in the same room at a chapter's end: a key spent once, and only from a chapter's end", async () => {
    const player = newPlayer();
    const session = await start(player);
    const { roomId, state } = session.room;
    await act(session, 'next');
    expect(lastError(session)).toMatchObject({ code: 'NO_NEXT_CHAPTER', details: { status: 'playing' } });
    expect(state).toMatchObject({ chapterId: 'tide-test-ch1', sceneId: 'dock' });
    session.errors.splice(0);
    await playToEnd(session);
    session.room.send('next', {});
    session.room.send('next', {});
    await until(() => state.chapterId === 'tide-test-ch2' && session.errors.length === 2);
    // The second `next` found the new chapter already open: refused, and no second key.
    expect(lastError(session)).toMatchObject({ code: 'NO_NEXT_CHAPTER', details: { status: 'choice' } });
    expect(state).toMatchObject({ chapterId: 'tide-test-ch2', chapterNumber: 2, sceneId: 'return', status: 'choice', nextChapterId: '', endingTitle: '', keys: WELCOME.keys - 2 });
    expect(session.room.roomId).toBe(roomId);
    expect(sessions.walletOf(player).keys).toBe(WELCOME.keys - 2);
    expect(sessions.savedProgress(player, 'tide-test')).toMatchObject({ chapterId: 'tide-test-ch2', sceneId: 'return' });
    const lines = recordings.find((r) => r.userId === player)?.lines ?? [];
    // Messages are recorded as they arrive, what they did as the room applies them.
    expect(lines.slice(-4)).toEqual(['next', 'next', { kind: 'scene', chapterId: 'tide-test-ch2', sceneId: 'return', status: 'choice' }, { kind: 'error', code: 'NO_NEXT_CHAPTER' }]);
    // The story's last chapter has no next one.
    session.errors.splice(0);
    await playToEnd(session);
    await act(session, 'next');
    expect(lastError(session)).toMatchObject({ code: 'NO_NEXT_CHAPTER', details: { status: 'ended' } });
    expect(state).toMatchObject({ chapterId: 'tide-test-ch2', status: 'ended' });
  });

  it('leaves the session locked on the next chapter when no key is left; advance opens it once one has come back', async () => {
    const player = newPlayer();
    (await start(player, 'second-tide')).room.leave();
    const session = await start(player);
    expect(session.room.state.keys).toBe(0);
    await playToEnd(session);
    await act(session, 'next');
    expect(session.room.state).toMatchObject({ status: 'locked', chapterId: 'tide-test-ch2' });
    expect(lastError(session)).toMatchObject({ code: 'NO_KEYS', details: { chapterId: 'tide-test-ch2' } });
    expect(sessions.savedProgress(player, 'tide-test')).toMatchObject({ chapterId: 'tide-test-ch1', status: 'ended' });
    sessions.regenerateKey(player);
    await act(session, 'advance');
    expect(session.room.state).toMatchObject({ chapterId: 'tide-test-ch2', sceneId: 'return', status: 'choice', keys: 0 });
  });

  it("encodes a join's session once, in the whole state the player joins with: no patch for a player still joining", async () => {
    const encode = vi.spyOn(Encoder.prototype, 'encode');
    const patches = () => encode.mock.calls.filter((call) => (call[3] ?? 'changes') === 'changes').length;
    try {
      const session = await start(newPlayer());
      expect(patches()).toBe(0);
      expect(session.room.state).toMatchObject({ sceneId: 'dock', status: 'playing', keys: WELCOME.keys - 1 });
      expect(session.room.state.timeline.length).toBeGreaterThan(0);
      // The first step's patch carries that step; the client's state follows it exactly.
      await act(session, 'advance');
      expect(patches()).toBe(1);
      expect(session.room.state.sceneId).toBe('fork');
      expect(session.room.state.choices.map((c) => c.id)).toEqual(['wait', 'lamp', 'secret']);
    } finally {
      encode.mockRestore();
    }
  });

  it('charges a premium choice once when choose is sent twice', async () => {
    const player = newPlayer();
    const session = await atFork(player);
    session.room.send('choose', { choiceId: 'lamp' });
    session.room.send('choose', { choiceId: 'lamp' });
    await until(() => session.errors.length > 0);
    expect(session.room.state).toMatchObject({ sceneId: 'bright', diamonds: WELCOME.diamonds - LAMP_COST });
    expect(lastError(session)).toMatchObject({ code: 'INVALID_CHOICE' });
    expect(sessions.walletOf(player).diamonds).toBe(WELCOME.diamonds - LAMP_COST);
  });

  it('refuses unknown and malformed messages with the error shape, changing nothing and keeping the client', async () => {
    const session = await atFork(newPlayer());
    for (const [payload, code] of [[{ choiceId: 'teleport' }, 'INVALID_CHOICE'], [{ choiceId: 42 }, 'INVALID_MESSAGE'], [{}, 'INVALID_MESSAGE']] as const) {
      await act(session, 'choose', payload);
      expect(lastError(session)?.code).toBe(code);
    }
    session.room.send('fly', {});
    await until(() => lastError(session)?.code === 'UNKNOWN_MESSAGE');
    expect(lastError(session)).toEqual({ code: 'UNKNOWN_MESSAGE', message: 'The story room has no message "fly"', details: {}, request_id: expect.any(String) });
    // Names every object inherits are not messages either (the room's message table has no prototype).
    for (const inherited of ['constructor', 'toString', '__proto__']) {
      session.room.send(inherited, {});
      expect(await until(() => lastError(session)?.message === `The story room has no message "${inherited}"`), inherited).toBe(true);
    }
    expect(session.room.state).toMatchObject({ sceneId: 'fork', status: 'choice' });
    expect(choiceIds(session)).toEqual(['wait', 'lamp', 'secret']);
    expect(session.room.connection.isOpen).toBe(true);
  });

  it('keeps a playing session within the 42 own properties Colyseus keeps before its table doubles', async () => {
    const session = await start(newPlayer());
    await act(session, 'advance');
    const room = matchMaker.getLocalRoomById(session.room.roomId);
    // Colyseus 0.16 (pinned) adds 11 private fields, which Reflect cannot list, to the ones counted
    // here; past 42 in all the room's hash table doubles, 1.5 KiB more for every story session
    // (load-tests/RESULTS.md, session 27). A new field of the room is paid for by every session.
    expect(Reflect.ownKeys(room).length).toBeLessThanOrEqual(31);
  });

  it('limits how fast one client may send messages', async () => {
    const session = await start(newPlayer());
    for (let i = 0; i < 30; i++) session.room.send('advance', {});
    await until(() => session.errors.some((e) => e.code === 'RATE_LIMITED'));
    expect(session.errors.some((e) => e.code === 'RATE_LIMITED')).toBe(true);
  });

  it('tells the player, and logs, when saving fails for a reason that is not a refusal', async () => {
    const session = await atFork(newPlayer());
    const save = sessions.save;
    sessions.save = async () => { throw new Error('disk on fire'); };
    try {
      await act(session, 'choose', { choiceId: 'wait' });
    } finally {
      sessions.save = save;
    }
    expect(lastError(session)).toMatchObject({ code: 'INTERNAL' });
    expect(session.room.state.sceneId).toBe('fork');
    expect(failures.at(-1)).toMatchObject({ roomId: session.room.roomId, where: 'message' });
  });

  it('keeps story sessions private: no token, no entry; nobody else joins by id; unknown stories and bad options are refused', async () => {
    await expect(new Client(`ws://127.0.0.1:${port}`).create(STORY_ROOM, { storyId: 'tide-test' })).rejects.toThrow(/UNAUTHENTICATED/);
    const forged = new Client(`ws://127.0.0.1:${port}`);
    forged.auth.token = 'forged';
    await expect(forged.create(STORY_ROOM, { storyId: 'tide-test' })).rejects.toThrow(/INVALID_TOKEN/);
    const owner = await start(newPlayer());
    const intruder = new Client(`ws://127.0.0.1:${port}`);
    intruder.auth.token = newPlayer();
    await expect(intruder.joinById(owner.room.roomId, { storyId: 'tide-test' })).rejects.toThrow();
    await expect(intruder.create(STORY_ROOM, { storyId: 'no-such-story' })).rejects.toThrow(/STORY_NOT_FOUND/);
    await expect(intruder.create(STORY_ROOM, { storyId: 'Bad Id!' })).rejects.toThrow(/INVALID_OPTIONS: storyId must be a story id/);
  });

  describe('preview', () => {
    it("plays the writer's chapter through its preview sessions: marked as a preview, premium choices free, nothing recorded", async () => {
      const session = await ready(await openSession(port, WRITER, { storyId: 'tide-test', chapterId: 'tide-test-ch1', preview: true }));
      open.push(session);
      expect(session.room.state).toMatchObject({ preview: true, chapterId: 'tide-test-ch1', sceneId: 'dock', keys: WELCOME.keys, diamonds: WELCOME.diamonds });
      expect(previewOpens.at(-1)).toBe(`${WRITER}:tide-test:tide-test-ch1`);
      await act(session, 'advance');
      expect(session.room.state.choices.find((c) => c.id === 'lamp')?.cost).toBe(LAMP_COST);
      await act(session, 'choose', { choiceId: 'lamp' });
      expect(session.room.state).toMatchObject({ sceneId: 'bright', diamonds: WELCOME.diamonds, keys: WELCOME.keys });
      expect(sessions.walletOf(WRITER)).toEqual({ keys: WELCOME.keys, keysCap: WELCOME.keys, nextKeyAt: null, diamonds: WELCOME.diamonds });
      expect(sessions.savedProgress(WRITER, 'tide-test')).toBeNull();
      expect(recordings.some((r) => r.userId === WRITER)).toBe(false);
      // Any chapter can be previewed, whatever the writer's own reading progress.
      const later = await ready(await openSession(port, WRITER, { storyId: 'tide-test', chapterId: 'tide-test-ch2', preview: true }));
      open.push(later);
      expect(later.room.state).toMatchObject({ preview: true, chapterId: 'tide-test-ch2', sceneId: 'return', status: 'choice' });
      // A preview is one chapter: it never goes on.
      await playToEnd(session);
      await act(session, 'next');
      expect(lastError(session)).toMatchObject({ code: 'NO_NEXT_CHAPTER', details: { status: 'ended' } });
    });

    it('refuses the join itself, in the error shape, for anyone but the writer; a preview needs a chapter', async () => {
      const reader = new Client(`ws://127.0.0.1:${port}`);
      reader.auth.token = newPlayer();
      await expect(reader.create(STORY_ROOM, { storyId: 'tide-test', chapterId: 'tide-test-ch1', preview: true })).rejects.toMatchObject({ code: 403, message: expect.stringMatching(/^NOT_YOUR_STORY: /) });
      await expect(reader.create(STORY_ROOM, { storyId: 'tide-test', preview: true })).rejects.toThrow(/INVALID_OPTIONS: chapterId is required for a preview/);
      const writer = new Client(`ws://127.0.0.1:${port}`);
      writer.auth.token = WRITER;
      await expect(writer.create(STORY_ROOM, { storyId: 'no-such-story', chapterId: 'x', preview: true })).rejects.toThrow(/NOT_YOUR_STORY/);
      // The refused preview's room is gone; a normal session of the same player still opens.
      const normal = await start(WRITER);
      expect(normal.room.state.preview).toBe(false);
    });
  });
});
