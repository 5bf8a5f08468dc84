import type { EntityManager } from '@mikro-orm/core';
import type { OpenedReading, ReadingAccess } from '../../rooms/reading/reading-room-deps';
import { ChapterParagraphs, type ParagraphSource } from '../../rooms/reading/rules/chapter-paragraphs';
import type { Outcome } from '../../rooms/reading/rules/outcome';
import type { StoryDirectory } from '../catalog/story-directory';
import { Chapter } from '../database/entities';
import type { PreparedStatements, RowShape } from '../database/prepared-statements';

/** Chapters' paragraphs kept per process (they change only with a publish, which changes the hash). */
const MAX_CACHED_CHAPTERS = 500;

/** The reader's name and how far their story has come, in one read (a join's only one before the room's). */
const READER_SQL =
  'select u.display_name as "displayName", p.chapter_id as "chapterId", p.completed_chapters as "completedChapters" ' +
  'from users u left join player_progress p on p.user_id = u.id and p.story_id = ? where u.id = ?';
const READER: RowShape<{ displayName: string; chapterId: string | null; completedChapters: string[] | null }> = { displayName: 'text', chapterId: 'text', completedChapters: 'json' };

export interface ChapterReadingAccessDeps {
  em: EntityManager;
  statements: PreparedStatements;
  directory: StoryDirectory;
}

/**
 * Who may read a chapter together: a reader who has opened it — their story progress is at that
 * chapter or past it (the key was spent then), or they finished it — as the story room decides
 * what a player may open. Nobody reads ahead of their own story in a reading room.
 */
export class ChapterReadingAccess implements ReadingAccess {
  private readonly paragraphs = new Map<string, { sha256: string; paragraphs: ChapterParagraphs | null }>();

  constructor(private readonly deps: ChapterReadingAccessDeps) {}

  async open(userId: string, storyId: string, chapterId: string): Promise<Outcome<OpenedReading>> {
    const chapters = await this.deps.directory.chaptersOf(storyId);
    if (!chapters) return refusal('STORY_NOT_FOUND', `There is no story ${storyId}`);
    const index = chapters.findIndex((chapter) => chapter.id === chapterId);
    if (index < 0) return refusal('CHAPTER_NOT_FOUND', `The story ${storyId} has no chapter ${chapterId}`);
    const reader = await this.deps.statements.first(READER_SQL, [storyId, userId], READER);
    const reached = reader?.chapterId ? chapters.findIndex((chapter) => chapter.id === reader.chapterId) : -1;
    if (!reader?.chapterId || (reached < index && !(reader.completedChapters ?? []).includes(chapterId))) {
      return refusal('CHAPTER_LOCKED', 'Open this chapter in the story first; then read it together', { chapterId });
    }
    const paragraphs = await this.paragraphsOf(chapters[index]!.id, chapters[index]!.sha256);
    if (!paragraphs) return refusal('READING_NOT_AVAILABLE', 'This chapter has no fixed text to read together (it is interactive fiction)', { chapterId });
    return { ok: true, value: { paragraphs, displayName: reader.displayName } };
  }

  private async paragraphsOf(chapterId: string, sha256: string): Promise<ChapterParagraphs | null> {
    const cached = this.paragraphs.get(chapterId);
    if (cached?.sha256 === sha256) return cached.paragraphs;
    const row = await this.deps.em.fork().findOneOrFail(Chapter, { id: chapterId }, { populate: ['bundle'] });
    const bundle = row.bundle as unknown as ParagraphSource & { format?: unknown };
    // An Ink chapter (format 'ink') is a compiled story, not lines: nothing static to hang a comment on.
    const paragraphs = bundle.format === 1 ? ChapterParagraphs.of(bundle) : null;
    if (this.paragraphs.size >= MAX_CACHED_CHAPTERS) this.paragraphs.clear();
    this.paragraphs.set(chapterId, { sha256: row.sha256, paragraphs });
    return paragraphs;
  }
}

function refusal(code: string, message: string, details?: Record<string, unknown>): { ok: false; refusal: { code: string; message: string; details?: Record<string, unknown> } } {
  return { ok: false, refusal: { code, message, ...(details ? { details } : {}) } };
}
