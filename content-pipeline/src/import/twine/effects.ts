import type { OptionEffects } from '../../option-schema';
import type { SetValue } from './expressions';

// Sets in order → the option effects that leave the player in the same state: booleans as flags,
// numbers as relationship deltas, or as absolute values (`effects.set`) once any set was absolute.

export function effectsOf(sets: readonly SetValue[]): OptionEffects | undefined {
  const flags: Record<string, boolean> = {};
  const deltas: Record<string, number> = {};
  const absolute: Record<string, number> = {};
  for (const { variable, mode, value } of sets) {
    if (typeof value === 'boolean') flags[variable] = value;
    else if (mode === 'to') {
      absolute[variable] = value;
      delete deltas[variable];
    } else if (variable in absolute) absolute[variable]! += value;
    else deltas[variable] = (deltas[variable] ?? 0) + value;
  }
  const effects: OptionEffects = {};
  if (Object.keys(flags).length > 0) effects.flags = flags;
  const changed = Object.fromEntries(Object.entries(deltas).filter(([, delta]) => delta !== 0));
  if (Object.keys(changed).length > 0) effects.relationships = changed;
  if (Object.keys(absolute).length > 0) effects.set = absolute;
  return Object.keys(effects).length > 0 ? effects : undefined;
}

/** True when applying the sets to a fresh player (all 0 and false) changes nothing. */
export function changesFreshState(sets: readonly SetValue[]): boolean {
  const effects = effectsOf(sets);
  if (effects === undefined) return false;
  return Object.values(effects.flags ?? {}).some(Boolean) || Object.keys(effects.relationships ?? {}).length > 0 || Object.values(effects.set ?? {}).some((v) => v !== 0);
}
