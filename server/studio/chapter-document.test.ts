import { describe, expect, it } from 'vitest';
import { ApiError } from '../http/api-error';
import { chapterDocument, MAX_CHAPTER_DEPTH } from './chapter-document';

const ids = { storyId: 'tide-clock', chapterId: 'tide-ch1' };

function refusal(body: unknown): ApiError {
  try {
    chapterDocument(body, ids);
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('accepted');
}

function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = {};
  for (let i = 1; i < depth; i++) value = { deeper: value };
  return value;
}

describe('a chapter document as uploaded', () => {
  it('gets the chapter and story ids from the route when it names none, ids first', () => {
    const doc = chapterDocument({ chapterNumber: 1, scenes: {} }, ids);
    expect(doc).toEqual({ _id: 'tide-ch1', storyId: 'tide-clock', chapterNumber: 1, scenes: {} });
    expect(Object.keys(doc).slice(0, 2)).toEqual(['_id', 'storyId']);
  });

  it('keeps ids that agree with the route', () => {
    expect(chapterDocument({ storyId: 'tide-clock', _id: 'tide-ch1', chapterNumber: 2 }, ids)).toMatchObject({ _id: 'tide-ch1', chapterNumber: 2 });
  });

  it('refuses ids that name another chapter or story (400), whatever their type', () => {
    expect(refusal({ _id: 'other-ch1' })).toMatchObject({ status: 400, code: 'CHAPTER_ID_MISMATCH' });
    expect(refusal({ _id: 7 })).toMatchObject({ status: 400, code: 'CHAPTER_ID_MISMATCH' });
    expect(refusal({ storyId: 'other-story' })).toMatchObject({ status: 400, code: 'STORY_ID_MISMATCH' });
  });

  it('refuses anything but one JSON object', () => {
    for (const body of [null, [], 'text', 3, true]) expect(refusal(body)).toMatchObject({ status: 400, code: 'INVALID_CHAPTER_DOCUMENT' });
  });

  it(`refuses nesting deeper than ${MAX_CHAPTER_DEPTH} levels, deep arrays too`, () => {
    expect(() => chapterDocument(nested(MAX_CHAPTER_DEPTH), ids)).not.toThrow();
    expect(refusal(nested(MAX_CHAPTER_DEPTH + 1))).toMatchObject({ status: 400, code: 'INVALID_CHAPTER_DOCUMENT' });
    expect(refusal(JSON.parse(`{"scenes":${'['.repeat(100_000)}${']'.repeat(100_000)}}`))).toMatchObject({ code: 'INVALID_CHAPTER_DOCUMENT' });
  });

  it('refuses text a database cannot store, naming where it is', () => {
    const error = refusal({ chapterNumber: 1, scenes: { s: { timeline: [{ type: 'dialogue', character: 'A', text: 'a\u0000b' }] } } });
    expect(error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(error.message).toContain('scenes.s.timeline.0.text');
    expect(refusal({ ['\uD800']: 1 }).code).toBe('VALIDATION_FAILED');
  });
});
