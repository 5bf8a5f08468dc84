import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import type { ChapterUploadResponse } from '../../api/studio';
import { parseJsonDocument } from '../../content-pipeline';
import { Chapter, ChapterDraft, ChapterVersion, StudioAsset, type Story } from '../database/entities';
import type { Clock } from '../shared/clock';
import { DomainError } from '../shared/domain-error';
import { chapterDocument, type ChapterDocument } from './chapter-document';
import { importedChapterDocument } from './chapter-source-import';
import { lintStudioChapter, type StudioLintResult } from './chapter-lint';
import { studioInkChapter, toInkChapterProblem } from './ink-chapter-source';
import { toChapterProblem, toStudioChapter } from './studio-views';
import { ownedStory, writerAccount } from './writer-access';

export interface ChapterDraftsDeps {
  em: EntityManager;
  clock: Clock;
}

/**
 * A writer's chapter uploads: each is linted and kept as the chapter's draft, with its problems,
 * whether or not it is clean; a clean one keeps its built bundle and hash too (only it can be published).
 */
export class ChapterDrafts {
  constructor(private readonly deps: ChapterDraftsDeps) {}

  /** The draft, or CONTENT_INVALID (422, `details.problems`) after keeping it when the linter found errors. */
  async upload(userId: string, storyId: string, document: ChapterDocument): Promise<ChapterUploadResponse> {
    const em = this.deps.em.fork();
    const story = await ownedStory(em, storyId, await writerAccount(em, userId));
    const chapterId = document._id;
    await assertChapterIdFree(em, chapterId, storyId);

    const linted = lintStudioChapter({
      story,
      document,
      otherChapters: await this.otherCleanChapters(em, storyId, chapterId),
      assetExists: await this.uploadedAssets(em, storyId),
    });
    await this.keep(story, document, linted);

    const read = this.deps.em.fork();
    const draft = await read.findOneOrFail(ChapterDraft, { id: chapterId });
    const versions = await read.find(ChapterVersion, { chapterId }, { orderBy: { version: 'desc' } });
    const chapter = toStudioChapter(draft, versions, this.deps.clock.now());
    const problems = linted.problems.map(toChapterProblem);
    if (linted.built === null) {
      const first = problems[0];
      const where = first?.scene === undefined ? '' : ` (scene "${first.scene}")`;
      throw new DomainError('CONTENT_INVALID', `The chapter has ${linted.problemCount} problem(s) and was kept as a draft; the first${where}: ${first?.message ?? 'unknown'}`, {
        problems,
        problemCount: linted.problemCount,
        chapter,
      });
    }
    return { chapter, problems };
  }

  /**
   * A Twine (or other) source for this chapter: imported, numbered as this chapter's draft already is
   * (else one past the story's highest), then uploaded like a chapter document. The writer is checked
   * first, so nobody else learns anything from import problems.
   */
  async uploadSource(userId: string, ids: { storyId: string; chapterId: string }, source: { text: string; extension: string }): Promise<ChapterUploadResponse> {
    const em = this.deps.em.fork();
    const story = await ownedStory(em, ids.storyId, await writerAccount(em, userId));
    const drafts = await em.find(ChapterDraft, { story: ids.storyId }, { fields: ['id', 'number', 'title'] });
    const existing = drafts.find((draft) => draft.id === ids.chapterId);
    const number = existing?.number ?? Math.max(0, ...drafts.map((draft) => draft.number)) + 1;
    if (source.extension === '.ink') return this.uploadInk(story, ids, source.text, number, existing?.title ?? `Chapter ${number}`);
    const { document, warnings } = importedChapterDocument(source.text, source.extension, ids, number);
    const answer = await this.upload(userId, ids.storyId, chapterDocument(document, ids));
    // What the importer dropped is told with this answer (the draft keeps the linter's problems).
    return { ...answer, problems: [...warnings, ...answer.problems] };
  }

