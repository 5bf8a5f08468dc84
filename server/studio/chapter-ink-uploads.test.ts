import { afterAll, beforeAll, expect, it } from 'vitest';
import { ChapterDraft, ChapterVersion, LedgerEntry } from '../database/entities';
import { describeEachEngine } from '../../testing/test-database';
import { startTestServer, type TestServer } from '../../testing/test-server';
import { inventory, newPlayer, openSession, ready, until } from '../../testing/story-test-kit';
import { tinyPng } from '../../testing/media-samples';
import { putChapter, sampleChapter, uploadAsset, writerWithStory } from './studio-test-kit';

// An .ink upload (text/x-ink, what the web client sends) is one studio chapter: the whole file is
// its story, compiled by the pipeline, kept with format 'ink', published as an ink chapter bundle.

const INK = [
  'Rain drums on the roof.',
  '# background: art/rain.png',
  'MIRA: You came back.',
  '* [Stay] You stay.',
  '* [Leave # cost: 3] You leave.',
  '- The night goes on.',
  '-> END',
  '',
].join('\n');

const BROKEN = ['Hello.', '-> nowhere', '== knot ==', '{ oops', '-> END', ''].join('\n');

describeEachEngine('studio chapter uploads of ink sources', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine, { AUTH_RATE_LIMIT_PER_MINUTE: '100000' });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  const draftRow = (id: string) => server.orm.em.fork().findOne(ChapterDraft, { id }, { populate: ['source', 'bundle'] });

  it('keeps an .ink upload as a clean ink draft beside a scene chapter, warning about art not uploaded (file:line)', async () => {
    const { token, storyId } = await writerWithStory(server);
    expect((await putChapter(server, token, storyId, `${storyId}-ch1`, sampleChapter())).status).toBe(200);
    const answer = await putChapter(server, token, storyId, `${storyId}-rain`, INK, 'text/x-ink; charset=utf-8');
    expect(answer.status).toBe(200);
    expect(answer.json.chapter).toMatchObject({ id: `${storyId}-rain`, number: 2, title: 'Chapter 2', state: 'draft' });
    expect(answer.json.problems).toEqual([expect.objectContaining({ file: `${storyId}-rain.ink`, line: 2, severity: 'warning', code: 'INK_MISSING_ASSET' })]);
    const row = (await draftRow(`${storyId}-rain`))!;
    expect(row.format).toBe('ink');
    expect(row.source).toBe(INK);
    expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(row.bundle).toMatchObject({ format: 'ink', id: `${storyId}-rain`, storyId, number: 2, startKnot: null, chapterKnots: [], assets: [] });

    // The scene chapter still uploads beside it (the ink draft is not read as a chapter document).
    expect((await putChapter(server, token, storyId, `${storyId}-ch1`, sampleChapter({ title: 'Again' }))).status).toBe(200);
    // Uploading it again keeps its number.
    expect((await putChapter(server, token, storyId, `${storyId}-rain`, INK, 'text/x-ink')).json.chapter.number).toBe(2);
  });

  it('checks the art its tags name against the story’s uploads: uploaded art is the bundle’s, without a warning', async () => {
    const { token, storyId } = await writerWithStory(server);
    expect((await uploadAsset(server, token, storyId, 'art/rain.png', tinyPng(), 'image/png')).status).toBe(201);
    const answer = await putChapter(server, token, storyId, `${storyId}-rain`, INK, 'text/x-ink');
    expect(answer.status).toBe(200);
    expect(answer.json.problems).toEqual([]);
    expect((await draftRow(`${storyId}-rain`))!.bundle).toMatchObject({ format: 'ink', assets: ['art/rain.png'] });
  });

  it('refuses an ink source that does not compile: 422 with its problems at file:line, and keeps nothing', async () => {
    const { token, storyId } = await writerWithStory(server);
    const chapterId = `${storyId}-broken`;
    const refused = await putChapter(server, token, storyId, chapterId, BROKEN, 'text/x-ink');
    expect(refused.status).toBe(422);
    expect(refused.json.error.code).toBe('CONTENT_INVALID');
    const problems = refused.json.error.details.problems as { file: string; line?: number; severity: string; code: string }[];
    expect(problems.length).toBeGreaterThan(0);
    expect(problems).toContainEqual(expect.objectContaining({ file: `${chapterId}.ink`, line: expect.any(Number), severity: 'error', code: 'INK_COMPILE_ERROR' }));
    expect(refused.json.error.message).toMatch(new RegExp(`${chapterId}\\.ink:\\d+`));
    expect(await draftRow(chapterId)).toBeNull();
  });

  it('refuses # chapter: knots: in the studio each chapter is its own .ink file', async () => {
    const { token, storyId } = await writerWithStory(server);
    const text = ['-> one', '== one ==', '# chapter: One', 'A.', '-> two', '== two ==', '# chapter: Two', 'B.', '-> END', ''].join('\n');
    const refused = await putChapter(server, token, storyId, `${storyId}-two`, text, 'text/x-ink');
    expect(refused.status).toBe(422);
    expect(refused.json.error.details.problems).toContainEqual(expect.objectContaining({ code: 'INK_CHAPTER_TAGS', message: expect.stringContaining('its own .ink file') }));
    expect(await draftRow(`${storyId}-two`)).toBeNull();
  });

  it('publishes an ink chapter as an ink bundle, served to the owner’s preview and to readers with format ink', async () => {
    const { token, storyId } = await writerWithStory(server);
    const chapterId = `${storyId}-ch1`;
    expect((await putChapter(server, token, storyId, chapterId, INK, 'text/x-ink')).status).toBe(200);
    const preview = await server.call('GET', `/v1/studio/stories/${storyId}/chapters/${chapterId}/bundle`, { token });
    expect(preview.json).toMatchObject({ format: 'ink', id: chapterId, number: 1 });
    const published = await server.call('POST', `/v1/studio/stories/${storyId}/chapters/${chapterId}/publish`, { token, body: {} });
    expect(published.status).toBe(200);
    const version = await server.orm.em.fork().findOneOrFail(ChapterVersion, { chapterId }, { populate: ['bundle'] });
    expect(version.bundle).toMatchObject({ format: 'ink', id: chapterId, startKnot: null });
    const readers = await server.call('GET', `/v1/stories/${storyId}`);
    const listed = readers.json.chapters.find((c: { id: string }) => c.id === chapterId);
    expect(listed).toBeDefined();
    const bundle = await server.call('GET', listed.bundleUrl);
    expect(bundle.status).toBe(200);
    expect(bundle.json).toMatchObject({ format: 'ink', id: chapterId, ink: expect.any(Object) });
  });

  it('plays a published ink chapter in the story room: its lines, a premium choice charged once when sent twice, to the end', async () => {
    const { token, storyId } = await writerWithStory(server);
    const chapterId = `${storyId}-ch1`;
    expect((await putChapter(server, token, storyId, chapterId, INK, 'text/x-ink')).status).toBe(200);
    expect((await server.call('POST', `/v1/studio/stories/${storyId}/chapters/${chapterId}/publish`, { token, body: {} })).status).toBe(200);
    const player = await newPlayer(server);
    const session = await ready(await openSession(server, player, { storyId }));
    try {
      expect(session.room.state.timeline.map((l) => l.text)[0]).toBe('Rain drums on the roof.');
      expect(session.room.state.timeline.map((l) => l.text).join(' ')).toContain('You came back.');
      expect(session.room.state.choices.map((c) => c.text)).toEqual(['Stay', 'Leave']);
      expect(session.room.state.choices.map((c) => c.cost)).toEqual([0, 3]);
      const before = (await inventory(server, player)).diamonds;
      const leave = session.room.state.choices.find((c) => c.text === 'Leave')!.id;
      session.room.send('choose', { choiceId: leave });
      session.room.send('choose', { choiceId: leave });
      await until(() => session.room.state.status === 'ended');
      expect((await inventory(server, player)).diamonds).toBe(before - 3);
      expect(await server.orm.em.fork().count(LedgerEntry, { user: player.userId, reason: 'premium_choice' })).toBe(1);
      expect(session.room.state.timeline.map((l) => l.text)).toContain('The night goes on.');
    } finally {
      await session.room.leave().catch(() => undefined);
    }
  });

  it('previews an unpublished ink draft in the story room for its writer', async () => {
    const writer = await writerWithStory(server);
    const chapterId = `${writer.storyId}-ch1`;
    expect((await putChapter(server, writer.token, writer.storyId, chapterId, INK, 'text/x-ink')).status).toBe(200);
    const session = await ready(await openSession(server, writer, { storyId: writer.storyId, chapterId, preview: true }));
    try {
      expect(session.room.state).toMatchObject({ preview: true, chapterId });
      expect(session.room.state.timeline.map((l) => l.text)[0]).toBe('Rain drums on the roof.');
      expect(session.room.state.choices.map((c) => c.text)).toEqual(['Stay', 'Leave']);
    } finally {
      await session.room.leave().catch(() => undefined);
    }
  });
});
