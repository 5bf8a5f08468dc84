import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from './latency-histogram';
import { SeededRandom } from './seeded-random';

/** The exact nearest-rank percentile of sorted samples. */
function exact(sorted: number[], p: number): number {
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1]!;
}

describe('LatencyHistogram', () => {
  it('has nothing to say without samples', () => {
    expect(new LatencyHistogram().summary()).toEqual({ count: 0, p50: null, p95: null, p99: null, max: null });
  });

  it('is exact below a quarter of a millisecond', () => {
    const histogram = new LatencyHistogram();
    for (const ms of [0.1, 0.2, 0.2, 0.25]) histogram.record(ms);
    expect(histogram.percentile(50)).toBe(0.2);
    expect(histogram.percentile(100)).toBe(0.25);
  });

  it('stays within 0.8 % of the exact percentiles, never below them, and keeps the exact max', () => {
    const random = new SeededRandom('histogram');
    const histogram = new LatencyHistogram();
    const samples: number[] = [];
    for (let i = 0; i < 50_000; i++) {
      // Mostly a few ms, with a long tail up to seconds.
      const ms = random.next() < 0.97 ? 1 + random.next() * 20 : 20 + random.next() ** 3 * 3000;
      samples.push(ms);
      histogram.record(ms);
    }
    samples.sort((a, b) => a - b);
    for (const p of [50, 90, 95, 99, 99.9]) {
      const want = exact(samples, p);
      const got = histogram.percentile(p)!;
      expect(got).toBeGreaterThanOrEqual(Math.floor(want * 1000) / 1000);
      expect((got - want) / want).toBeLessThan(0.008);
    }
    expect(histogram.summary().max).toBe(Math.round(samples.at(-1)! * 10) / 10);
    expect(histogram.count).toBe(50_000);
  });

  it('clamps absurd values instead of failing', () => {
    const histogram = new LatencyHistogram();
    histogram.record(-5);
    histogram.record(1e12);
    expect(histogram.percentile(0)).toBe(0);
    expect(histogram.percentile(100)).toBeGreaterThan(2_000_000);
  });
});
