/**
 * A small seeded PRNG (mulberry32), so a run's choices and think times can be reproduced: each
 * virtual player gets its own stream derived from the run seed and its index, which keeps its
 * behaviour the same whatever order the network interleaves players in.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: string | number) {
    this.state = typeof seed === 'number' ? seed >>> 0 : hashText(seed);
  }

  /** A stream for one player of a run. */
  static forPlayer(runSeed: string, index: number): SeededRandom {
    return new SeededRandom(`${runSeed}#${index}`);
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A whole number in [0, below). */
  below(below: number): number {
    return Math.floor(this.next() * below);
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    const item = items[this.below(items.length)];
    if (item === undefined) throw new Error('pick() needs a non-empty list');
    return item;
  }

  /** `base` ± `fraction` of it, uniformly. */
  jitter(base: number, fraction: number): number {
    return base * (1 + (this.next() * 2 - 1) * fraction);
  }
}

/** FNV-1a: turns a seed text into 32 bits. */
function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
