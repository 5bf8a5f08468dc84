import { describe, expect, it } from 'vitest';
import type { TimelineLine } from './player-contract';
import { SceneReader } from './SceneReader';

const step = (kind: string, text = '', character = ''): TimelineLine => ({ kind, character, text, mood: '', position: '' });
const timeline = [step('show', '', 'Mags'), step('narration', 'Rain.'), step('dialogue', 'Late again.', 'Mags'), step('hide', '', 'Mags'), step('narration', 'Silence.')];

function reader() {
  const calls: string[] = [];
  const r = new SceneReader({
    stageStep: (s) => calls.push(`${s.kind} ${s.character}`),
    presentLine: (s) => (calls.push(`line ${s.text}`), true),
    revealLine: () => calls.push('reveal'),
    advance: () => calls.push('advance'),
    showChoices: () => calls.push('choices'),
    chapterEnd: () => calls.push('end'),
  });
  return { r, calls };
}

describe('SceneReader', () => {
  it('starts at a saved line with the stage as it stood there', () => {
    const { r, calls } = reader();
    r.start(timeline, 'choice', 2);
    expect(calls).toEqual(['show Mags', 'line Late again.']);
    expect(r.lineIndex).toBe(2);
    r.continue();
    expect(calls.slice(2)).toEqual(['hide Mags', 'line Silence.']);
    r.continue();
    expect(calls.at(-1)).toBe('choices');
  });

  it('goes straight to the choices when the saved place is past the last line', () => {
    const { r, calls } = reader();
    r.start(timeline, 'choice', timeline.length);
    expect(calls).toEqual(['show Mags', 'hide Mags', 'choices']);
  });
});
