import { describe, expect, it } from 'vitest';
import type { StoryProgress } from '../../../api/index';
import { featuredPick, hasFinished } from './reading-state';

const progress = (storyId: string, status: string, chapterId: string, completed: string[]) =>
  ({ storyId, chapterId, sceneId: 'end', status, step: 9, flags: {}, relationships: {}, history: [], completedChapterIds: completed, updatedAt: '2026-01-01T00:00:00Z' }) as unknown as StoryProgress;

describe('finished stories in the library', () => {
  const popular = [
    { id: 'dead-air', chapterCount: 2 },
    { id: 'petal', chapterCount: 2 },
  ];

  it('counts a story finished only at the end of its last chapter', () => {
    expect(hasFinished(popular[0]!, [progress('dead-air', 'ended', 'ch2', ['ch1', 'ch2'])])).toBe(true);
    expect(hasFinished(popular[0]!, [progress('dead-air', 'ended', 'ch1', ['ch1'])])).toBe(false);
    expect(hasFinished(popular[0]!, [progress('dead-air', 'choice', 'ch2', ['ch1'])])).toBe(false);
    expect(hasFinished(popular[0]!, [])).toBe(false);
  });

  it('features the most-read story the reader has not finished, or none', () => {
    expect(featuredPick(popular, [])?.id).toBe('dead-air');
    expect(featuredPick(popular, [progress('dead-air', 'ended', 'ch2', ['ch1', 'ch2'])])?.id).toBe('petal');
    expect(featuredPick(popular, [progress('dead-air', 'ended', 'ch2', ['ch1', 'ch2']), progress('petal', 'ended', 'p2', ['p1', 'p2'])])).toBeNull();
  });
});
