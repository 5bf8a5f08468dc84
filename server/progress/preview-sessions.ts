import type { EntityManager } from '@mikro-orm/core';
import { rulesFor, type AnyChapter, type StoryProgress } from '../../rooms/story/engine';
import type { OpenedSession, Outcome, StorySessions, WalletSnapshot } from '../../rooms/story/story-sessions';
import { isDatabaseUnavailable } from '../database/database-unavailable';
import { ChapterDraft, ChapterVersion, Story } from '../database/entities';
import { DomainError } from '../shared/domain-error';
import type { WalletService } from '../wallet/wallet-service';

export interface PreviewSessionDeps {
  em: EntityManager;
  wallet: WalletService;
}

/**
 * A writer's preview of their own chapter (`client.create("story", {storyId, chapterId, preview: true})`):
 * it plays the chapter's current draft when that is clean, else its latest published version
 * (released or still scheduled). It saves nothing: no progress, no key spent, no play counted, and
 * premium choices cost nothing (the room's state says `preview`; the wallet shown is the real one,
 * untouched). Anyone but the story's owner — or a story that does not exist, which is the same to
 * them — is refused NOT_YOUR_STORY.
 */
export class PreviewSessions implements StorySessions {
  constructor(private readonly deps: PreviewSessionDeps) {}

  /** Whether the story exists at all (listed or not); the room asks open() instead, which knows who asks. */
  async storyExists(storyId: string): Promise<boolean> {
    return (await this.deps.em.fork().count(Story, { id: storyId })) > 0;
  }

  async open(userId: string, storyId: string, chapterId?: string): Promise<Outcome<OpenedSession>> {
    try {
      const chapter = await this.previewBundle(userId, storyId, chapterId);
      return { ok: true, value: { chapter, bundleUrl: '', progress: rulesFor(chapter).start(null), wallet: await this.walletOf(userId), nextChapterId: null } };
    } catch (error) {
      if (error instanceof DomainError) return { ok: false, refusal: { code: error.code, message: error.message, details: error.details } };
      if (isDatabaseUnavailable(error)) return { ok: false, refusal: { code: 'DATABASE_UNAVAILABLE', message: 'We cannot open the preview right now; try again in a moment' } };
      throw error;
    }
  }

  /** Nothing is saved and nothing is charged: the room keeps the preview's place in memory. */
  async save(_userId: string, _before: StoryProgress, _after: StoryProgress, _charge: { diamonds: number; choiceId: string | null }): Promise<Outcome<WalletSnapshot | null>> {
    return { ok: true, value: null };
  }

  /**
   * The bundle a preview plays (the owner's clean draft, else the latest version), for the room and
   * for the studio's bundle route (the client draws the preview's art and characters from it).
   * Throws NOT_YOUR_STORY, CHAPTER_NOT_FOUND or CONTENT_INVALID.
   */
  async previewBundle(userId: string, storyId: string, chapterId: string | undefined): Promise<AnyChapter> {
    const em = this.deps.em.fork();
    const story = await em.findOne(Story, { id: storyId }, { fields: ['owner'] });
    if (story === null || story.owner?.id !== userId) throw new DomainError('NOT_YOUR_STORY', `You have no story ${storyId} to preview`, { storyId });
    const notFound = () => new DomainError('CHAPTER_NOT_FOUND', `Your story ${storyId} has no chapter ${chapterId ?? '(none given)'}`, { storyId, chapterId });
    if (chapterId === undefined) throw notFound();
    const draft = await em.findOne(ChapterDraft, { id: chapterId, story: storyId }, { populate: ['bundle'] });
    // A draft has a bundle only when the linter found nothing that stops it from being published.
    if (draft?.bundle) return draft.bundle as unknown as AnyChapter;
    const latest = await em.findOne(ChapterVersion, { chapterId, story: storyId }, { orderBy: { version: 'desc' }, populate: ['bundle'] });
    if (latest) return latest.bundle as unknown as AnyChapter;
    if (draft) throw new DomainError('CONTENT_INVALID', `Chapter ${chapterId} has problems to fix before it can be previewed`, { storyId, chapterId, problems: draft.problems });
    throw notFound();
  }

  private async walletOf(userId: string): Promise<WalletSnapshot> {
    const { keys, keysCap, nextKeyAt, diamonds } = await this.deps.wallet.inventory(userId);
    return { keys, keysCap, nextKeyAt, diamonds };
  }
}
