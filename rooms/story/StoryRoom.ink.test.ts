import { fileURLToPath } from 'node:url';
import { Server } from '@colyseus/core';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadContentDir } from '../../content-pipeline';
import { freePort } from '../shared/free-port';
import type { RoomRecorder } from '../shared/room-recorder';
import type { AnyChapter } from './engine';
import { InMemoryStorySessions } from './in-memory-story-sessions';
import { STORY_ROOM } from './protocol';
import { act, dropAndReconnect, lastError, openSession, ready, until, type Session } from './story-test-client';
import { storyRoom } from './StoryRoom';

// An ink story in the story room, over in-memory sessions: the same state and protocol as a scene
// story, played by inkjs on the server. (The database side of inkState: testing/story-room.e2e.)
const INK_CONTENT = fileURLToPath(new URL('./fixtures/ink-content', import.meta.url));
const WELCOME = { keys: 3, diamonds: 10 };
const FERRY_COST = 4;

let port: number;
let server: Server;
let sessions: InMemoryStorySessions;
const open: Session[] = [];
let players = 0;

beforeAll(async () => {
  const content = await loadContentDir(INK_CONTENT);
  expect(content.problems).toEqual([]);
  const stories = new Map(content.stories.map((s) => [s.manifest.id, s.chapters.map((c) => c.bundle as AnyChapter)]));
  sessions = new InMemoryStorySessions(stories, WELCOME);
  const recorder: RoomRecorder = { start: () => ({ input: () => undefined, output: () => undefined, end: () => undefined }) };
  const auth = { verify: async (token: string) => ({ userId: token }) };
  const logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
  server = new Server({ transport: new WebSocketTransport(), greet: false, gracefullyShutdown: false });
  server.define(STORY_ROOM, storyRoom({ sessions, auth, clock: { now: () => new Date() }, logger, recorder }));
  port = await freePort();
  await server.listen(port, '127.0.0.1');
});
afterEach(async () => {
  for (const session of open.splice(0)) if (session.room.connection.isOpen) await session.room.leave().catch(() => undefined);
});
afterAll(async () => { await server?.gracefullyShutdown(false); });

const start = async (userId: string, chapterId?: string) => {
  const session = await ready(await openSession(port, userId, chapterId ? { storyId: 'bell-harbour', chapterId } : { storyId: 'bell-harbour' }));
  open.push(session);
  return session;
};
const lines = (session: Session) => session.room.state.timeline.map((l) => (l.character ? `${l.character}: ${l.text}` : l.text));
const option = (session: Session, text: string) => {
  const found = session.room.state.choices.find((c) => c.text === text);
  if (!found) throw new Error(`no option "${text}" among ${session.room.state.choices.map((c) => c.text).join(', ')}`);
  return found;
};

describe('story room playing an ink story', () => {
  it('shows dialogue and choices with their cost, charges a premium choice once when sent twice, and ends the chapter at the next chapter knot', async () => {
    const player = `ink-${++players}`;
    const session = await start(player);
    const { state } = session.room;
    expect(state).toMatchObject({ chapterId: 'bell-harbour-harbour', chapterTitle: 'The Bell in the Fog', status: 'choice', keys: WELCOME.keys - 1 });
    expect(state.timeline[0]).toMatchObject({ kind: 'dialogue', character: 'Wren' });
    expect(state.choices.map((c) => [c.text, c.cost, c.locked])).toEqual([['Take the lantern', 0, false], ['Pay the ferryman', FERRY_COST, false]]);
    const ferry = option(session, 'Pay the ferryman').id;
    const before = state.sceneId;
    session.room.send('choose', { choiceId: ferry });
    session.room.send('choose', { choiceId: ferry });
    await until(() => session.errors.length > 0 && state.sceneId !== before);
    expect(lastError(session)).toMatchObject({ code: 'INVALID_CHOICE' }); // the second send finds no such option: nothing more is charged
    expect(state).toMatchObject({ status: 'ended', diamonds: WELCOME.diamonds - FERRY_COST, nextChapterId: 'bell-harbour-boat' });
    expect(sessions.walletOf(player).diamonds).toBe(WELCOME.diamonds - FERRY_COST);
    expect(lines(session)).toEqual(['The ferryman takes your coins without a word.', 'The fog closes in.']);
    expect(state.relationships.get('Wren')).toBe(2);
    expect(state.flags.get('has_lantern')).toBe(false);
    // Saved progress holds ink's state; the room never shows it.
    expect(sessions.savedProgress(player, 'bell-harbour')).toMatchObject({ status: 'ended', completedChapterIds: ['bell-harbour-harbour'], inkState: expect.any(String) });
    expect(JSON.stringify(state.toJSON())).not.toContain('inkState');

    const next = await start(player, 'bell-harbour-boat');
    expect(next.room.state).toMatchObject({ chapterId: 'bell-harbour-boat', status: 'choice', keys: WELCOME.keys - 2 });
    expect(lines(next)).toEqual(['The boat knocks against something that is not the shore.']);
    await act(next, 'choose', { choiceId: option(next, 'Look down').id });
    expect(next.room.state).toMatchObject({ status: 'ended', nextChapterId: '' });
    expect(lines(next)).toEqual(['The water is full of bells.']);
  });

  it('refuses advance at a choice and keeps a later chapter locked until the first has ended', async () => {
    const player = `ink-${++players}`;
    const early = await start(player, 'bell-harbour-boat');
    expect(early.room.state.status).toBe('locked');
    expect(lastError(early)).toMatchObject({ code: 'CHAPTER_LOCKED' });
    const session = await start(player);
    await act(session, 'advance');
    expect(lastError(session)).toMatchObject({ code: 'CHOICE_REQUIRED' });
  });

  it('resumes after a reconnect, and in a new session, at the same passage with the same lines', async () => {
    const player = `ink-${++players}`;
    const session = await start(player);
    const shown = { sceneId: session.room.state.sceneId, lines: lines(session), choices: session.room.state.choices.map((c) => c.id) };
    const back = await dropAndReconnect(session);
    open.push(back);
    await until(() => back.room.state.sceneId === shown.sceneId);
    expect({ sceneId: back.room.state.sceneId, lines: lines(back), choices: back.room.state.choices.map((c) => c.id) }).toEqual(shown);
    await back.room.leave();
    const again = await start(player);
    expect({ sceneId: again.room.state.sceneId, lines: lines(again), choices: again.room.state.choices.map((c) => c.id) }).toEqual(shown);
    expect(again.room.state.keys).toBe(WELCOME.keys - 1); // resuming a chapter costs no key
    await act(again, 'choose', { choiceId: option(again, 'Take the lantern').id });
    expect(again.room.state.flags.get('has_lantern')).toBe(true);
  });
});
