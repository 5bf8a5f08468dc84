import { describe, expect, it } from 'vitest';
import { SeededRandom } from './seeded-random';

describe('SeededRandom', () => {
  it('repeats itself for a seed and differs between players', () => {
    const draw = (random: SeededRandom) => Array.from({ length: 5 }, () => random.next());
    expect(draw(SeededRandom.forPlayer('7', 3))).toEqual(draw(SeededRandom.forPlayer('7', 3)));
    expect(draw(SeededRandom.forPlayer('7', 3))).not.toEqual(draw(SeededRandom.forPlayer('7', 4)));
  });

  it('jitters within the bounds it is given', () => {
    const random = new SeededRandom('jitter');
    const waits = Array.from({ length: 10_000 }, () => random.jitter(1000, 0.3));
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(700);
    expect(Math.max(...waits)).toBeLessThanOrEqual(1300);
    expect(Math.min(...waits)).toBeLessThan(710);
    expect(Math.max(...waits)).toBeGreaterThan(1290);
  });

  it('picks every element of a list, and refuses an empty one', () => {
    const random = new SeededRandom(1);
    const seen = new Set(Array.from({ length: 200 }, () => random.pick(['a', 'b', 'c'])));
    expect(seen).toEqual(new Set(['a', 'b', 'c']));
    expect(() => random.pick([])).toThrow();
  });
});
