/**
 * Lazy key regeneration, as pure arithmetic. A wallet stores `keys` as counted at `keysAnchorAt`;
 * one key is earned per full `keyRegenSeconds` since the anchor, up to `keysCap`. Nothing runs on
 * a timer: every read or change first "settles" the stored pair to `now`.
 */

export interface KeyState {
  keys: number;
  keysAnchorAt: Date;
}

export interface KeyRules {
  keysCap: number;
  keyRegenSeconds: number;
}

/**
 * The stored pair brought forward to `now`. Below the cap the anchor moves by whole regeneration
 * periods only, so partial progress toward the next key survives; at (or above, after a grant)
 * the cap the clock is not running, so the anchor is simply `now`.
 */
export function settleKeys(state: KeyState, rules: KeyRules, now: Date): KeyState {
  if (state.keys >= rules.keysCap) return { keys: state.keys, keysAnchorAt: now };
  const periodMs = rules.keyRegenSeconds * 1000;
  // A clock that stepped backwards must not take keys away.
  const elapsedMs = Math.max(0, now.getTime() - state.keysAnchorAt.getTime());
  const earned = Math.floor(elapsedMs / periodMs);
  const keys = Math.min(rules.keysCap, state.keys + earned);
  if (keys >= rules.keysCap) return { keys, keysAnchorAt: now };
  return { keys, keysAnchorAt: new Date(state.keysAnchorAt.getTime() + earned * periodMs) };
}

/** Keys the player holds right now. */
export function currentKeys(state: KeyState, rules: KeyRules, now: Date): number {
  return settleKeys(state, rules, now).keys;
}

/** When the next key arrives, or null when the wallet is full. */
export function nextKeyAt(state: KeyState, rules: KeyRules, now: Date): Date | null {
  const settled = settleKeys(state, rules, now);
  if (settled.keys >= rules.keysCap) return null;
  return new Date(settled.keysAnchorAt.getTime() + rules.keyRegenSeconds * 1000);
}

/**
 * The pair to store after taking `count` keys at `now`. Spending from a full wallet starts the
 * regeneration clock at `now`; spending below the cap keeps the progress already made.
 * The caller checks availability first; asking for more than there is is a bug.
 */
export function takeKeys(state: KeyState, rules: KeyRules, now: Date, count: number): KeyState {
  const settled = settleKeys(state, rules, now);
  if (count > settled.keys) throw new RangeError(`cannot take ${count} keys from ${settled.keys}`);
  return { keys: settled.keys - count, keysAnchorAt: settled.keysAnchorAt };
}

/** The pair to store after adding `count` keys at `now` (a grant may go above the cap). */
export function addKeys(state: KeyState, rules: KeyRules, now: Date, count: number): KeyState {
  const settled = settleKeys(state, rules, now);
  return { keys: settled.keys + count, keysAnchorAt: settled.keysAnchorAt };
}
