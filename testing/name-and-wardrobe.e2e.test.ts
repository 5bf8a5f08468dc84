/**
 * A name and a wardrobe through the whole composition on a real database (each engine): the name
 * is saved and stands for {name}; a premium outfit is charged once — sent twice, from two sessions
 * at once, or again after a restart — with a ledger row; free and owned outfits cost nothing.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { StoryProgress } from '../api/progress';
import { createScratchPostgres, type ScratchPostgres } from '../server/database/scratch-postgres';
import { act, inventory, lastError, newPlayer, openSession, ready, until, type Player, type Session } from './story-test-kit';
import { describeEachEngine } from './test-database';
import { startTestServer, type TestServer } from './test-server';

const FIXTURE_CONTENT = fileURLToPath(new URL('../rooms/story/fixtures/content', import.meta.url));
const STORY = 'tide-test';
const GOWN_COST = 12;
const WELCOME = 40;

/** The fixture story with a protagonist, a wardrobe of a free and a premium outfit, and {name} in the second scene. */
function contentWithWardrobe(): string {
  const content = join(mkdtempSync(join(tmpdir(), 'wardrobe-')), 'content');
  cpSync(FIXTURE_CONTENT, content, { recursive: true });
  const storyFile = join(content, STORY, 'story.json');
  const story = JSON.parse(readFileSync(storyFile, 'utf8'));
  writeFileSync(storyFile, JSON.stringify({ ...story, protagonist: { defaultName: 'Rowan', nameable: true }, outfits: [{ id: 'coat', name: 'Storm coat' }, { id: 'gown', name: 'Silver gown', cost: GOWN_COST }] }));
  const chapterFile = join(content, STORY, 'chapters', '01.json');
  const chapter = JSON.parse(readFileSync(chapterFile, 'utf8'));
  Object.assign(chapter.scenes.dock, { nameEntry: true, wardrobe: true });
  chapter.scenes.fork.timeline.push({ type: 'narration', text: 'Choose well, {name}.' });
  writeFileSync(chapterFile, JSON.stringify(chapter));
  return content;
}

describeEachEngine('a name and a wardrobe', (engine) => {
  let server: TestServer;
  let scratch: ScratchPostgres | undefined;
  let env: Record<string, string>;
  const content = contentWithWardrobe();
  const dataDir = mkdtempSync(join(tmpdir(), 'storyverse-wardrobe-'));
  const sessions: Session[] = [];

  beforeAll(async () => {
    scratch = engine === 'postgresql' ? await createScratchPostgres() : undefined;
    env = { CONTENT_DIR: content, WELCOME_DIAMONDS: String(WELCOME), DATA_DIR: dataDir, ...(scratch ? { DATABASE_URL: scratch.url } : {}) };
    server = await startTestServer('sqlite', env);
  }, 60_000);
  afterAll(async () => {
    for (const s of sessions) if (s.room.connection.isOpen) await s.room.leave().catch(() => undefined);
    await server?.close();
    await scratch?.drop();
    rmSync(join(content, '..'), { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  const open = async (player: Player): Promise<Session> => {
    const session = await ready(await openSession(server, player, { storyId: STORY }));
    sessions.push(session);
    return session;
  };
  const progress = async (player: Player) => (await server.call('GET', `/v1/progress/${STORY}`, { token: player.token })).json as StoryProgress;
  const ledgerOf = async (player: Player) => (await server.orm.em.fork().getConnection().execute(`select reason, idempotency_key from currency_ledger where user_id = ? and reason = 'premium_outfit'`, [player.userId])) as { reason: string }[];

  it('names the character where the scene asks, saves it, and puts it in the text', async () => {
    const player = await newPlayer(server);
    const session = await open(player);
    expect(session.room.state).toMatchObject({ sceneId: 'dock', asksName: true, wardrobe: true, playerName: 'Rowan' });
    session.room.send('name', { name: '<b>x</b>' });
    expect(await until(() => lastError(session)?.code === 'INVALID_NAME')).toBe(true);
    session.room.send('name', { name: '  Ione  ' });
    expect(await until(() => session.room.state.playerName === 'Ione')).toBe(true);
    await act(session, 'advance');
    expect(session.room.state.timeline.map((line) => line.text)).toContain('Choose well, Ione.');
    expect(session.room.state.asksName).toBe(false);
    session.room.send('name', { name: 'Ada' });
    expect(await until(() => lastError(session)?.code === 'NAME_NOT_ASKED')).toBe(true);
    expect(await progress(player)).toMatchObject({ playerName: 'Ione', outfit: null, ownedOutfits: [] });
  });

  it('charges a premium outfit once, however it is sent, and wearing free or owned ones costs nothing', async () => {
    const player = await newPlayer(server);
    const [a, b] = [await open(player), await open(player)];
    // Sent twice from one session and once from another at the same moment.
    a.room.send('wear', { outfitId: 'gown' });
    a.room.send('wear', { outfitId: 'gown' });
    b.room.send('wear', { outfitId: 'gown' });
    expect(await until(() => a.room.state.outfit === 'gown' || b.room.state.outfit === 'gown', 5000)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await inventory(server, player)).diamonds).toBe(WELCOME - GOWN_COST);
    expect(await ledgerOf(player)).toHaveLength(1);
    const session = await open(player);
    session.room.send('wear', { outfitId: 'coat' });
    expect(await until(() => session.room.state.outfit === 'coat')).toBe(true);
    session.room.send('wear', { outfitId: 'gown' });
    expect(await until(() => session.room.state.outfit === 'gown')).toBe(true);
    expect([...session.room.state.ownedOutfits]).toEqual(['gown']);
    expect((await inventory(server, player)).diamonds).toBe(WELCOME - GOWN_COST);
    session.room.send('wear', { outfitId: 'cape' });
    expect(await until(() => lastError(session)?.code === 'UNKNOWN_OUTFIT')).toBe(true);
    expect(await progress(player)).toMatchObject({ outfit: 'gown', ownedOutfits: ['gown'] });

    // A restart keeps what was bought: wearing it again is still free.
    for (const s of sessions.splice(0)) await s.room.leave().catch(() => undefined);
    await server.close();
    server = await startTestServer('sqlite', env);
    const again = await open(player);
    expect(again.room.state).toMatchObject({ outfit: 'gown', playerName: 'Rowan' });
    again.room.send('wear', { outfitId: 'coat' });
    expect(await until(() => again.room.state.outfit === 'coat')).toBe(true);
    again.room.send('wear', { outfitId: 'gown' });
    expect(await until(() => again.room.state.outfit === 'gown')).toBe(true);
    expect((await inventory(server, player)).diamonds).toBe(WELCOME - GOWN_COST);
    expect(await ledgerOf(player)).toHaveLength(1);
  }, 60_000);

  it('refuses a premium outfit the player cannot afford, and changes nothing', async () => {
    // A player with fewer diamonds than the gown costs (set in the database: buying diamonds is the store's business).
    const poor = await newPlayer(server);
    await server.orm.em.fork().getConnection().execute('update wallets set diamonds = 5 where user_id = ?', [poor.userId]);
    const broke = await open(poor);
    broke.room.send('wear', { outfitId: 'gown' });
    expect(await until(() => lastError(broke)?.code === 'INSUFFICIENT_DIAMONDS')).toBe(true);
    expect(broke.room.state.outfit).toBe('');
    expect((await inventory(server, poor)).diamonds).toBe(5);
    expect(await progress(poor)).toMatchObject({ outfit: null, ownedOutfits: [] });
  });
});
