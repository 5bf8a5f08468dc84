/**
 * A log-linear latency histogram in the manner of HdrHistogram: exact to the microsecond below
 * 256 µs, then 128 sub-buckets per power of two (a reported value is at most 0.8 % above the
 * true one). Its memory is fixed (3,200 counters) however many samples 10,000 players record.
 */
const EXACT_LIMIT = 256; // µs below this have their own bucket
const SUB_BUCKET_BITS = 7; // 128 sub-buckets per power of two
const SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
const MAX_MICROS = 2 ** 31 - 1; // ~36 minutes; anything slower is clamped
const BUCKET_COUNT = EXACT_LIMIT + (31 - 8) * SUB_BUCKETS;

export interface LatencySummary {
  count: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
}

export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKET_COUNT);
  private total = 0;
  private maxMicros = 0;

  get count(): number {
    return this.total;
  }

  /** Records one sample, in milliseconds. */
  record(ms: number): void {
    const micros = Math.min(MAX_MICROS, Math.max(0, Math.round(ms * 1000)));
    this.counts[bucketOf(micros)]! += 1;
    this.total++;
    if (micros > this.maxMicros) this.maxMicros = micros;
  }

  /** The value (ms) at or below which `p` percent of the samples fall; null without samples. */
  percentile(p: number): number | null {
    if (this.total === 0) return null;
    const rank = Math.max(1, Math.ceil((p / 100) * this.total));
    let seen = 0;
    for (let bucket = 0; bucket < BUCKET_COUNT; bucket++) {
      seen += this.counts[bucket]!;
      if (seen >= rank) return Math.min(highestIn(bucket), this.maxMicros) / 1000;
    }
    return this.maxMicros / 1000;
  }

  /** The sample count and p50/p95/p99/max in ms, rounded to 0.1 ms. */
  summary(): LatencySummary {
    const round = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);
    return {
      count: this.total,
      p50: round(this.percentile(50)),
      p95: round(this.percentile(95)),
      p99: round(this.percentile(99)),
      max: round(this.total === 0 ? null : this.maxMicros / 1000),
    };
  }
}

function bucketOf(micros: number): number {
  if (micros < EXACT_LIMIT) return micros;
  const exponent = 31 - Math.clz32(micros); // floor(log2), ≥ 8 here
  const subBucket = (micros >>> (exponent - SUB_BUCKET_BITS)) - SUB_BUCKETS;
  return EXACT_LIMIT + (exponent - 8) * SUB_BUCKETS + subBucket;
}

/** The largest microsecond value that lands in `bucket` (what HdrHistogram reports). */
function highestIn(bucket: number): number {
  if (bucket < EXACT_LIMIT) return bucket;
  const exponent = 8 + Math.floor((bucket - EXACT_LIMIT) / SUB_BUCKETS);
  const subBucket = (bucket - EXACT_LIMIT) % SUB_BUCKETS;
  const width = 1 << (exponent - SUB_BUCKET_BITS);
  return (SUB_BUCKETS + subBucket) * width + width - 1;
}
