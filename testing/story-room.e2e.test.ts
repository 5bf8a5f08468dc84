import { fileURLToPath } from 'node:url';
import { ColyseusTestServer } from '@colyseus/testing';
import { Client } from 'colyseus.js';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { LedgerEntry, Story } from '../server/database/entities';
import { describeEachEngine } from './test-database';
import { startTestServer, type TestServer } from './test-server';
import { STORY_ROOM } from '../rooms/story/protocol';
import { act, choiceIds, dropAndReconnect, inventory, lastError, newPlayer, openSession, playToEnd, ready, until, type Player, type Session } from './story-test-kit';

const FIXTURE_CONTENT = fileURLToPath(new URL('../rooms/story/fixtures/content', import.meta.url));
const KEYS_CAP = 2;
const WELCOME = 10;
const LAMP_COST = 6;

describeEachEngine('story room', (engine) => {
  let server: TestServer;
  let colyseus: ColyseusTestServer;
  const open: Session[] = [];

  beforeAll(async () => {
    server = await startTestServer(engine, { CONTENT_DIR: FIXTURE_CONTENT, KEYS_CAP: String(KEYS_CAP), WELCOME_DIAMONDS: String(WELCOME), KEY_REGEN_SECONDS: '86400' });
    colyseus = new ColyseusTestServer(server.gameServer);
  });
  afterEach(async () => {
    for (const session of open.splice(0)) if (session.room.connection.isOpen) await session.room.leave().catch(() => undefined);
  });
  afterAll(async () => { await server?.close(); });

  const start = async (player: Player, storyId = 'tide-test', chapterId?: string) => {
    const session = await ready(await openSession(server, player, chapterId ? { storyId, chapterId } : { storyId }));
    open.push(session);
    return session;
  };
  const atFork = async (player: Player, storyId = 'tide-test') => {
    const session = await start(player, storyId);
    await act(session, 'advance');
    expect(session.room.state.sceneId).toBe('fork');
    return session;
  };
  const premiumLedgerRows = (player: Player) => server.orm.em.fork().count(LedgerEntry, { user: player.userId, reason: 'premium_choice' });

  it('plays a chapter from its first scene to its ending through advance and choose', async () => {
    const player = await newPlayer(server);
    const session = await start(player);
    const { state } = session.room;
    expect(state).toMatchObject({ storyId: 'tide-test', chapterId: 'tide-test-ch1', chapterNumber: 1, sceneId: 'dock', status: 'playing', keys: KEYS_CAP - 1, diamonds: WELCOME });
    expect(state.timeline.map((line) => line.text)).toEqual(['Fog again.']);
    expect(state.bundleUrl).toMatch(/^\/v1\/chapters\/tide-test-ch1\/bundle\?v=[0-9a-f]{64}$/);

    await act(session, 'advance');
    expect(state.status).toBe('choice');
    expect(state.prompt).toBe('What now?');
    expect(state.choices.map((c) => [c.id, c.cost, c.locked])).toEqual([['wait', 0, false], ['lamp', LAMP_COST, false], ['secret', 0, true]]);

    await act(session, 'choose', { choiceId: 'wait' });
    expect(state).toMatchObject({ sceneId: 'quiet', status: 'playing' });
    expect(state.relationships.get('Mara')).toBe(1);
    await act(session, 'advance');
    expect(state).toMatchObject({ sceneId: 'end', status: 'ended', nextChapterId: 'tide-test-ch2' });
    expect(session.errors).toEqual([]);

    const progress = (await server.call('GET', '/v1/progress/tide-test', { token: player.token })).json;
    expect(progress).toMatchObject({ chapterId: 'tide-test-ch1', sceneId: 'end', status: 'ended', relationships: { Mara: 1 }, completedChapterIds: ['tide-test-ch1'] });
    expect(progress.history).toEqual([{ chapterId: 'tide-test-ch1', sceneId: 'fork', choiceId: 'wait', at: expect.any(String) }]);
    const all = (await server.call('GET', '/v1/progress', { token: player.token })).json;
    expect(all).toEqual({ items: [progress] });
  });

  it('spends a key once per new chapter: never on reopening, rejoining or reconnecting', async () => {
    const player = await newPlayer(server);
    const first = await start(player);
    expect((await inventory(server, player)).keys).toBe(KEYS_CAP - 1);
    await act(first, 'advance');
    await first.room.leave();

    const again = await start(player);
    expect(again.room.state.sceneId).toBe('fork');
    const back = await dropAndReconnect(again); // the socket drops
    open.push(back);
    await until(() => back.room.state.sceneId === 'fork');
    expect(back.room.state.sceneId).toBe('fork');
    expect((await inventory(server, player)).keys).toBe(KEYS_CAP - 1);
    expect(await server.orm.em.fork().count(LedgerEntry, { user: player.userId, reason: 'chapter_open' })).toBe(1);
  });

  it('keeps chapter 2 locked until chapter 1 has ended, then opens it for a key with flags carried over', async () => {
    const player = await newPlayer(server);
    const early = await start(player, 'tide-test', 'tide-test-ch2');
    expect(early.room.state.status).toBe('locked');
    expect(lastError(early)).toMatchObject({ code: 'CHAPTER_LOCKED', message: expect.any(String), request_id: expect.any(String) });
    expect((await inventory(server, player)).keys).toBe(KEYS_CAP);

    const one = await atFork(player);
    await act(one, 'choose', { choiceId: 'lamp' });
    await act(one, 'advance');
    expect(one.room.state.status).toBe('ended');

    const two = await start(player, 'tide-test', 'tide-test-ch2');
    expect(two.room.state).toMatchObject({ chapterId: 'tide-test-ch2', sceneId: 'return', status: 'choice' });
    expect(two.room.state.choices.map((c) => [c.id, c.locked])).toEqual([['remind', false], ['close', false], ['shrug', false]]);
    expect((await inventory(server, player)).keys).toBe(KEYS_CAP - 2);
    await act(two, 'choose', { choiceId: 'remind' });
    expect(two.room.state.sceneId).toBe('warm');
  });

  it('goes on into chapter 2 in the same room (`next`): its key spent once, its progress saved, a new session resuming there', async () => {
    const player = await newPlayer(server);
    const session = await atFork(player);
    await act(session, 'choose', { choiceId: 'lamp' });
    await act(session, 'advance');
    const { roomId, state } = session.room;
    session.room.send('next', {});
    session.room.send('next', {});
    await until(() => state.chapterId === 'tide-test-ch2' && session.errors.length === 1);
    expect(session.room.roomId).toBe(roomId);
    expect(state).toMatchObject({ chapterId: 'tide-test-ch2', sceneId: 'return', status: 'choice', keys: KEYS_CAP - 2, diamonds: WELCOME - LAMP_COST });
    expect(state.choices.map((c) => [c.id, c.locked])).toEqual([['remind', false], ['close', false], ['shrug', false]]);
    expect(lastError(session)).toMatchObject({ code: 'NO_NEXT_CHAPTER' });
    expect((await inventory(server, player)).keys).toBe(KEYS_CAP - 2);
    expect(await server.orm.em.fork().count(LedgerEntry, { user: player.userId, reason: 'chapter_open' })).toBe(2);
    await act(session, 'choose', { choiceId: 'remind' });
    await session.room.leave();
    const again = await start(player);
    expect(again.room.state).toMatchObject({ chapterId: 'tide-test-ch2', sceneId: 'warm' });
  });

  it('gates chapter-2 options on what chapter 1 earned', async () => {
    const player = await newPlayer(server);
    const one = await atFork(player);
    await act(one, 'choose', { choiceId: 'wait' }); // Mara +1, no lamp
    await act(one, 'advance');
    const two = await start(player, 'tide-test', 'tide-test-ch2');
    expect(two.room.state.choices.map((c) => [c.id, c.locked])).toEqual([['remind', true], ['close', true], ['shrug', false]]);
    await act(two, 'choose', { choiceId: 'close' });
    expect(lastError(two)).toMatchObject({ code: 'OPTION_LOCKED' });
    expect(two.room.state.sceneId).toBe('return');
  });

  it('answers progress only for stories the player started, and only with a token', async () => {
    const player = await newPlayer(server);
    expect((await server.call('GET', '/v1/progress', { token: player.token })).json).toEqual({ items: [] });
    const missing = await server.call('GET', '/v1/progress/second-tide', { token: player.token });
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('PROGRESS_NOT_FOUND');
    expect((await server.call('GET', '/v1/progress/Not A Story', { token: player.token })).status).toBe(400);
    expect((await server.call('GET', '/v1/progress')).status).toBe(401);
  });

  it('refuses to open a new chapter without keys (NO_KEYS), and opens it once a key is granted', async () => {
    const player = await newPlayer(server);
    const a = await start(player, 'tide-test');
    await start(player, 'second-tide');
    await act(a, 'advance');
    await act(a, 'choose', { choiceId: 'wait' });
    await act(a, 'advance');
    const locked = await start(player, 'tide-test', 'tide-test-ch2');
    expect(locked.room.state.status).toBe('locked');
    expect(lastError(locked)).toMatchObject({ code: 'NO_KEYS', details: { nextKeyAt: expect.any(String) } });
    expect((await inventory(server, player)).keys).toBe(0);

    await server.services.wallet.grant(player.userId, { currency: 'keys', amount: 1, reason: 'test_grant', idempotencyKey: 'test:grant' });
    await act(locked, 'advance');
    expect(locked.room.state).toMatchObject({ status: 'choice', sceneId: 'return', keys: 0 });
  });

  it('charges a premium choice once when choose is sent twice', async () => {
    const player = await newPlayer(server);
    const session = await atFork(player);
    session.room.send('choose', { choiceId: 'lamp' });
    session.room.send('choose', { choiceId: 'lamp' });
    await until(() => session.errors.length > 0);
    expect(session.room.state).toMatchObject({ sceneId: 'bright', diamonds: WELCOME - LAMP_COST });
    expect(lastError(session)).toMatchObject({ code: 'INVALID_CHOICE' });
    expect((await inventory(server, player)).diamonds).toBe(WELCOME - LAMP_COST);
    expect(await premiumLedgerRows(player)).toBe(1);
    expect(session.room.state.flags.get('lamp_lit')).toBe(true);
  });

  it('charges a premium choice once when the client drops, reconnects and sends it again', async () => {
    const player = await newPlayer(server);
    const session = await atFork(player);
    session.room.send('choose', { choiceId: 'lamp' });
    const back = await dropAndReconnect(session);
    open.push(back);
    await until(() => Boolean(back.room.state.sceneId));
    back.room.send('choose', { choiceId: 'lamp' });
    await until(() => back.room.state.sceneId === 'bright' && (back.errors.length > 0 || back.room.state.diamonds !== WELCOME), 3000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(back.room.state.sceneId).toBe('bright');
    expect((await inventory(server, player)).diamonds).toBe(WELCOME - LAMP_COST);
    expect(await premiumLedgerRows(player)).toBe(1);
  });

  it('never overspends when two sessions of one player race premium choices in two stories', async () => {
    const player = await newPlayer(server);
    const [a, b] = [await atFork(player, 'tide-test'), await atFork(player, 'second-tide')];
    a.room.send('choose', { choiceId: 'lamp' });
    b.room.send('choose', { choiceId: 'lamp' });
    await until(() => [a, b].every((s) => s.room.state.sceneId !== 'fork' || s.errors.length > 0));
    const moved = [a, b].filter((s) => s.room.state.sceneId === 'bright');
    const refused = [a, b].filter((s) => s.room.state.sceneId === 'fork' && lastError(s)?.code === 'INSUFFICIENT_DIAMONDS');
    expect([moved.length, refused.length]).toEqual([1, 1]);
    expect(lastError(refused[0]!)?.details).toMatchObject({ needed: LAMP_COST, available: WELCOME - LAMP_COST });
    expect((await inventory(server, player)).diamonds).toBe(WELCOME - LAMP_COST);
    expect(await premiumLedgerRows(player)).toBe(1);
  });

  it('counts a story\'s players: a first opening adds one play; reopening it or its next chapter adds none', async () => {
    const plays = async () => (await server.orm.em.fork().findOneOrFail(Story, { id: 'tide-test' }, { disableIdentityMap: true })).plays;
    const before = await plays();
    const player = await newPlayer(server);
    const first = await start(player);
    expect(await plays()).toBe(before + 1);
    await playToEnd(first);
    await first.room.leave();
    await (await start(player)).room.leave();
    const next = await start(player, 'tide-test', 'tide-test-ch2');
    expect(next.room.state.chapterId).toBe('tide-test-ch2');
    expect(await plays()).toBe(before + 1);
  });

  it('refuses an option not offered or locked, and a malformed message, changing nothing', async () => {
    const player = await newPlayer(server);
    const session = await atFork(player);
    const saved = (await server.call('GET', '/v1/progress/tide-test', { token: player.token })).json;
    for (const [payload, code] of [[{ choiceId: 'teleport' }, 'INVALID_CHOICE'], [{ choiceId: 'secret' }, 'OPTION_LOCKED'], [{ choiceId: 42 }, 'INVALID_MESSAGE'], [{}, 'INVALID_MESSAGE']] as const) {
      await act(session, 'choose', payload);
      expect(lastError(session)?.code).toBe(code);
    }
    session.room.send('fly', {});
    await until(() => lastError(session)?.code === 'UNKNOWN_MESSAGE');
    expect(lastError(session)?.code).toBe('UNKNOWN_MESSAGE');
    expect(session.room.state).toMatchObject({ sceneId: 'fork', status: 'choice', diamonds: WELCOME });
    expect(choiceIds(session)).toEqual(['wait', 'lamp', 'secret']);
    expect((await server.call('GET', '/v1/progress/tide-test', { token: player.token })).json).toEqual(saved);
    expect(session.room.connection.isOpen).toBe(true);
  });

  it('resumes at the saved scene after a forced disconnect, even once the room is gone', async () => {
    const player = await newPlayer(server);
    const session = await atFork(player);
    await act(session, 'choose', { choiceId: 'wait' });
    const roomId = session.room.roomId;
    await session.room.leave(false);
    await colyseus.getRoomById(roomId)?.disconnect(); // as if its process had died
    const resumed = await start(player);
    expect(resumed.room.roomId).not.toBe(roomId);
    expect(resumed.room.state).toMatchObject({ sceneId: 'quiet', status: 'playing' });
    expect(resumed.room.state.relationships.get('Mara')).toBe(1);
  });

  it('keeps sessions private: no token, no entry; another player cannot join by id; unknown stories are refused', async () => {
    const anonymous = new Client(`ws://127.0.0.1:${server.port}`);
    await expect(anonymous.create(STORY_ROOM, { storyId: 'tide-test' })).rejects.toThrow(/UNAUTHENTICATED/);

    const owner = await start(await newPlayer(server));
    const intruder = new Client(`ws://127.0.0.1:${server.port}`);
    intruder.auth.token = (await newPlayer(server)).token;
    await expect(intruder.joinById(owner.room.roomId, { storyId: 'tide-test' })).rejects.toThrow();

    await expect(intruder.create(STORY_ROOM, { storyId: 'no-such-story' })).rejects.toThrow(/STORY_NOT_FOUND/);
    await expect(intruder.create(STORY_ROOM, { storyId: 'Bad Id!' })).rejects.toThrow(/INVALID_OPTIONS/);
  });
});

describeEachEngine('shipped stories', (engine) => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer(engine, { KEYS_CAP: '50', WELCOME_DIAMONDS: '500' }); });
  afterAll(async () => { await server?.close(); });

  it('every shipped chapter can be played from its first scene to an ending', async () => {
    const stories = (await server.call('GET', '/v1/stories?limit=50')).json.items as { id: string }[];
    expect(stories.length).toBeGreaterThanOrEqual(1);
    const player = await newPlayer(server);
    for (const { id } of stories) {
      const chapters = (await server.call('GET', `/v1/stories/${id}`)).json.chapters as { id: string }[];
      for (const chapter of chapters) {
        const session = await ready(await openSession(server, player, { storyId: id, chapterId: chapter.id }));
        const scenes = await playToEnd(session);
        expect(session.room.state.status, `${chapter.id} via ${scenes.join(' → ')}`).toBe('ended');
        await session.room.leave();
      }
    }
  });
});
