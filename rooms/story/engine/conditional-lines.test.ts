import { describe, expect, it } from 'vitest';
import { applyAction, startChapter, viewScene, type PlayableChapter } from '.';

// The two format extensions imported Twine stories rely on: timeline lines shown only when their
// conditions hold (text inside `if` hooks), and absolute relationship values (`(set: $x to 5)`).

const NOW = new Date('2026-05-01T10:00:00Z');

const chapter: PlayableChapter = {
  id: 'door-ch1',
  storyId: 'door',
  number: 1,
  title: 'The Door',
  startSceneId: 'hall',
  scenes: {
    hall: {
      timeline: [],
      choice: {
        prompt: '',
        options: [
          { id: 'reset', text: 'Drop the keys', effects: { set: { keys: 0 }, flags: { lit: true } }, nextSceneId: 'door' },
          { id: 'three', text: 'Take three keys', effects: { set: { keys: 3 }, relationships: { keys: 1 } }, nextSceneId: 'door' },
        ],
      },
    },
    door: {
      timeline: [
        { type: 'narration', text: 'A door.' },
        { type: 'narration', text: 'The key turns.', requires: [{ relationship: 'keys', min: 1 }] },
        { type: 'dialogue', character: 'Ada', text: 'Locked.', requires: [{ relationship: 'keys', max: 0 }] },
      ],
      end: true,
    },
  },
};

describe('conditional timeline lines and absolute values', () => {
  it('shows a line only to a player for whom its conditions hold', () => {
    const atDoor = { ...startChapter(chapter, null), sceneId: 'door' };
    expect(viewScene(chapter, { ...atDoor, relationships: { keys: 2 } }).timeline.map((s) => s.text)).toEqual(['A door.', 'The key turns.']);
    expect(viewScene(chapter, atDoor).timeline.map((s) => s.text)).toEqual(['A door.', 'Locked.']);
  });

  it('sets a relationship to a value, whatever it was, before applying deltas', () => {
    const start = { ...startChapter(chapter, null), relationships: { keys: 7, other: 2 } };
    const reset = applyAction(chapter, start, { type: 'choose', choiceId: 'reset' }, NOW);
    expect(reset).toMatchObject({ ok: true, progress: { relationships: { keys: 0, other: 2 }, flags: { lit: true } } });
    const three = applyAction(chapter, start, { type: 'choose', choiceId: 'three' }, NOW);
    expect(three).toMatchObject({ ok: true, progress: { relationships: { keys: 4, other: 2 } } });
  });
});
