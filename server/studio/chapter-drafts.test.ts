import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContentDir } from '../../content-pipeline';
import { ChapterDraft } from '../database/entities';
import { describeEachEngine } from '../../testing/test-database';
import { startTestServer, type TestServer } from '../../testing/test-server';
import { transportsUnderTest } from '../../testing/transports';
import { MAX_CHAPTER_BYTES } from './chapter-document';
import { createStory, putChapter, registerWriter, sampleChapter, writerWithStory } from './studio-test-kit';

const TRANSPORTS = await transportsUnderTest();

describeEachEngine('studio chapter uploads over HTTP', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine, { AUTH_RATE_LIMIT_PER_MINUTE: '100000' });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  const draftRow = (id: string) => server.orm.em.fork().findOne(ChapterDraft, { id }, { populate: ['source', 'bundle'] });

  it('keeps a clean chapter as a draft, built into the bundle and hash the content pipeline gives, ids filled in', async () => {
    const { token, storyId } = await writerWithStory(server);
    const chapterId = `${storyId}-ch1`;
    const uploaded = await putChapter(server, token, storyId, chapterId, sampleChapter());
    expect(uploaded.status).toBe(200);
    expect(uploaded.json).toEqual({
      chapter: { id: chapterId, number: 1, title: 'Arrival', state: 'draft', version: 0, sha256: null, releaseAt: null, hasUnpublishedChanges: true, problems: [], versions: [] },
      problems: [],
    });

    const row = (await draftRow(chapterId))!;
    expect(row).toMatchObject({ number: 1, title: 'Arrival', format: 'storyverse', problems: [], assetPaths: [], story: { id: storyId } });
    expect(JSON.parse(row.source)).toEqual({ _id: chapterId, storyId, ...sampleChapter() });

    // The same chapter, as a file of a story folder in CONTENT_DIR.
    const root = mkdtempSync(join(tmpdir(), 'studio-draft-'));
    try {
      mkdirSync(join(root, storyId, 'chapters'), { recursive: true });
      writeFileSync(join(root, storyId, 'story.json'), JSON.stringify({ id: storyId, title: 'Any title', description: '', genre: 'mystery' }));
      writeFileSync(join(root, storyId, 'chapters', 'one.json'), row.source);
      const loaded = (await loadContentDir(root)).stories[0]!.chapters[0]!;
      expect(row.sha256).toBe(loaded.sha256);
      expect(row.bundle).toEqual(loaded.bundle);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }

    const listed = await server.call('GET', '/v1/studio/stories', { token });
    expect(listed.json.items[0].chapters).toEqual([uploaded.json.chapter]);
  });

  it('keeps a broken chapter as a draft with its problems by scene (422 CONTENT_INVALID), and takes the fix', async () => {
    const { token, storyId } = await writerWithStory(server);
    const chapterId = `${storyId}-ch1`;
    const clean = await putChapter(server, token, storyId, chapterId, sampleChapter());
    const cleanSha = (await draftRow(chapterId))!.sha256;

    const broken = sampleChapter({ background: 'assets/bg.png' });
    broken.scenes.crossroads.choice.options[0].nextSceneId = 'scene_nowhere';
    const refused = await putChapter(server, token, storyId, chapterId, broken);
    expect(refused.status).toBe(422);
    expect(refused.json.error.code).toBe('CONTENT_INVALID');
    const problems = refused.json.error.details.problems as { scene?: string; code: string; severity: string; message: string }[];
    expect(problems).toContainEqual({ scene: 'crossroads', code: 'DANGLING_NEXT_SCENE', severity: 'error', message: expect.stringContaining('scene_nowhere') });
    expect(problems).toContainEqual({ scene: 'opening', code: 'MISSING_ASSET', severity: 'error', message: expect.stringContaining('assets/bg.png') });
    expect(refused.json.error.message).toMatch(/kept as a draft/);

    const kept = (await draftRow(chapterId))!;
    expect(kept).toMatchObject({ sha256: null, bundle: null, assetPaths: ['assets/bg.png'] });
    expect(kept.problems.map((p) => p.code)).toEqual(problems.map((p) => p.code));
    const listed = (await server.call('GET', '/v1/studio/stories', { token })).json.items[0].chapters[0];
    expect(listed).toMatchObject({ id: chapterId, state: 'draft', hasUnpublishedChanges: true, problems });

    const fixed = await putChapter(server, token, storyId, chapterId, sampleChapter());
    expect([fixed.status, fixed.json.problems, fixed.json.chapter.problems]).toEqual([200, [], []]);
    expect((await draftRow(chapterId))!.sha256).toBe(cleanSha);
    expect(clean.json.chapter).toEqual(fixed.json.chapter);
  });

  it('answers 200 with warnings, which do not block', async () => {
    const { token, storyId } = await writerWithStory(server);
    const gated = sampleChapter();
    gated.scenes.crossroads.choice.options[0].requires = [{ flag: 'met_the_keeper' }];
    const answer = await putChapter(server, token, storyId, `${storyId}-ch1`, gated);
    expect(answer.status).toBe(200);
    expect(answer.json.problems).toEqual([{ scene: 'crossroads', code: 'FLAG_NEVER_SET', severity: 'warning', message: expect.stringContaining('met_the_keeper') }]);
    expect((await draftRow(`${storyId}-ch1`))!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('judges chapter numbers and flags across the story\'s chapters', async () => {
    const { token, storyId } = await writerWithStory(server);
    expect((await putChapter(server, token, storyId, `${storyId}-ch1`, sampleChapter({ number: 1 }))).status).toBe(200);
    const clash = await putChapter(server, token, storyId, `${storyId}-ch2`, sampleChapter({ number: 1 }));
    expect([clash.status, clash.json.error.details.problems[0].code]).toEqual([422, 'DUPLICATE_CHAPTER_NUMBER']);

    const second = sampleChapter({ number: 2 });
    second.scenes.crossroads.choice.options[0].requires = [{ flag: 'gave_ring' }]; // set in chapter 1
    delete second.scenes.crossroads.choice.options[1].flag;
    const answer = await putChapter(server, token, storyId, `${storyId}-ch2`, second);
    expect([answer.status, answer.json.problems]).toEqual([200, []]);
    const numbers = (await server.call('GET', '/v1/studio/stories', { token })).json.items[0].chapters.map((c: { number: number }) => c.number);
    expect(numbers).toEqual([1, 2]);
  });

  it('refuses ids in the document that are not the route\'s (400), and stores nothing', async () => {
    const { token, storyId } = await writerWithStory(server);
    const chapterId = `${storyId}-ch1`;
    const wrongChapter = await putChapter(server, token, storyId, chapterId, { ...sampleChapter(), _id: 'another-ch' });
    expect([wrongChapter.status, wrongChapter.json.error.code]).toEqual([400, 'CHAPTER_ID_MISMATCH']);
    const wrongStory = await putChapter(server, token, storyId, chapterId, { ...sampleChapter(), storyId: 'another-story' });
    expect([wrongStory.status, wrongStory.json.error.code]).toEqual([400, 'STORY_ID_MISMATCH']);
    const unstorable = await putChapter(server, token, storyId, chapterId, { ...sampleChapter(), title: 'nul \u0000' });
    expect([unstorable.status, unstorable.json.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const badId = await putChapter(server, token, storyId, '.hidden', sampleChapter());
    expect([badId.status, badId.json.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(await draftRow(chapterId)).toBeNull();
  });

  it('refuses a chapter id another story has (409 CHAPTER_ID_TAKEN), a content chapter\'s too, and changes neither', async () => {
    const first = await writerWithStory(server);
    const second = await writerWithStory(server);
    const chapterId = `${first.storyId}-ch1`;
    await putChapter(server, first.token, first.storyId, chapterId, sampleChapter());
    const before = await draftRow(chapterId);
    const taken = await putChapter(server, second.token, second.storyId, chapterId, sampleChapter({ title: 'Stolen' }));
    expect([taken.status, taken.json.error.code]).toEqual([409, 'CHAPTER_ID_TAKEN']);
    expect(await draftRow(chapterId)).toEqual(before);

    const contentStory = (await server.call('GET', '/v1/stories')).json.items[0].id as string;
    const contentChapter = (await server.call('GET', `/v1/stories/${contentStory}`)).json.chapters[0].id as string;
    const house = await putChapter(server, second.token, second.storyId, contentChapter, sampleChapter());
    expect([house.status, house.json.error.code]).toEqual([409, 'CHAPTER_ID_TAKEN']);
    expect(await draftRow(contentChapter)).toBeNull();
  });

  it('gives two stories racing for one new chapter id one draft and one 409', async () => {
    const writers = await Promise.all([writerWithStory(server), writerWithStory(server)]);
    const chapterId = `race-${engine}-${Date.now().toString(36)}`;
    const answers = await Promise.all(writers.map((w) => putChapter(server, w.token, w.storyId, chapterId, sampleChapter())));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const winner = writers[answers.findIndex((a) => a.status === 200)]!;
    expect((await draftRow(chapterId))!.story.id).toBe(winner.storyId);
  });

  it('refuses another account (403 NOT_YOUR_STORY) and an unknown story (404), storing nothing', async () => {
    const { storyId } = await writerWithStory(server);
    const other = await registerWriter(server);
    const stolen = await putChapter(server, other.token, storyId, `${storyId}-ch9`, sampleChapter());
    expect([stolen.status, stolen.json.error.code]).toEqual([403, 'NOT_YOUR_STORY']);
    const unknown = await putChapter(server, other.token, 'no-such-story', 'no-such-story-ch1', sampleChapter());
    expect([unknown.status, unknown.json.error.code]).toEqual([404, 'STORY_NOT_FOUND']);
    expect(await draftRow(`${storyId}-ch9`)).toBeNull();
  });

});

// Its own servers, one at a time (Colyseus' matchmaker is a module singleton): each transport hands
// bodies over to Express its own way.
describeEachEngine('studio chapter bodies', (engine) => {
  describe.each(TRANSPORTS)('read on the %s transport', (transport) => {
    let onTransport: TestServer;
    beforeAll(async () => {
      onTransport = await startTestServer(engine, { TRANSPORT: transport, AUTH_RATE_LIMIT_PER_MINUTE: '100000' });
    }, 60_000);
    afterAll(async () => {
      await onTransport?.close();
    });

    /** A clean chapter padded with narration to about `bytes` of JSON. */
    function chapterOfSize(bytes: number) {
      const chapter = sampleChapter();
      const line = { type: 'narration', text: 'The sea keeps time. '.repeat(50) };
      const count = Math.ceil(bytes / JSON.stringify(line).length);
      chapter.scenes.opening.timeline = Array.from({ length: count }, () => line);
      return chapter;
    }

    it('takes a long chapter above the 64 KiB of other routes, sent with any content type', async () => {
      const writer = await registerWriter(onTransport);
      const storyId = await createStory(onTransport, writer.token);
      const long = JSON.stringify(chapterOfSize(600 * 1024));
      const answer = await onTransport.call('PUT', `/v1/studio/stories/${storyId}/chapters/${storyId}-ch1`, { token: writer.token, body: long, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect([answer.status, answer.json.problems]).toEqual([200, []]);
    });

    it(`refuses more than ${MAX_CHAPTER_BYTES} bytes (413), malformed JSON and non-objects (400), storing nothing`, async () => {
      const writer = await registerWriter(onTransport);
      const storyId = await createStory(onTransport, writer.token);
      const path = `/v1/studio/stories/${storyId}/chapters/${storyId}-ch1`;
      const huge = await onTransport.call('PUT', path, { token: writer.token, body: JSON.stringify(chapterOfSize(MAX_CHAPTER_BYTES + 1024)) });
      expect([huge.status, huge.json.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
      expect(huge.json.error.message).toContain('2 MiB');
      const malformed = await onTransport.call('PUT', path, { token: writer.token, body: '{"chapterNumber": 1, "scenes": {' });
      expect([malformed.status, malformed.json.error.code]).toEqual([400, 'MALFORMED_JSON']);
      for (const body of ['[1,2]', '"a string"', '3']) {
        const answer = await onTransport.call('PUT', path, { token: writer.token, body });
        expect(answer.status, body).toBe(400);
      }
      const anonymous = await onTransport.call('PUT', path, { body: JSON.stringify(chapterOfSize(MAX_CHAPTER_BYTES + 1024)) });
      expect([anonymous.status, anonymous.json.error.code]).toEqual([401, 'UNAUTHENTICATED']);
      expect(await onTransport.orm.em.fork().count(ChapterDraft, { story: storyId })).toBe(0);
    });
  });
});
