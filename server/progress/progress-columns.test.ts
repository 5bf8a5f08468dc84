import { describe, expect, it } from 'vitest';
import { PlayerProgressSchema } from '../database/entities/PlayerProgress';
import { PROGRESS_COLUMNS, PROGRESS_PLACEHOLDERS_CAST, PROGRESS_SET, progressValues, STEP_RECORD_TYPES, stepRecord } from './progress-columns';

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
    expect(Object.keys(stepRecord(progress, progress)).join(', ')).toBe(STEP_RECORD_TYPES.split(', ').map((c) => c.split(' ')[0]).join(', '));
    expect(stepRecord(progress, progress)).toMatchObject({ flags: { lamp: true }, owned_outfits: [], ink_state: null });
    expect(PROGRESS_SET.match(/\?/g)).toHaveLength(progressValues(progress).length + 1);
    expect(PROGRESS_PLACEHOLDERS_CAST).toBe('?, ?, ?, ?::integer, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?, ?::jsonb');
  });

  it("send a step's history as the records it added to its start, or whole when it is not its start plus new ones", () => {
    const record = (choiceId: string) => ({ chapterId: 'c1', sceneId: 'dock', choiceId, at: '2026-12-07T00:00:00.000Z' });
    const start = { storyId: 's', chapterId: 'c1', sceneId: 'dock', status: 'choice', step: 3, flags: {}, relationships: {}, history: [record('a'), record('b')], completedChapterIds: [] } as unknown as Parameters<typeof stepRecord>[0];
    const chose = { ...start, step: 4, history: [...start.history, record('c')] };
    expect(stepRecord(start, chose)).toMatchObject({ step: 4, history_from: 2, history_added: [record('c')], history_whole: null });
    expect(stepRecord(start, { ...start, step: 4 })).toMatchObject({ history_from: 2, history_added: null, history_whole: null });
    // A copy of the same history (a chapter carried over) adds nothing either way; a rewritten one goes whole.
    expect(stepRecord(start, { ...start, history: [...start.history] })).toMatchObject({ history_added: null, history_whole: null });
    const rewritten = [record('a'), record('x'), record('c')];
    expect(stepRecord(start, { ...start, history: rewritten })).toMatchObject({ history_from: 2, history_added: null, history_whole: rewritten });
    expect(stepRecord(start, { ...start, history: [] })).toMatchObject({ history_added: null, history_whole: [] });
  });
});
