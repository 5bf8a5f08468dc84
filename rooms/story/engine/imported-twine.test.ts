import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PlayableChapter } from '.';
import { playToAnEnding } from './play-to-an-ending';

// The Twine importer's golden outputs (content-pipeline/fixtures/import/twine/<case>/expected)
// play to an ending through this engine, whatever the (seeded, random) choices — conditional
// lines, gated options and absolute sets included.

const FIXTURES = join(__dirname, '..', '..', '..', 'content-pipeline', 'fixtures', 'import', 'twine');
const chapterOf = (name: string): PlayableChapter => JSON.parse(readFileSync(join(FIXTURES, name, 'expected', 'chapters', '01.json'), 'utf8'));

describe('imported Twine stories play to an ending through the story engine', () => {
  it.each(['harlowe-twee', 'sugarcube-twee', 'chapbook-html', 'snowman-html', 'unknown-format-twee'])('%s, with random choices', (name) => {
    const chapter = chapterOf(name);
    for (let seed = 1; seed <= 20; seed++) expect(playToAnEnding(chapter, seed)).toMatchObject({ ended: true });
  });

  it('tells a walk that gets stuck from one that ends', () => {
    const stuck: PlayableChapter = { ...chapterOf('snowman-html'), startSceneId: 'path' };
    stuck.scenes.path = { timeline: [], choice: { prompt: '', options: [{ id: 'o1', text: 'Locked', nextSceneId: 'pier', requires: [{ flag: 'never' }] }] } };
    expect(playToAnEnding(stuck, 1)).toMatchObject({ ended: false, stuckAt: 'path' });
  });
});
