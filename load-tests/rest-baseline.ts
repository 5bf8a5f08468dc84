/**
 * REST baseline: starts the embedded server (`npm start`, fresh DATA_DIR, on 127.0.0.1) in its own
 * process and drives its hottest routes with a fixed number of concurrent callers for a bounded
 * time each, then prints throughput, latency percentiles and the server's memory.
 *
 *   npm run bench:rest            # defaults: 32 callers, 5 s per scenario
 *   BENCH_CONCURRENCY=64 BENCH_SECONDS=10 npm run bench:rest
 *   BENCH_STUDIO_STORIES=20 npm run bench:rest   # the catalog with 20 studio stories published first
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CreateStudioStoryRequest, RegisterRequest, SignIn, StoryPage } from '../api/index';

const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 32);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const port = 20000 + Math.floor(Math.random() * 5000);
const base = `http://127.0.0.1:${port}`;
const transport = process.env.TRANSPORT ?? 'uws';
const studioStories = Number(process.env.BENCH_STUDIO_STORIES ?? 0);

interface Scenario {
  name: string;
  call: (i: number) => Promise<Response>;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'storyverse-bench-'));
  const server = spawn('npm', ['start'], {
    detached: true,
    stdio: 'ignore',
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, TRANSPORT: transport, LOG_LEVEL: 'warn', AUTH_RATE_LIMIT_PER_MINUTE: '100000', GUEST_RATE_LIMIT_PER_MINUTE: '1000000' },
  });
  try {
    await waitForHealth();
    const signIn = await (await post('/v1/auth/register', { email: `bench.${Date.now()}@example.test`, password: 'benchmark password' } satisfies RegisterRequest)).json() as SignIn;
    await publishStudioStories(signIn.accessToken, studioStories);
    const listed = ((await (await fetch(`${base}/v1/stories?limit=50`)).json()) as StoryPage).items;
    const story = listed[0]?.id;
    const scenarios: Scenario[] = [
      { name: 'GET /healthz', call: () => fetch(`${base}/healthz`) },
      { name: 'GET /v1/stories', call: () => fetch(`${base}/v1/stories?limit=20`) },
      { name: `GET /v1/stories/${story}`, call: () => fetch(`${base}/v1/stories/${story}`) },
      { name: 'GET /v1/inventory', call: () => fetch(`${base}/v1/inventory`, { headers: { authorization: `Bearer ${signIn.accessToken}` } }) },
      { name: 'POST /v1/auth/guest (writes)', call: () => post('/v1/auth/guest', {}) },
    ];
    console.log(`REST baseline · transport ${transport} · ${concurrency} concurrent callers · ${seconds} s per scenario · ${listed.length} stories listed (${studioStories} from the studio) · node ${process.version}`);
    console.log('scenario'.padEnd(40), 'req/s'.padStart(9), 'p50 ms'.padStart(8), 'p95 ms'.padStart(8), 'p99 ms'.padStart(8), 'errors'.padStart(7));
    for (const scenario of scenarios) await run(scenario);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    const rss = /storyverse_process_resident_memory_bytes(?:\{[^}]*\})? (\d+)/.exec(metrics)?.[1];
    console.log(`server resident memory after the run: ${rss ? (Number(rss) / 2 ** 20).toFixed(0) : '?'} MiB`);
  } finally {
    try { process.kill(-server.pid!, 'SIGTERM'); } catch { /* already gone */ }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function post(path: string, body: unknown, token?: string): Promise<Response> {
  return send('POST', path, body, token);
}

function send(method: string, path: string, body: unknown, token?: string): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) };
  return fetch(`${base}${path}`, { method, headers, body: JSON.stringify(body) });
}

/** Writes, uploads and publishes `count` one-chapter stories through the studio, so the catalog lists them too. */
async function publishStudioStories(token: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const storyId = `bench-studio-${i}`;
    const chapterId = `${storyId}-ch1`;
    const steps = [
      () => post('/v1/studio/stories', { id: storyId, title: `Bench studio story ${i}`, description: 'Published by the benchmark.', genre: 'mystery' } satisfies CreateStudioStoryRequest, token),
      () => send('PUT', `/v1/studio/stories/${storyId}/chapters/${chapterId}`, { chapterNumber: 1, scenes: { opening: { timeline: [{ type: 'dialogue', character: 'Narrator', text: `Story ${i} begins and ends.` }], end: true } } }, token),
      () => post(`/v1/studio/stories/${storyId}/chapters/${chapterId}/publish`, {}, token),
    ];
    for (const step of steps) {
      const response = await step();
      if (!response.ok) throw new Error(`studio story ${storyId}: ${response.status} ${await response.text()}`);
    }
  }
}

async function waitForHealth(): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not become healthy within 60 s');
}

async function run(scenario: Scenario): Promise<void> {
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = 0; performance.now() < deadline; i++) {
        const t0 = performance.now();
        try {
          const response = await scenario.call(worker * 1_000_000 + i);
          await response.arrayBuffer();
          if (!response.ok) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => (latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN).toFixed(1);
  console.log(scenario.name.padEnd(40), (latencies.length / elapsed).toFixed(0).padStart(9), pct(50).padStart(8), pct(95).padStart(8), pct(99).padStart(8), String(errors).padStart(7));
}

await main();
