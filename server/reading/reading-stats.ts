import type { EntityManager } from '@mikro-orm/core';
import type { ChapterReadingStats, StoryReadingStats } from '../../api/reading';
import { ChapterParagraphs, type ParagraphSource } from '../../rooms/reading/rules/chapter-paragraphs';
import type { ReadingStore } from '../../rooms/reading/reading-room-deps';
import { Chapter, ChapterRead } from '../database/entities';
import { ownedStory, writerAccount } from '../studio/writer-access';
import { completionRate, median } from './reading-figures';

const COMMENTS_SQL = 'select paragraph_id, count(*) as n from reading_comments where chapter_id = ? and deleted_at is null group by paragraph_id';

/** The writer's view of how their chapters are read: `GET /v1/studio/stories/:storyId/stats`. */
export class ReadingStats {
  /** `store`: the counts every toggle keeps, as the rooms show them. */
  constructor(private readonly deps: { em: EntityManager; store: Pick<ReadingStore, 'reactionCounts'> }) {}

  /** The story's owner only (NOT_YOUR_STORY, GUEST_NOT_ALLOWED, STORY_NOT_FOUND otherwise). */
  async ofStory(userId: string, storyId: string): Promise<StoryReadingStats> {
    const em = this.deps.em.fork();
    await ownedStory(em, storyId, await writerAccount(em, userId));
    const chapters = await em.find(Chapter, { story: storyId }, { orderBy: { number: 'asc' }, populate: ['bundle'] });
    const stats: ChapterReadingStats[] = [];
    for (const chapter of chapters) stats.push(await this.ofChapter(em, chapter));
    return { storyId, chapters: stats };
  }

  private async ofChapter(em: EntityManager, chapter: Chapter): Promise<ChapterReadingStats> {
    const reads = await em.find(ChapterRead, { chapterId: chapter.id }, { fields: ['seconds', 'completed'] });
    const connection = em.getConnection();
    const commentRows = (await connection.execute(COMMENTS_SQL, [chapter.id])) as { paragraph_id: string; n: number | string }[];
    const reactions = await this.deps.store.reactionCounts(chapter.id);
    const comments = new Map(commentRows.map((row) => [row.paragraph_id, Number(row.n)]));
    const paragraphIds = ChapterParagraphs.of(chapter.bundle as ParagraphSource)?.ids ?? [];
    return {
      chapterId: chapter.id,
      number: chapter.number,
      title: chapter.title,
      reads: reads.length,
      completionRate: completionRate(reads),
      medianReadSeconds: median(reads.map((read) => read.seconds)),
      paragraphs: paragraphIds.map((paragraphId) => ({ paragraphId, reactions: reactions[paragraphId] ?? {}, comments: comments.get(paragraphId) ?? 0 })),
    };
  }
}
