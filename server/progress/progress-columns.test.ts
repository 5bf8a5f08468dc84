import { describe, expect, it } from 'vitest';
import { PlayerProgressSchema } from '../database/entities/PlayerProgress';
import { PROGRESS_COLUMNS, PROGRESS_PLACEHOLDERS_CAST, PROGRESS_SET, progressRecord, progressValues } from './progress-columns';

const snakeCase = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
/** Set once, when the row is made, or by the statement itself: not a progress's to save. */
const NOT_SAVED = new Set(['id', 'user', 'story', 'created_at', 'updated_at']);

describe('the saved progress columns', () => {
  it('are every column of player_progress but its keys and timestamps, so a new column cannot be left unsaved', () => {
    const table = Object.keys(PlayerProgressSchema.meta.properties).map(snakeCase).filter((column) => !NOT_SAVED.has(column));
    expect(PROGRESS_COLUMNS.split(', ')).toEqual(table);
  });

  it('give each statement one placeholder and one value per column, the JSON ones as text or as values', () => {
    const progress = {
      storyId: 's', chapterId: 'c1', sceneId: 'dock', status: 'playing', step: 3, flags: { lamp: true }, relationships: { Mara: 1 },
      history: [], completedChapterIds: ['c0'], inkState: undefined, playerName: 'Ione', outfit: undefined, ownedOutfits: undefined,
    } as unknown as Parameters<typeof progressValues>[0];
    expect(progressValues(progress)).toEqual(['c1', 'dock', 'playing', 3, '{"lamp":true}', '{"Mara":1}', '[]', '["c0"]', null, 'Ione', null, '[]']);
    expect(Object.keys(progressRecord(progress)).join(', ')).toBe(PROGRESS_COLUMNS);
    expect(progressRecord(progress)).toMatchObject({ flags: { lamp: true }, owned_outfits: [], ink_state: null });
    expect(PROGRESS_SET.match(/\?/g)).toHaveLength(progressValues(progress).length + 1);
    expect(PROGRESS_PLACEHOLDERS_CAST).toBe('?, ?, ?, ?::integer, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?, ?::jsonb');
  });
});
