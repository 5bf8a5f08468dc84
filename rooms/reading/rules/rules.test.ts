import { describe, expect, it } from 'vitest';
import { ChapterParagraphs } from './chapter-paragraphs';
import { checkCommentText } from './comment-text';
import { checkEmoji } from './emojis';
import { aggregateReactions, applyReactionCount, toggleReaction } from './reaction-counts';
import { readReached, type ReadPlace } from './read-place';
import { ReaderRateLimits } from './reader-rate-limits';

const codeOf = (outcome: { ok: boolean; refusal?: { code: string } }) => (outcome.ok ? 'ok' : outcome.refusal!.code);

describe('reading-room rules', () => {
  it('trims a comment and takes 1–500 characters', () => {
    expect(checkCommentText('  The lamp.  ')).toEqual({ ok: true, value: 'The lamp.' });
    expect(codeOf(checkCommentText('   \n '))).toBe('COMMENT_EMPTY');
    expect(codeOf(checkCommentText('x'.repeat(500)))).toBe('ok');
    expect(codeOf(checkCommentText(` ${'x'.repeat(500)} `))).toBe('ok');
    expect(codeOf(checkCommentText('x'.repeat(501)))).toBe('COMMENT_TOO_LONG');
    // Counted as a reader sees characters: 500 emoji fit, though each is two UTF-16 units.
    expect(codeOf(checkCommentText('🔥'.repeat(500)))).toBe('ok');
  });

  it('takes only the six reaction emoji', () => {
    for (const emoji of ['❤️', '😂', '😮', '😢', '🔥', '👏']) expect(codeOf(checkEmoji(emoji))).toBe('ok');
    expect(codeOf(checkEmoji('👍'))).toBe('INVALID_EMOJI');
    expect(codeOf(checkEmoji('<b>'))).toBe('INVALID_EMOJI');
  });

  it('knows a chapter’s paragraphs in reading order: from the start scene along its links, then the rest by id', () => {
    const paragraphs = ChapterParagraphs.of({
      startSceneId: 'gate',
      scenes: {
        shed: { timeline: [{ id: 'shed.0' }], nextSceneId: 'end' },
        aside: { timeline: [{ id: 'aside.0' }] },
        end: { timeline: [] },
        gate: { timeline: [{ id: 'gate.0' }, { id: 'bell' }], choice: { options: [{ nextSceneId: 'shed' }, { nextSceneId: 'end' }] } },
        zed: { timeline: [{ id: 'zed.0' }] },
      },
    })!;
    expect(paragraphs.ids).toEqual(['gate.0', 'bell', 'shed.0', 'aside.0', 'zed.0']);
    expect(paragraphs.check('bell')).toEqual({ ok: true, value: 1 });
    expect(codeOf(paragraphs.check('nope'))).toBe('INVALID_PARAGRAPH');
    expect(paragraphs.isLast(4)).toBe(true);
    expect(paragraphs.isLast(2)).toBe(false);
  });

  it('has no paragraphs for a chapter without scenes (Ink)', () => {
    expect(ChapterParagraphs.of({ startSceneId: undefined })).toBeNull();
  });

  it('toggles: a second send of the same pair takes the reaction back', () => {
    expect(toggleReaction(false)).toEqual({ action: 'add', delta: 1 });
    expect(toggleReaction(true)).toEqual({ action: 'remove', delta: -1 });
  });

  it('aggregates reaction rows into counts per paragraph and emoji', () => {
    const counts = aggregateReactions([
      { paragraphId: 'a', emoji: '🔥' },
      { paragraphId: 'a', emoji: '🔥' },
      { paragraphId: 'a', emoji: '❤️' },
      { paragraphId: 'b', emoji: '👏', count: 4 },
    ]);
    expect(counts).toEqual({ a: { '🔥': 2, '❤️': 1 }, b: { '👏': 4 } });
    applyReactionCount(counts, { paragraphId: 'a', emoji: '🔥', count: 1 });
    applyReactionCount(counts, { paragraphId: 'c', emoji: '😮', count: -1 });
    expect(counts).toEqual({ a: { '🔥': 1, '❤️': 1 }, b: { '👏': 4 }, c: { '😮': 0 } });
  });

  it('rate-limits each reader on their own, refilling over time', () => {
    const limits = new ReaderRateLimits({ comment: { burst: 2, refillSeconds: 10 } });
    expect(codeOf(limits.take('ann', 'comment', 0))).toBe('ok');
    expect(codeOf(limits.take('ann', 'comment', 0))).toBe('ok');
    const refused = limits.take('ann', 'comment', 1000);
    expect(codeOf(refused)).toBe('RATE_LIMITED');
    expect(refused.ok ? null : refused.refusal.details).toEqual({ retryAfterSeconds: 9 });
    // Another reader has a budget of their own.
    expect(codeOf(limits.take('bob', 'comment', 1000))).toBe('ok');
    expect(codeOf(limits.take('ann', 'comment', 10_000))).toBe('ok');
    expect(codeOf(limits.take('ann', 'comment', 10_000))).toBe('RATE_LIMITED');
  });

  it('moves a read only forward and writes it at the start, at completion and every so often — not at every paragraph', () => {
    const start: ReadPlace = { furthestIndex: -1, furthestParagraph: null, completed: false, lastRecordedAt: 0 };
    const first = readReached(start, { index: 0, paragraphId: 'p0', last: false }, 1000, 15_000);
    expect(first).toEqual({ place: { furthestIndex: 0, furthestParagraph: 'p0', completed: false, lastRecordedAt: 0 }, record: true });
    const written = { ...first.place, lastRecordedAt: 1000 };
    const next = readReached(written, { index: 1, paragraphId: 'p1', last: false }, 9000, 15_000);
    expect(next).toEqual({ place: { ...written, furthestIndex: 1, furthestParagraph: 'p1' }, record: false });
    // Back to an earlier paragraph: the furthest stays.
    expect(readReached(next.place, { index: 0, paragraphId: 'p0', last: false }, 10_000, 15_000).place).toBe(next.place);
    // 15 s after the last record, a move is written even when it is not further.
    expect(readReached(next.place, { index: 0, paragraphId: 'p0', last: false }, 16_000, 15_000).record).toBe(true);
    const done = readReached(next.place, { index: 2, paragraphId: 'p2', last: true }, 10_000, 15_000);
    expect(done).toEqual({ place: { ...next.place, furthestIndex: 2, furthestParagraph: 'p2', completed: true }, record: true });
    // Completed stays completed; reaching the end again is not news.
    expect(readReached(done.place, { index: 2, paragraphId: 'p2', last: true }, 11_000, 15_000)).toEqual({ place: done.place, record: false });
  });
});
