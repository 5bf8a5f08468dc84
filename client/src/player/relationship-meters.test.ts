import { describe, expect, it } from 'vitest';
import type { ChapterBundle } from '../../../content-pipeline';
import { relationshipMeters } from './relationship-meters';

describe('relationship meters', () => {
  const bundle = {
    characters: { Jun: { displayName: 'Jun Arden' }, Sol: { displayName: 'Sol Vega' } },
    scenes: {
      shop: {
        timeline: [],
        choice: {
          prompt: '',
          options: [
            { id: 'a', text: 'A', nextSceneId: 'x', effects: { relationships: { Jun: 1 } } },
            { id: 'b', text: 'B', nextSceneId: 'x', requires: [{ relationship: 'Sol', min: 2 }] },
          ],
        },
      },
    },
  } as unknown as ChapterBundle;

  it('shows the characters this chapter moves or tests, and any already moved, by display name', () => {
    expect(relationshipMeters(bundle, { Jun: 3, Vivian: -1 })).toEqual([
      { name: 'Jun Arden', value: 3 },
      { name: 'Sol Vega', value: 0 },
      { name: 'Vivian', value: -1 },
    ]);
  });

  it('copes with a bundle without scenes', () => {
    expect(relationshipMeters({ characters: {} } as unknown as ChapterBundle, { Jun: 2 })).toEqual([{ name: 'Jun', value: 2 }]);
  });
});
