/**
 * The server's own view of a run, read from its Prometheus endpoint before and after: CPU
 * seconds, resident memory, used heap, GC time and event-loop delay of the process that
 * answered `GET /metrics` — or of several processes as one server (a cluster's game processes,
 * each scraped on its own port: the origin does not serve /metrics).
 */
export interface ServerSample {
  cpuSeconds: number;
  residentBytes: number;
  heapUsedBytes: number;
  /** Heap used right after the server's latest full GC (live data only); null before its first one or when not exported. */
  liveHeapBytes: number | null;
  /** Time spent in garbage collection since the process started (all kinds); 0 if not exported. */
  gcSeconds: number;
  /** Event-loop delay since the previous scrape (prom-client resets it on each), null if not exported. */
  eventLoopDelay: { p99Seconds: number; maxSeconds: number } | null;
}

export interface ServerFigures {
  /** How many processes the figures add up (each one's `/metrics`): 1 for a single server. */
  processes: number;
  before: ServerSample;
  after: ServerSample;
  /** Server CPU seconds spent during the run. */
  cpuSeconds: number;
  /** Share of one core the server used during the run (100 = one full core). */
  cpuPercent: number;
  /** Server CPU per message a player sent (each is one round trip), in ms; joins are in it too. */
  cpuMsPerMessage: number | null;
  /** (heap after − heap before) / players connected at the end; garbage not yet collected included. */
  heapPerSessionBytes: number | null;
  /** The same from the live heap after the latest full GCs: what a session really keeps. */
  liveHeapPerSessionBytes: number | null;
  /** Garbage collection during the run. */
  gcSeconds: number;
  /**
   * How late the server's event loop ran: every message waited at least this long behind other work.
   * prom-client resets it at each scrape, so with a steady window (its scrape) it covers the time
   * after the ramp, else the whole run.
   */
  eventLoopDelayMs: { p99: number; max: number } | null;
  /** From 2 s after the ramp to the end: the cost of a round trip without the join ramp; null for runs too short to have one. */
  steady: SteadyFigures | null;
}

export interface SteadyFigures {
  durationS: number;
  messagesSent: number;
  cpuPercent: number;
  cpuMsPerMessage: number | null;
}

/** The window after the ramp: its first scrape and what the players sent since. */
export interface SteadyWindow {
  start: ServerSample | null;
  durationS: number;
  messagesSent: number;
}

const NAMES = {
  cpuSeconds: 'storyverse_process_cpu_seconds_total',
  residentBytes: 'storyverse_process_resident_memory_bytes',
  heapUsedBytes: 'storyverse_nodejs_heap_size_used_bytes',
} as const;
const GC_SUM = 'storyverse_nodejs_gc_duration_seconds_sum';
const LIVE_HEAP = 'storyverse_nodejs_heap_live_bytes';
const LAG_P99 = 'storyverse_nodejs_eventloop_lag_p99_seconds';
const LAG_MAX = 'storyverse_nodejs_eventloop_lag_max_seconds';
/** prom-client samples the loop every 10 ms and records whole intervals. */
const LAG_RESOLUTION_S = 0.01;

/** Picks our figures out of Prometheus text; null if CPU, memory or heap is missing. */
export function parseServerMetrics(text: string): ServerSample | null {
  const values = new Map<string, number>();
  let gcSeconds = 0;
  for (const line of text.split('\n')) {
    // The exact name, optionally with labels, then the value.
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{[^}]*\})?\s+([-+0-9.eE]+|NaN)$/.exec(line.trim());
    if (!match?.[1] || !match[2]) continue;
    const value = Number(match[2]);
    if (match[1] === GC_SUM) gcSeconds += value;
    else if (!values.has(match[1])) values.set(match[1], value);
  }
  const cpuSeconds = values.get(NAMES.cpuSeconds);
  const residentBytes = values.get(NAMES.residentBytes);
  const heapUsedBytes = values.get(NAMES.heapUsedBytes);
  if (cpuSeconds === undefined || residentBytes === undefined || heapUsedBytes === undefined) return null;
  const p99 = values.get(LAG_P99);
  const max = values.get(LAG_MAX);
  const eventLoopDelay = p99 !== undefined && max !== undefined && Number.isFinite(p99) && Number.isFinite(max) ? { p99Seconds: p99, maxSeconds: max } : null;
  // The gauge reads 0 until the server's first full GC: no figure yet.
  const liveHeapBytes = values.get(LIVE_HEAP) || null;
  return { cpuSeconds, residentBytes, heapUsedBytes, liveHeapBytes, gcSeconds, eventLoopDelay };
}

