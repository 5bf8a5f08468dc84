import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ChapterDraft } from '../database/entities';
import { describeEachEngine } from '../../testing/test-database';
import { startTestServer, type TestServer } from '../../testing/test-server';
import { putChapter, registerWriter, sampleChapter, writerWithStory } from './studio-test-kit';

// A chapter upload may be a Twine source (.twee as text/x-twee, published .html as text/html, what
// the web client sends): imported by the same importer as the content CLI, then linted and kept.

const TWINE = join(__dirname, '..', '..', 'content-pipeline', 'fixtures', 'import', 'twine');
const twee = readFileSync(join(TWINE, 'sugarcube-twee', 'source.twee'), 'utf8');
const html = readFileSync(join(TWINE, 'chapbook-html', 'source.html'), 'utf8');
const hostile = readFileSync(join(TWINE, 'hostile-twee', 'source.twee'), 'utf8');

describeEachEngine('studio chapter uploads of Twine sources', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine, { AUTH_RATE_LIMIT_PER_MINUTE: '100000' });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  const draftRow = (id: string) => server.orm.em.fork().findOne(ChapterDraft, { id }, { populate: ['source', 'bundle'] });

  it('imports a .twee upload as this chapter: renamed to the URL, numbered after the story’s chapters, kept as a clean draft', async () => {
    const { token, storyId } = await writerWithStory(server);
    expect((await putChapter(server, token, storyId, `${storyId}-ch1`, sampleChapter())).status).toBe(200);
    const answer = await putChapter(server, token, storyId, `${storyId}-market`, twee, 'text/x-twee; charset=utf-8');
    expect(answer.status).toBe(200);
    expect(answer.json.chapter).toMatchObject({ id: `${storyId}-market`, number: 2, title: 'Night Market', state: 'draft', problems: [] });
    // The importer's warnings come with the answer, at file:line.
    expect(answer.json.problems).toEqual([{ file: `${storyId}-market.twee`, line: 17, severity: 'warning', code: 'TWINE_SPECIAL_PASSAGE', message: expect.stringContaining('StoryCaption') }]);
    const row = (await draftRow(`${storyId}-market`))!;
    const source = JSON.parse(row.source);
    expect(source).toMatchObject({ _id: `${storyId}-market`, storyId, chapterNumber: 2, startSceneId: 'begin' });
    expect(source.scenes.gate.timeline).toContainEqual({ type: 'dialogue', character: 'Vendor', text: 'Masks! Masks for the moon festival!' });
    expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);

    // Uploading it again keeps its number.
    expect((await putChapter(server, token, storyId, `${storyId}-market`, twee, 'text/x-twee')).json.chapter.number).toBe(2);
  });

  it('imports a published Twine 2 .html upload', async () => {
    const { token, storyId } = await writerWithStory(server);
    const answer = await putChapter(server, token, storyId, `${storyId}-orchard`, html, 'text/html; charset=utf-8');
    expect(answer.status).toBe(200);
    expect(answer.json.chapter).toMatchObject({ number: 1, title: 'The Orchard', problems: [] });
  });

  it('refuses a source with JavaScript: 422 with every problem at file:line, and keeps nothing', async () => {
    const { token, storyId } = await writerWithStory(server);
    const chapterId = `${storyId}-evil`;
    const refused = await putChapter(server, token, storyId, chapterId, hostile, 'text/x-twee');
    expect(refused.status).toBe(422);
    expect(refused.json.error.code).toBe('CONTENT_INVALID');
    const problems = refused.json.error.details.problems as { file: string; line: number; code: string; severity: string }[];
    expect(problems).toContainEqual(expect.objectContaining({ file: `${chapterId}.twee`, line: 8, code: 'TWINE_JAVASCRIPT', severity: 'error' }));
    expect(problems).toContainEqual(expect.objectContaining({ line: 19, code: 'TWINE_JAVASCRIPT' }));
    expect(refused.json.error.message).toMatch(new RegExp(`${chapterId}\\.twee:8`));
    expect(await draftRow(chapterId)).toBeNull();
  });

  it('checks the writer before importing: another writer’s story is refused whatever the source says', async () => {
    const { storyId } = await writerWithStory(server);
    const other = await registerWriter(server, 'other');
    const answer = await putChapter(server, other.token, storyId, `${storyId}-evil`, hostile, 'text/x-twee');
    expect([403, 404]).toContain(answer.status);
    expect(answer.json.error.details?.problems).toBeUndefined();
  });

  it('still reads any other Content-Type as a chapter document', async () => {
    const { token, storyId } = await writerWithStory(server);
    const answer = await putChapter(server, token, storyId, `${storyId}-ch1`, JSON.stringify(sampleChapter()), 'application/x-www-form-urlencoded');
    expect(answer.status).toBe(200);
  });
});
