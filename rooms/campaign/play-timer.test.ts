import { describe, expect, it } from 'vitest';
import { PlayTimer } from './play-timer';

describe('PlayTimer', () => {
  function timer() {
    const pending: { fire: () => void; cleared: boolean }[] = [];
    const clock = { setTimeout: (fire: () => void) => { const t = { fire, cleared: false }; pending.push(t); return { clear: () => void (t.cleared = true) }; } };
    return { pending, playTimer: new PlayTimer(clock, () => 1_000) };
  }

  it('keeps a timer armed under the same key, and shows its deadline on the wall clock', () => {
    const { pending, playTimer } = timer();
    expect(playTimer.arm('turn:1:a', 500, () => undefined)).toBe(true);
    expect(playTimer.arm('turn:1:a', 500, () => undefined)).toBe(false);
    expect(pending).toHaveLength(1);
    expect(playTimer.deadline).toBe(1_500);
    playTimer.clear();
    expect([pending[0]!.cleared, playTimer.deadline]).toEqual([true, 0]);
  });

  it('lets only the current key claim a fired timer, once', () => {
    const { pending, playTimer } = timer();
    const fired: string[] = [];
    playTimer.arm('turn:1:a', 500, () => fired.push('a'));
    pending[0]!.fire();
    playTimer.arm('turn:1:b', 500, () => fired.push('b'));
    expect(fired).toEqual(['a']);
    expect(playTimer.claim('turn:1:a')).toBe(false); // replaced before its work ran
    expect(playTimer.claim('turn:1:b')).toBe(true);
    expect(playTimer.claim('turn:1:b')).toBe(false);
  });
});
