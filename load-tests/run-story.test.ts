import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server';
import { runStory } from './run-story';

describe('runStory against the real composition', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { KEYS_CAP: '50', WELCOME_DIAMONDS: '1000' });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('connects every player, reads and chooses without a single error, and reports the server', async () => {
    const summary = await runStory({ clients: 10, thinkMs: 100, durationS: 4, rampS: 1, seed: 'vitest', prepareConcurrency: 4, target: `http://127.0.0.1:${server.port}` });
    expect(summary.clients).toBe(10);
    expect(summary.prepared).toMatchObject({ players: 10, of: 10 });
    expect(summary.errors).toBe(0);
    expect(summary.errorsByCode).toEqual({});
    expect(summary.choices).toBeGreaterThan(0);
    expect(summary.advances).toBeGreaterThan(0);
    // Chapters ended, and their readers went on into the next ones in the same room.
    expect(summary.nextChapters).toBeGreaterThan(0);
    expect(summary.nextChapterRttMs.p50).toBeGreaterThan(0);
    expect(summary.joins).toBeGreaterThanOrEqual(10);
    expect(summary.choiceRttMs.p99).toBeGreaterThan(0);
    expect(summary.joinMs.p50).toBeGreaterThan(0);
    expect(summary.durationS).toBeGreaterThanOrEqual(4);
    expect(summary.messagesPerSecond).toBeGreaterThan(0);
    expect(summary.server?.after.cpuSeconds).toBeGreaterThan(summary.server?.before.cpuSeconds ?? Infinity);
    expect(summary.generator.cpuSeconds).toBeGreaterThan(0);
  });
});
