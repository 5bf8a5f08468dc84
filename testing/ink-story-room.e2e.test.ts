import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { LedgerEntry, PlayerProgress } from '../server/database/entities';
import { describeEachEngine } from './test-database';
import { startTestServer, type TestServer } from './test-server';
import { act, inventory, lastError, newPlayer, openSession, ready, until, type Player, type Session } from './story-test-kit';

// An ink story on a real database: ink's state is saved in player_progress.ink_state with the step
// and the charge, a new session resumes exactly there, and REST never shows it.
const INK_CONTENT = fileURLToPath(new URL('../rooms/story/fixtures/ink-content', import.meta.url));
const WELCOME = 10;
const FERRY_COST = 4;

describeEachEngine('story room playing ink', (engine) => {
  let server: TestServer;
  const open: Session[] = [];

  beforeAll(async () => {
    server = await startTestServer(engine, { CONTENT_DIR: INK_CONTENT, KEYS_CAP: '3', WELCOME_DIAMONDS: String(WELCOME), KEY_REGEN_SECONDS: '86400' });
  });
  afterEach(async () => {
    for (const session of open.splice(0)) if (session.room.connection.isOpen) await session.room.leave().catch(() => undefined);
  });
  afterAll(async () => { await server?.close(); });

  const start = async (player: Player, chapterId?: string) => {
    const session = await ready(await openSession(server, player, chapterId ? { storyId: 'bell-harbour', chapterId } : { storyId: 'bell-harbour' }));
    open.push(session);
    return session;
  };
  const shown = (session: Session) => ({
    sceneId: session.room.state.sceneId,
    lines: session.room.state.timeline.map((l) => `${l.character}|${l.text}`),
    choices: session.room.state.choices.map((c) => `${c.id}|${c.text}|${c.cost}`),
  });
  const choiceId = (session: Session, text: string) => session.room.state.choices.find((c) => c.text === text)!.id;

  it('resumes in a new session exactly where ink stood, random line included, and charges a premium choice once when sent twice', async () => {
    const player = await newPlayer(server);
    const first = await start(player);
    const before = shown(first);
    expect(before.choices).toHaveLength(2);
    await first.room.leave();
    const again = await start(player);
    expect(shown(again)).toEqual(before);

    const ferry = choiceId(again, 'Pay the ferryman');
    again.room.send('choose', { choiceId: ferry });
    again.room.send('choose', { choiceId: ferry });
    await until(() => again.errors.length > 0 && again.room.state.status === 'ended');
    expect(lastError(again)).toMatchObject({ code: 'INVALID_CHOICE' });
    expect((await inventory(server, player)).diamonds).toBe(WELCOME - FERRY_COST);
    expect(await server.orm.em.fork().count(LedgerEntry, { user: player.userId, reason: 'premium_choice' })).toBe(1);
    const row = await server.orm.em.fork().findOneOrFail(PlayerProgress, { user: player.userId, story: 'bell-harbour' });
    expect(row.inkState).toEqual(expect.any(String));

    const progress = (await server.call('GET', '/v1/progress/bell-harbour', { token: player.token })).json;
    expect(progress).toMatchObject({ chapterId: 'bell-harbour-harbour', status: 'ended', relationships: { Wren: 2 }, completedChapterIds: ['bell-harbour-harbour'] });
    expect(JSON.stringify(progress)).not.toMatch(/inkState|ink_state/);

    const next = await start(player, 'bell-harbour-boat');
    expect(next.room.state).toMatchObject({ chapterId: 'bell-harbour-boat', status: 'choice' });
    await act(next, 'choose', { choiceId: choiceId(next, 'Listen') });
    expect(next.room.state.status).toBe('ended');
    expect(next.room.state.timeline.map((l) => l.text)).toEqual(['Nothing answers.']);
  });
});
