import { describe, expect, it } from 'vitest';
import { chapterChanges } from './chapter-changes';

describe('chapter-end changes', () => {
  const bundle = { characters: { Mags: { displayName: 'Mags Okafor' } }, flagLabels: { found_logbook: 'You found the station logbook' } };

  it('tells relationships by name and flags in their authored words', () => {
    const changes = chapterChanges(
      { flags: {}, relationships: { Mags: 1 } },
      { flags: { found_logbook: true, took_call_private: true }, relationships: { Mags: 3, Ruiz: -1 } },
      bundle,
    );
    expect(changes).toEqual([
      { text: 'Mags Okafor +2', tone: 'up' },
      { text: 'Ruiz −1', tone: 'down' },
      { text: 'You found the station logbook', tone: 'flag' },
    ]);
  });

  it('says nothing about a flag without a label, and never its id', () => {
    const changes = chapterChanges({ flags: {}, relationships: {} }, { flags: { took_call_private: true }, relationships: {} }, { characters: {} });
    expect(changes).toEqual([]);
  });
});
