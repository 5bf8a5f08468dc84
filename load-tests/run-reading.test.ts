import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server';
import { formatReadingReport } from './reading-report';
import { runReading } from './run-reading';

describe('runReading against the real composition', () => {
  let server: TestServer;
  beforeAll(async () => {
    // Three rooms of 8: the observers sit in different rooms from most senders.
    server = await startTestServer('sqlite', { READING_ROOM_SIZE: '8' });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('joins every reader, reacts and comments without an error, and times the fan-out across rooms', async () => {
    const summary = await runReading({ readers: 20, rampS: 1, durationS: 7, reactEveryS: 1.5, commentEveryS: 4, paragraphS: 1, observers: 3, target: `http://127.0.0.1:${server.port}`, storyId: null, chapterId: null, seed: 'vitest', prepareConcurrency: 8 });
    expect(summary.prepared).toBe(20);
    expect(summary.joins).toBe(20);
    // The 17 wire readers time their seat reservation apart; it is part of their join.
    expect(summary.seatMs.count).toBe(17);
    expect(summary.seatMs.max!).toBeLessThanOrEqual(summary.joinMs.max!);
    // …and the rest of it step by step, each a part of the whole.
    for (const step of Object.values(summary.joinStepsMs)) {
      expect(step.count).toBe(17);
      expect(step.max!).toBeLessThanOrEqual(summary.joinMs.max!);
    }
    expect(summary.errorsByCode).toEqual({});
    expect(summary.reactions).toBeGreaterThan(20);
    expect(summary.comments).toBeGreaterThan(0);
    expect(summary.positions).toBeGreaterThan(20);
    // Every comment reaches every reader of the chapter: more received than sent.
    expect(summary.commentsReceived).toBeGreaterThan(summary.comments);
    expect(summary.fanoutReactionMs.count).toBeGreaterThan(0);
    expect(summary.fanoutMissed).toEqual({ reaction: 0, comment: 0 });
    expect(summary.server?.liveHeapPerSessionBytes ?? summary.server?.heapPerSessionBytes).not.toBeNull();
    expect(formatReadingReport('reading', summary)).toContain('fan-out: reaction');
    expect(formatReadingReport('reading', summary)).toContain('+ onJoin (admitted)');
  }, 60_000);
});
