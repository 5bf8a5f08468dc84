import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import type { PublishChapterResponse } from '../../api/studio';
import { ChapterDraft, ChapterVersion } from '../database/entities';
import type { Clock } from '../shared/clock';
import { DomainError } from '../shared/domain-error';
import type { Logger } from '../shared/logger';
import type { CertificateIssuer } from './certificate-issuer';
import type { ReleaseNotifier } from './release-notifier';
import { releaseTime } from './release-time';
import { releaseStateOf, toChapterProblem } from './studio-views';
import { ownedStory, writerAccount } from './writer-access';

export interface ChapterPublisherDeps {
  em: EntityManager;
  clock: Clock;
  certificates: CertificateIssuer;
  releases: ReleaseNotifier;
  logger: Logger;
}

/**
 * Publishing: a clean draft becomes the chapter's next immutable version, released to readers at
 * `releaseAt` (now by default), with its signed certificate — both in one transaction.
 */
export class ChapterPublisher {
  constructor(private readonly deps: ChapterPublisherDeps) {}

  async publish(userId: string, storyId: string, chapterId: string, requestedReleaseAt?: string): Promise<PublishChapterResponse> {
    const now = this.deps.clock.now();
    const releaseAt = releaseTime(requestedReleaseAt, now);
    const em = this.deps.em.fork();
    const writer = await writerAccount(em, userId);
    await ownedStory(em, storyId, writer);
    const draft = await em.findOne(ChapterDraft, { id: chapterId, story: storyId }, { populate: ['bundle'] });
    if (draft === null) {
      throw new DomainError('DRAFT_NOT_FOUND', `Story ${storyId} has no chapter ${chapterId}: upload it first (PUT /v1/studio/stories/${storyId}/chapters/${chapterId})`, { storyId, chapterId });
    }
    const { sha256, bundle } = draft;
    if (sha256 === null || bundle === null) {
      throw new DomainError('CHAPTER_HAS_PROBLEMS', `Chapter ${chapterId} has problems to fix before it can be published`, { chapterId, problems: draft.problems.map(toChapterProblem) });
    }

    const author = { id: writer.id, displayName: writer.displayName };
    let published: { version: number; certificate: PublishChapterResponse['certificate'] };
    try {
      published = await this.deps.em.fork().transactional(async (tx) => {
        const latest = await tx.findOne(ChapterVersion, { chapterId }, { orderBy: { version: 'desc' }, fields: ['version', 'sha256'] });
        if (latest?.sha256 === sha256) {
          throw new DomainError('NOTHING_TO_PUBLISH', `Version ${latest.version} of chapter ${chapterId} is already this draft; change the chapter to publish a new version`, { chapterId, version: latest.version });
        }
        const version = (latest?.version ?? 0) + 1;
        const certificate = await this.deps.certificates.issue({ storyId, chapterId, version, sha256, author }, tx);
        await tx.insert(ChapterVersion, {
          chapterId,
          version,
          story: storyId,
          number: draft.number,
          title: draft.title,
          sha256,
          bundle,
          releaseAt,
          publishedAt: now,
          releasedAt: null,
          certificateId: certificate.id,
        });
        return { version, certificate };
      });
    } catch (error) {
      if (isLostRace(error)) {
        throw new DomainError('PUBLISH_CONFLICT', `Chapter ${chapterId} was published by another request at the same moment; reload the story to see its version`, { chapterId });
      }
      throw error;
    }

    await this.tellReleases(chapterId);
    return {
      chapter: { id: chapterId, state: releaseStateOf({ releaseAt, releasedAt: null }, this.deps.clock.now()), version: published.version, sha256, releaseAt: releaseAt.toISOString() },
      certificate: published.certificate,
    };
  }

  /** The publish is committed whatever happens here: a failed release is retried by the release timer, not undone. */
  private async tellReleases(chapterId: string): Promise<void> {
    try {
      await this.deps.releases.published();
    } catch (error) {
      this.deps.logger.error({ err: error, chapterId }, 'studio: telling the releases about a publish failed; the version stays published and is released by the next check');
    }
  }
}

/** Two publishes of one chapter took the same version number: the primary key (or the certificate's) let one through. */
function isLostRace(error: unknown): boolean {
  return error instanceof UniqueConstraintViolationException || (error instanceof DomainError && error.code === 'CERTIFICATE_CONFLICT');
}
