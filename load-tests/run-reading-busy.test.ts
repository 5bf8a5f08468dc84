import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server';
import { formatReadingReport } from './reading-report';
import { runReading } from './run-reading';

describe('runReading on a busy chapter', () => {
  let server: TestServer;
  beforeAll(async () => {
    // One comment a second live (three at once): 16 readers commenting every ~2.5 s write more than that.
    server = await startTestServer('sqlite', { READING_LIVE_COMMENTS_PER_SECOND: '1' });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('counts the comments the chapter held back from its readers', async () => {
    const summary = await runReading({ readers: 16, rampS: 1, durationS: 5, reactEveryS: 5, commentEveryS: 2.5, paragraphS: 1, observers: 2, target: `http://127.0.0.1:${server.port}`, storyId: null, chapterId: null, seed: 'vitest', prepareConcurrency: 8 });
    expect(summary.errorsByCode).toEqual({});
    expect(summary.commentsHeldBack).toBeGreaterThan(0);
    // Each comment reaches each reader live or is counted as held back, never both (a count still untold
    // at the end is neither). The probe's comments (one every 5 s) come on top of the readers'.
    const written = summary.comments + Math.ceil(summary.durationS / 5);
    expect(summary.commentsReceived + summary.commentsHeldBack).toBeLessThanOrEqual(written * summary.joins);
    expect(formatReadingReport('reading', summary)).toContain(`held back (over a reader's live rate) ${summary.commentsHeldBack}`);
  }, 60_000);
});
