import { afterAll, beforeAll, expect, it } from 'vitest';
import { Certificate, ChapterDraft, ChapterVersion } from '../database/entities';
import { ManualClock } from '../shared/clock';
import { describeEachEngine } from '../../testing/test-database';
import { startTestServer, type TestServer } from '../../testing/test-server';
import { createStory, registerWriter, sampleChapter } from './studio-test-kit';

describeEachEngine('studio publishing over HTTP', (engine) => {
  const clock = new ManualClock(new Date());
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine, { AUTH_RATE_LIMIT_PER_MINUTE: '100000' }, clock);
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  const versionsOf = (chapterId: string) => server.orm.em.fork().find(ChapterVersion, { chapterId }, { orderBy: { version: 'asc' }, populate: ['bundle'] });
  const publish = (token: string, storyId: string, chapterId: string, body: unknown = {}) =>
    server.call('POST', `/v1/studio/stories/${storyId}/chapters/${chapterId}/publish`, { token, body });
  const studioChapter = async (token: string, storyId: string) => {
    const story = (await server.call('GET', `/v1/studio/stories/${storyId}`, { token })).json.story;
    return story.chapters[0];
  };

  /** A writer, a story and a clean draft of its first chapter. */
  async function cleanDraft() {
    const writer = await registerWriter(server);
    const storyId = await createStory(server, writer.token);
    const chapterId = `${storyId}-ch1`;
    const upload = await server.call('PUT', `/v1/studio/stories/${storyId}/chapters/${chapterId}`, { token: writer.token, body: sampleChapter() });
    expect(upload.status).toBe(200);
    const draft = await server.orm.em.fork().findOneOrFail(ChapterDraft, { id: chapterId }, { populate: ['bundle'] });
    return { ...writer, storyId, chapterId, draft };
  }

  it('publishes a clean draft now as version 1 with its certificate, in one go', async () => {
    const { token, userId, displayName, storyId, chapterId, draft } = await cleanDraft();
    const published = await publish(token, storyId, chapterId);
    expect(published.status).toBe(200);
    const now = clock.now().toISOString();
    expect(published.json.chapter).toEqual({ id: chapterId, state: 'published', version: 1, sha256: draft.sha256, releaseAt: now });
    expect(published.json.certificate).toMatchObject({ storyId, chapterId, version: 1, sha256: draft.sha256, author: { id: userId, displayName }, algorithm: 'Ed25519', signature: expect.any(String) });

    const [version] = await versionsOf(chapterId);
    expect(version).toMatchObject({ version: 1, sha256: draft.sha256, number: 1, title: 'Arrival', certificateId: published.json.certificate.id });
    expect(version!.bundle).toEqual(draft.bundle);
    expect(version!.releaseAt.toISOString()).toBe(now);
    // Published now: released before the answer, so readers already get it.
    expect(version!.releasedAt).toBeInstanceOf(Date);
    const readers = await server.call('GET', `/v1/stories/${storyId}`);
    expect(readers.json.chapters.map((c: { id: string; sha256: string }) => [c.id, c.sha256])).toEqual([[chapterId, draft.sha256]]);

    const certificate = await server.call('GET', `/v1/certificates/${published.json.certificate.id}`);
    expect(certificate.json).toEqual(published.json.certificate);
    expect(await studioChapter(token, storyId)).toMatchObject({
      state: 'published',
      version: 1,
      sha256: draft.sha256,
      releaseAt: now,
      hasUnpublishedChanges: false,
      versions: [{ version: 1, sha256: draft.sha256, releaseAt: now, certificateId: published.json.certificate.id }],
    });
  });

  it('serves the preview bundle to the owner only: the clean draft, else the latest version (no cache)', async () => {
    const { token, storyId, chapterId, draft } = await cleanDraft();
    const own = await server.call('GET', `/v1/studio/stories/${storyId}/chapters/${chapterId}/bundle`, { token });
    expect([own.status, own.headers.get('cache-control')]).toEqual([200, 'no-store']);
    expect(own.json).toEqual(draft.bundle);
    expect((await publish(token, storyId, chapterId)).status).toBe(200);
    // A draft with problems now: the preview falls back to the published version.
    await server.call('PUT', `/v1/studio/stories/${storyId}/chapters/${chapterId}`, { token, body: { ...sampleChapter(), scenes: { opening: { timeline: [] } } } });
    expect((await server.call('GET', `/v1/studio/stories/${storyId}/chapters/${chapterId}/bundle`, { token })).json).toEqual(draft.bundle);

    const other = await registerWriter(server);
    const refused = await server.call('GET', `/v1/studio/stories/${storyId}/chapters/${chapterId}/bundle`, { token: other.token });
    expect([refused.status, refused.json.error.code]).toEqual([403, 'NOT_YOUR_STORY']);
    expect((await server.call('GET', `/v1/studio/stories/${storyId}/chapters/${chapterId}-x/bundle`, { token })).status).toBe(404);
    expect((await server.call('GET', `/v1/studio/stories/${storyId}/chapters/${chapterId}/bundle`)).status).toBe(401);
  });

  it('publishes each change as the next version, and refuses a publish that changes nothing (409 NOTHING_TO_PUBLISH)', async () => {
    const { token, storyId, chapterId } = await cleanDraft();
    expect((await publish(token, storyId, chapterId)).json.chapter.version).toBe(1);
    const same = await publish(token, storyId, chapterId);
    expect([same.status, same.json.error.code]).toEqual([409, 'NOTHING_TO_PUBLISH']);

    await server.call('PUT', `/v1/studio/stories/${storyId}/chapters/${chapterId}`, { token, body: sampleChapter({ title: 'Arrival, revised' }) });
    expect(await studioChapter(token, storyId)).toMatchObject({ version: 1, hasUnpublishedChanges: true });
    const second = await publish(token, storyId, chapterId);
    expect([second.status, second.json.chapter.version, second.json.certificate.version]).toEqual([200, 2, 2]);
    const versions = await versionsOf(chapterId);
    expect(versions.map((v) => [v.version, v.title])).toEqual([[1, 'Arrival'], [2, 'Arrival, revised']]);
    expect(versions[0]!.sha256).not.toBe(versions[1]!.sha256);
    expect((await studioChapter(token, storyId)).versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it('schedules a release: scheduled until its time, published from then on', async () => {
    const { token, storyId, chapterId } = await cleanDraft();
    const releaseAt = new Date(clock.now().getTime() + 5 * 60_000).toISOString();
    const scheduled = await publish(token, storyId, chapterId, { releaseAt });
    expect(scheduled.json.chapter).toMatchObject({ state: 'scheduled', version: 1, releaseAt });
    expect(await studioChapter(token, storyId)).toMatchObject({ state: 'scheduled', releaseAt });
    clock.advance(5 * 60);
    expect(await studioChapter(token, storyId)).toMatchObject({ state: 'published', releaseAt });
  });

  it('refuses a release time in the past, too far ahead or malformed (400), publishing nothing', async () => {
    const { token, storyId, chapterId } = await cleanDraft();
    const at = (seconds: number) => new Date(clock.now().getTime() + seconds * 1000).toISOString();
    const past = await publish(token, storyId, chapterId, { releaseAt: at(-61) });
    expect([past.status, past.json.error.code]).toEqual([400, 'RELEASE_IN_PAST']);
    expect(past.json.error.message).toMatch(/omit releaseAt to publish now/);
    const far = await publish(token, storyId, chapterId, { releaseAt: at(367 * 24 * 3600) });
    expect([far.status, far.json.error.code]).toEqual([400, 'RELEASE_TOO_FAR']);
    for (const body of [{ releaseAt: 'tomorrow' }, { releaseAt: 1_900_000_000 }, { releaseAt: '2026-13-40T00:00:00Z' }, { when: at(60) }, [], '"now"']) {
      const answer = await publish(token, storyId, chapterId, body);
      expect([answer.status, answer.json.error.code], JSON.stringify(body)).toEqual([400, 'VALIDATION_FAILED']);
    }
    expect(await versionsOf(chapterId)).toEqual([]);
    expect(await server.orm.em.fork().count(Certificate, { chapterId })).toBe(0);
    // A little behind the server's clock is still now.
    expect((await publish(token, storyId, chapterId, { releaseAt: at(-30) })).json.chapter).toMatchObject({ state: 'published', version: 1 });
  });

  it('refuses a draft with problems (409 CHAPTER_HAS_PROBLEMS) and a chapter with no draft (404)', async () => {
    const { token, storyId, chapterId } = await cleanDraft();
    expect((await publish(token, storyId, chapterId)).status).toBe(200);
    const broken = sampleChapter();
    delete broken.scenes.opening.nextSceneId;
    expect((await server.call('PUT', `/v1/studio/stories/${storyId}/chapters/${chapterId}`, { token, body: broken })).status).toBe(422);
    const refused = await publish(token, storyId, chapterId);
    expect([refused.status, refused.json.error.code]).toEqual([409, 'CHAPTER_HAS_PROBLEMS']);
    expect(refused.json.error.details.problems).toContainEqual(expect.objectContaining({ scene: 'opening', code: 'DEAD_END' }));
    expect((await versionsOf(chapterId)).length).toBe(1);

    const none = await publish(token, storyId, `${storyId}-ch9`);
    expect([none.status, none.json.error.code]).toEqual([404, 'DRAFT_NOT_FOUND']);
  });

  it('refuses another account (403 NOT_YOUR_STORY), an unknown story (404), and another story\'s chapter through one\'s own (404)', async () => {
    const victim = await cleanDraft();
    const other = await cleanDraft();
    const stolen = await publish(other.token, victim.storyId, victim.chapterId);
    expect([stolen.status, stolen.json.error.code]).toEqual([403, 'NOT_YOUR_STORY']);
    const unknown = await publish(other.token, 'no-such-story', victim.chapterId);
    expect([unknown.status, unknown.json.error.code]).toEqual([404, 'STORY_NOT_FOUND']);
    const smuggled = await publish(other.token, other.storyId, victim.chapterId);
    expect([smuggled.status, smuggled.json.error.code]).toEqual([404, 'DRAFT_NOT_FOUND']);
    expect(await versionsOf(victim.chapterId)).toEqual([]);
  });

  it('never gives one version number twice to racing publishes: one wins, the others get a clear 409', async () => {
    const { token, storyId, chapterId } = await cleanDraft();
    const answers = await Promise.all(Array.from({ length: 6 }, () => publish(token, storyId, chapterId)));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409]);
    for (const lost of answers.filter((a) => a.status === 409)) expect(['PUBLISH_CONFLICT', 'NOTHING_TO_PUBLISH']).toContain(lost.json.error.code);
    expect((await versionsOf(chapterId)).map((v) => v.version)).toEqual([1]);
    // The losers' certificates went with their transactions: the one version has the one certificate.
    const winner = answers.find((a) => a.status === 200)!;
    expect((await versionsOf(chapterId))[0]!.certificateId).toBe(winner.json.certificate.id);
    expect(await server.orm.em.fork().count(Certificate, { chapterId })).toBe(1);
  });
});
