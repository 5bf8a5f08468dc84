import { describe, expect, it } from 'vitest';
import { chooseChapter, type StoryProgress } from '.';

const CHAPTERS = ['ch1', 'ch2', 'ch3'];
const at = (chapterId: string, completedChapterIds: string[] = []): StoryProgress => ({
  storyId: 'tide', chapterId, sceneId: 'a', status: 'playing', step: 3, flags: {}, relationships: {}, history: [], completedChapterIds,
});

describe('chooseChapter', () => {
  it('opens the chapter asked for, else where the player stands, else the first', () => {
    expect(chooseChapter(CHAPTERS, null)).toEqual({ ok: true, index: 0 });
    expect(chooseChapter(CHAPTERS, at('ch2', ['ch1']))).toEqual({ ok: true, index: 1 });
    expect(chooseChapter(CHAPTERS, at('ch2', ['ch1']), 'ch1')).toEqual({ ok: true, index: 0 });
  });

  it('opens a chapter only once the one before it has ended', () => {
    expect(chooseChapter(CHAPTERS, at('ch1'), 'ch2')).toMatchObject({ ok: false, refusal: { code: 'CHAPTER_LOCKED', details: { chapterId: 'ch2', requires: 'ch1' } } });
    expect(chooseChapter(CHAPTERS, null, 'ch2')).toMatchObject({ ok: false, refusal: { code: 'CHAPTER_LOCKED' } });
    expect(chooseChapter(CHAPTERS, at('ch1', ['ch1']), 'ch2')).toEqual({ ok: true, index: 1 });
  });

  it('refuses a chapter the story does not have; a withdrawn saved chapter starts over at the first', () => {
    expect(chooseChapter(CHAPTERS, null, 'ch9')).toMatchObject({ ok: false, refusal: { code: 'CHAPTER_NOT_FOUND', details: { chapterId: 'ch9' } } });
    expect(chooseChapter(CHAPTERS, at('gone'))).toEqual({ ok: true, index: 0 });
  });
});
