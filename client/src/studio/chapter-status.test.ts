import { describe, expect, it } from 'vitest';
import type { StudioChapter } from '../../../api/index';
import { byNumber, chapterStatus, untilNextRelease } from './chapter-status';

function chapter(overrides: Partial<StudioChapter>): StudioChapter {
  return { id: 'c', number: 1, title: 'One', state: 'draft', version: 0, sha256: null, releaseAt: null, hasUnpublishedChanges: true, problems: [], versions: [], ...overrides };
}
const at = (iso: string) => `<${iso}>`;

describe('a chapter’s standing', () => {
  it('says a draft is not published', () => {
    expect(chapterStatus(chapter({}), at)).toBe('Draft · not published yet');
  });

  it('gives the scheduled version and its release time in local time', () => {
    expect(chapterStatus(chapter({ state: 'scheduled', version: 1, releaseAt: '2026-12-01T09:00:00.000Z', hasUnpublishedChanges: false }), at)).toBe('Scheduled · version 1 releases <2026-12-01T09:00:00.000Z>');
  });

  it('gives the published version, when it went out, and unpublished draft changes', () => {
    const published = chapter({ state: 'published', version: 2, releaseAt: '2026-11-01T09:00:00.000Z', hasUnpublishedChanges: false });
    expect(chapterStatus(published, at)).toBe('Published · version 2 · released <2026-11-01T09:00:00.000Z>');
    expect(chapterStatus({ ...published, hasUnpublishedChanges: true }, at)).toBe('Published · version 2 · released <2026-11-01T09:00:00.000Z> · the draft has unpublished changes');
  });

  it('prints the time in the reader’s locale by default', () => {
    const text = chapterStatus(chapter({ state: 'published', version: 1, releaseAt: '2026-11-01T09:00:00.000Z', hasUnpublishedChanges: false }));
    expect(text).toContain(new Date('2026-11-01T09:00:00.000Z').toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }));
  });
});

describe('chapters in order and the next release', () => {
  it('sorts by number', () => {
    expect(byNumber([chapter({ id: 'b', number: 2 }), chapter({ id: 'a', number: 1 })]).map((c) => c.id)).toEqual(['a', 'b']);
  });

  it('waits for the earliest scheduled release, none when nothing is scheduled', () => {
    const now = new Date('2026-11-22T10:00:00.000Z');
    const chapters = [
      chapter({ state: 'scheduled', releaseAt: '2026-11-22T10:00:30.000Z' }),
      chapter({ state: 'scheduled', releaseAt: '2026-11-22T10:00:05.000Z' }),
      chapter({ state: 'published', releaseAt: '2026-11-22T09:00:00.000Z' }),
    ];
    expect(untilNextRelease(chapters, now)).toBe(5000);
    expect(untilNextRelease([chapter({ state: 'scheduled', releaseAt: '2026-11-22T09:59:00.000Z' })], now)).toBe(0);
    expect(untilNextRelease([chapter({ state: 'published', releaseAt: '2026-11-22T11:00:00.000Z' })], now)).toBeNull();
  });
});