/** GET /metrics; null when the target does not expose them (the run goes on without). */
export async function readServerMetrics(target: string): Promise<ServerSample | null> {
  try {
    const response = await fetch(`${target}/metrics`);
    return response.ok ? parseServerMetrics(await response.text()) : null;
  } catch {
    return null;
  }
}

/** Every process's figures, as one server's (see combineSamples). */
export async function readServersMetrics(targets: readonly string[]): Promise<ServerSample | null> {
  return combineSamples(await Promise.all(targets.map((target) => readServerMetrics(target))));
}

/**
 * Several processes as one server: CPU, memory, heap and GC time added up; the event-loop delay the
 * worst of theirs (the highest p99 and the highest max: a message waits on the process it reaches).
 * Null unless every process answered: a server missing a process would look cheaper than it is.
 */
export function combineSamples(samples: readonly (ServerSample | null)[]): ServerSample | null {
  if (samples.length === 0 || samples.some((sample) => sample === null)) return null;
  const all = samples as readonly ServerSample[];
  const sum = (pick: (sample: ServerSample) => number) => all.reduce((total, sample) => total + pick(sample), 0);
  const delays = all.map((sample) => sample.eventLoopDelay);
  return {
    cpuSeconds: sum((sample) => sample.cpuSeconds),
    residentBytes: sum((sample) => sample.residentBytes),
    heapUsedBytes: sum((sample) => sample.heapUsedBytes),
    liveHeapBytes: all.every((sample) => sample.liveHeapBytes !== null) ? sum((sample) => sample.liveHeapBytes!) : null,
    gcSeconds: sum((sample) => sample.gcSeconds),
    eventLoopDelay: delays.every((delay) => delay !== null)
      ? { p99Seconds: Math.max(...delays.map((delay) => delay!.p99Seconds)), maxSeconds: Math.max(...delays.map((delay) => delay!.maxSeconds)) }
      : null,
  };
}

export function serverFigures(
  before: ServerSample | null,
  after: ServerSample | null,
  run: { durationS: number; messagesSent: number; connectedAtEnd: number; steady?: SteadyWindow | null; processes?: number },
): ServerFigures | null {
  if (!before || !after) return null;
  const cpuSeconds = after.cpuSeconds - before.cpuSeconds;
  const lagMs = (seconds: number) => Math.max(0, round((seconds - LAG_RESOLUTION_S) * 1000, 1));
  return {
    processes: run.processes ?? 1,
    before,
    after,
    cpuSeconds: round(cpuSeconds, 3),
    cpuPercent: run.durationS > 0 ? round((cpuSeconds / run.durationS) * 100, 1) : 0,
    cpuMsPerMessage: run.messagesSent > 0 ? round((cpuSeconds * 1000) / run.messagesSent, 3) : null,
    heapPerSessionBytes: run.connectedAtEnd > 0 ? Math.round((after.heapUsedBytes - before.heapUsedBytes) / run.connectedAtEnd) : null,
    liveHeapPerSessionBytes:
      run.connectedAtEnd > 0 && after.liveHeapBytes !== null && before.liveHeapBytes !== null ? Math.round((after.liveHeapBytes - before.liveHeapBytes) / run.connectedAtEnd) : null,
    gcSeconds: round(after.gcSeconds - before.gcSeconds, 3),
    eventLoopDelayMs: after.eventLoopDelay ? { p99: lagMs(after.eventLoopDelay.p99Seconds), max: lagMs(after.eventLoopDelay.maxSeconds) } : null,
    steady: steadyFigures(after, run.steady ?? null),
  };
}

function steadyFigures(after: ServerSample, window: SteadyWindow | null): SteadyFigures | null {
  if (!window?.start || window.durationS <= 0) return null;
  const cpuSeconds = after.cpuSeconds - window.start.cpuSeconds;
  return {
    durationS: round(window.durationS, 1),
    messagesSent: window.messagesSent,
    cpuPercent: round((cpuSeconds / window.durationS) * 100, 1),
    cpuMsPerMessage: window.messagesSent > 0 ? round((cpuSeconds * 1000) / window.messagesSent, 3) : null,
  };
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
