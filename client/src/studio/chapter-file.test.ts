import { describe, expect, it } from 'vitest';
import { chapterIdFromFileName, readChapterFile } from './chapter-file';

const chapter = JSON.stringify({ _id: 'harbor-ch2', storyId: 'harbor', chapterNumber: 2, scenes: { a: { end: true } } });

describe('reading a chapter file before it is sent', () => {
  it('sends a chapter document as JSON, byte for byte, proposing its _id', () => {
    expect(readChapterFile('chapter-two.json', chapter)).toEqual({ ok: true, format: 'json', chapterId: 'harbor-ch2', contentType: 'application/json', text: chapter });
  });

  it('proposes an id from the file name when the document has none', () => {
    const result = readChapterFile('Chapter 3.JSON', JSON.stringify({ scenes: {} }));
    expect(result).toMatchObject({ ok: true, chapterId: 'chapter-3' });
  });

  it('sends Ink and Twine sources as text with a type naming them', () => {
    expect(readChapterFile('The Storm.ink', 'Hello\n-> END')).toMatchObject({ ok: true, format: 'ink', chapterId: 'the-storm', contentType: 'text/x-ink; charset=utf-8' });
    expect(readChapterFile('game.twee', ':: Start\nHi')).toMatchObject({ ok: true, format: 'twee', contentType: 'text/x-twee; charset=utf-8' });
    expect(readChapterFile('game.tw', ':: Start\nHi')).toMatchObject({ ok: true, format: 'twee' });
    expect(readChapterFile('game.html', '<tw-storydata>')).toMatchObject({ ok: true, format: 'html', contentType: 'text/html; charset=utf-8' });
  });

  it('says why JSON that does not parse cannot be sent', () => {
    const result = readChapterFile('broken.json', '{"_id": "x",');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatch(/“broken\.json” is not valid JSON: .+/);
  });

  it('refuses JSON that is not one object, an empty file, and other kinds of file', () => {
    expect(readChapterFile('list.json', '[1,2]')).toMatchObject({ ok: false, problem: expect.stringMatching(/not a chapter document/) });
    expect(readChapterFile('blank.json', '  \n')).toMatchObject({ ok: false, problem: expect.stringMatching(/is empty/) });
    expect(readChapterFile('cover.png', 'x')).toMatchObject({ ok: false, problem: expect.stringMatching(/not a chapter file/) });
    expect(readChapterFile('notes', 'x')).toMatchObject({ ok: false });
  });
});

describe('a chapter id from a file name', () => {
  it('is a lower-case slug of the name without its extension', () => {
    expect(chapterIdFromFileName('02 The Storm.ink')).toBe('02-the-storm');
    expect(chapterIdFromFileName('Café — Night.twee')).toBe('cafe-night');
    expect(chapterIdFromFileName('...ink')).toBe('chapter');
  });
});
