import { describe, expect, it } from 'vitest';
import { addKeys, currentKeys, nextKeyAt, settleKeys, takeKeys, type KeyState } from './key-regeneration';

const rules = { keysCap: 5, keyRegenSeconds: 100 };
const anchor = new Date('2026-01-01T00:00:00Z');
const at = (seconds: number) => new Date(anchor.getTime() + seconds * 1000);
const state = (keys: number, anchorSeconds = 0): KeyState => ({ keys, keysAnchorAt: at(anchorSeconds) });

describe('currentKeys', () => {
  it('earns nothing just before a full period', () => {
    expect(currentKeys(state(2), rules, at(99.999))).toBe(2);
  });

  it('earns a key exactly at the period boundary', () => {
    expect(currentKeys(state(2), rules, at(100))).toBe(3);
    expect(currentKeys(state(2), rules, at(200))).toBe(4);
  });

  it('stops at the cap however long the player was away', () => {
    expect(currentKeys(state(0), rules, at(500))).toBe(5);
    expect(currentKeys(state(0), rules, at(10 * 365 * 24 * 3600))).toBe(5);
  });

  it('does not regenerate above the cap after a grant', () => {
    expect(currentKeys(state(7), rules, at(1000))).toBe(7);
  });

  it('never takes keys away when the clock steps backwards', () => {
    expect(currentKeys(state(3, 50), rules, at(0))).toBe(3);
  });
});

describe('nextKeyAt', () => {
  it('is one period after the anchor when nothing was earned yet', () => {
    expect(nextKeyAt(state(2), rules, at(30))).toEqual(at(100));
  });

  it('moves to the following boundary once a key was earned', () => {
    expect(nextKeyAt(state(2), rules, at(100))).toEqual(at(200));
    expect(nextKeyAt(state(2), rules, at(250))).toEqual(at(300));
  });

  it('is null at the cap', () => {
    expect(nextKeyAt(state(5), rules, at(0))).toBeNull();
    expect(nextKeyAt(state(4), rules, at(100))).toBeNull();
  });
});

describe('settleKeys', () => {
  it('advances the anchor by whole periods only', () => {
    expect(settleKeys(state(1), rules, at(250))).toEqual({ keys: 3, keysAnchorAt: at(200) });
  });

  it('anchors at now once the cap is reached', () => {
    expect(settleKeys(state(3), rules, at(250))).toEqual({ keys: 5, keysAnchorAt: at(250) });
  });
});

describe('takeKeys', () => {
  it('starts the regeneration clock at now when spending from a full wallet', () => {
    const after = takeKeys(state(5), rules, at(1234), 1);
    expect(after).toEqual({ keys: 4, keysAnchorAt: at(1234) });
    expect(nextKeyAt(after, rules, at(1234))).toEqual(at(1334));
  });

  it('keeps partial progress toward the next key when spending below the cap', () => {
    // 2 keys anchored at 0; at 130 one key was earned and 30 s of the next one are banked.
    const after = takeKeys(state(2), rules, at(130), 2);
    expect(after).toEqual({ keys: 1, keysAnchorAt: at(100) });
    expect(nextKeyAt(after, rules, at(130))).toEqual(at(200));
    expect(currentKeys(after, rules, at(200))).toBe(2);
  });

  it('can take the last key, and the wallet then refills over time', () => {
    const after = takeKeys(state(1), rules, at(10), 1);
    expect(after.keys).toBe(0);
    expect(currentKeys(after, rules, at(99))).toBe(0);
    expect(currentKeys(after, rules, at(100))).toBe(1);
    expect(currentKeys(after, rules, at(600))).toBe(5);
  });

  it('counts keys regenerated up to now as spendable', () => {
    expect(takeKeys(state(0), rules, at(300), 3)).toEqual({ keys: 0, keysAnchorAt: at(300) });
  });

  it('refuses to take more than there is', () => {
    expect(() => takeKeys(state(1), rules, at(0), 2)).toThrow(RangeError);
  });

  it('restarts the clock when a spend brings an over-cap wallet below the cap', () => {
    expect(takeKeys(state(6), rules, at(500), 2)).toEqual({ keys: 4, keysAnchorAt: at(500) });
  });
});

describe('addKeys', () => {
  it('keeps partial progress below the cap', () => {
    expect(addKeys(state(1), rules, at(150), 1)).toEqual({ keys: 3, keysAnchorAt: at(100) });
  });

  it('may go above the cap', () => {
    expect(addKeys(state(5), rules, at(10), 3)).toEqual({ keys: 8, keysAnchorAt: at(10) });
  });
});