  /**
   * An .ink upload: the whole file is this chapter (see ink-chapter-source.ts). Only a compiled one is
   * kept, as a clean draft with format 'ink', its source and its ink bundle; its warnings stay with it.
   */
  private async uploadInk(story: Story, ids: { storyId: string; chapterId: string }, text: string, number: number, title: string): Promise<ChapterUploadResponse> {
    const em = this.deps.em.fork();
    await assertChapterIdFree(em, ids.chapterId, ids.storyId);
    const built = studioInkChapter({ story, chapterId: ids.chapterId, number, title, text, assetExists: await this.uploadedAssets(em, ids.storyId) });
    const linted: StudioLintResult = { problems: built.warnings, problemCount: built.warnings.length, number, title, built: { bundle: built.bundle, sha256: built.sha256 }, assetPaths: built.bundle.assets };
    await this.keep(story, { _id: ids.chapterId }, linted, { format: 'ink', source: text });
    const read = this.deps.em.fork();
    const draft = await read.findOneOrFail(ChapterDraft, { id: ids.chapterId });
    const versions = await read.find(ChapterVersion, { chapterId: ids.chapterId }, { orderBy: { version: 'desc' } });
    return { chapter: toStudioChapter(draft, versions, this.deps.clock.now()), problems: built.warnings.map(toInkChapterProblem) };
  }

  /** The story's other chapters whose drafts are clean: the story-wide rules (numbers, flags) judge with them. */
  private async otherCleanChapters(em: EntityManager, storyId: string, chapterId: string): Promise<{ id: string; document: unknown }[]> {
    // Ink chapters are whole stories of their own: the scene chapters' story-wide rules do not read them.
    const drafts = await em.find(ChapterDraft, { story: storyId, id: { $ne: chapterId }, sha256: { $ne: null }, format: 'storyverse' }, { populate: ['source'] });
    return drafts.map((draft) => ({ id: draft.id, document: parseJsonDocument(draft.source) }));
  }

  private async uploadedAssets(em: EntityManager, storyId: string): Promise<(path: string) => boolean> {
    const paths = new Set((await em.find(StudioAsset, { story: storyId }, { fields: ['path'] })).map((asset) => asset.path));
    return (path) => paths.has(path);
  }

  /**
   * Writes the draft: an update of the story's own row, else an insert. The chapter id is the primary
   * key across all stories, so an insert racing another story's for the same id loses cleanly.
   */
  private async keep(story: Story, document: Pick<ChapterDocument, '_id'>, linted: StudioLintResult, as: { format: 'storyverse' | 'ink'; source: string } = { format: 'storyverse', source: JSON.stringify(document) }): Promise<void> {
    const em = this.deps.em.fork();
    const id = document._id;
    const fields = {
      number: linted.number,
      title: linted.title,
      format: as.format,
      source: as.source,
      problems: linted.problems,
      assetPaths: linted.assetPaths,
      bundle: linted.built?.bundle ?? null,
      sha256: linted.built?.sha256 ?? null,
      updatedAt: this.deps.clock.now(),
    };
    if ((await em.nativeUpdate(ChapterDraft, { id, story: story.id }, fields)) > 0) return;
    try {
      await em.insert(ChapterDraft, { id, story: story.id, ...fields });
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      await assertChapterIdFree(this.deps.em.fork(), id, story.id);
      // The same writer's concurrent upload of this chapter inserted first: this one is the later.
      await em.nativeUpdate(ChapterDraft, { id, story: story.id }, fields);
    }
  }
}

/** A chapter id names one chapter across every story (it is the bundle's URL): CHAPTER_ID_TAKEN when another story has it. */
async function assertChapterIdFree(em: EntityManager, chapterId: string, storyId: string): Promise<void> {
  const draft = await em.findOne(ChapterDraft, { id: chapterId }, { fields: ['story'] });
  const content = draft === null ? await em.findOne(Chapter, { id: chapterId }, { fields: ['story'] }) : null;
  const holder = draft?.story.id ?? content?.story.id;
  if (holder !== undefined && holder !== storyId) {
    throw new DomainError('CHAPTER_ID_TAKEN', `Another story already has a chapter "${chapterId}"; chapter ids are unique across stories (prefix it with your story id)`, { chapterId });
  }
}
