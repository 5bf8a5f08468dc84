import type { LocatedOption } from './located-options';

// What the options of a whole story can do to the player's state. Flags and relationships
// live for the whole story (set in chapter 1, tested in chapter 2), so rules about whether a
// condition can ever hold must look at every chapter at once.

export type StateWrites = {
  /** Flags some option sets to true (`flag`, or `effects.flags` with true). */
  flagsSetTrue: Set<string>;
  /** Flags some option sets to anything. */
  flagsWritten: Set<string>;
  /** Characters some option gives a positive relationship delta (or sets above 0). */
  relationshipsRaised: Set<string>;
  /** Characters some option gives a negative relationship delta (or sets below 0). */
  relationshipsLowered: Set<string>;
};

export function collectStateWrites(options: readonly LocatedOption[]): StateWrites {
  const writes: StateWrites = { flagsSetTrue: new Set(), flagsWritten: new Set(), relationshipsRaised: new Set(), relationshipsLowered: new Set() };
  for (const { option } of options) {
    if (option.flag !== undefined) {
      writes.flagsSetTrue.add(option.flag);
      writes.flagsWritten.add(option.flag);
    }
    for (const [flag, value] of Object.entries(option.effects?.flags ?? {})) {
      writes.flagsWritten.add(flag);
      if (value) writes.flagsSetTrue.add(flag);
    }
    const written = { ...option.effects?.set, ...option.effects?.relationships };
    for (const [name, delta] of Object.entries(written)) {
      if (delta > 0) writes.relationshipsRaised.add(name);
      if (delta < 0) writes.relationshipsLowered.add(name);
    }
  }
  return writes;
}
