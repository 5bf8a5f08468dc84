import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoryMessage } from '../rooms/story/protocol';
import { startTestServer, type TestServer } from '../testing/test-server';
import { freePort } from '../rooms/shared/free-port';
import { RunStats } from './run-stats';
import { JoinFailed, StorySession, type Outcome } from './story-session';
import { GuestAccount } from './storyverse-api';

describe('StorySession on a bare socket against the real server', () => {
  let server: TestServer;
  let target: string;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { KEYS_CAP: '50' });
    target = `http://127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await server?.close();
  });

  const token = async () => (await GuestAccount.create(target)).accessToken();

  it('decodes the state the room shows and plays the chapter to its end, scene by scene', async () => {
    const stats = new RunStats();
    const outcomes: Outcome[] = [];
    const session = await StorySession.open(target, await token(), { storyId: 'the-lantern-keeper' }, stats, (outcome) => outcomes.push(outcome));
    expect(stats.connected).toBe(1);
    expect(session.state.storyId).toBe('the-lantern-keeper');
    expect(session.state.chapterId).not.toBe('');
    expect(session.state.timeline.length).toBeGreaterThan(0);
    expect(outcomes).toEqual([{ kind: 'scene', chapterId: session.state.chapterId, sceneId: session.state.sceneId, status: session.state.status }]);
    let steps = 0;
    while (session.state.status !== 'ended') {
      const before = session.state.step;
      const free = session.state.choices.find((option) => !option.locked && option.cost === 0);
      const { outcome } = session.state.status === 'choice'
        ? await session.act(StoryMessage.choose, { choiceId: free!.id })
        : await session.act(StoryMessage.advance, {});
      expect(outcome).toEqual({ kind: 'scene', chapterId: session.state.chapterId, sceneId: session.state.sceneId, status: session.state.status });
      expect(session.state.step).toBe(before + 1);
      steps++;
    }
    expect(steps).toBeGreaterThan(2);
    expect(session.state.endingTitle).not.toBe('');
    // Every patch and the opening state were counted as received, every action as sent.
    expect(stats.messagesSent).toBe(steps);
    expect(stats.messagesReceived).toBeGreaterThanOrEqual(steps + 1);
    await session.leave();
    expect(stats.connected).toBe(0);
    expect(stats.errors).toBe(0);
  });

  it("answers a refused message with the room's error code and leaves the state as it was", async () => {
    const session = await StorySession.open(target, await token(), { storyId: 'the-lantern-keeper' }, new RunStats());
    const sceneId = session.state.sceneId;
    const { outcome } = await session.act(StoryMessage.choose, { choiceId: 'not-offered' });
    expect(outcome).toEqual({ kind: 'error', code: 'INVALID_CHOICE' });
    expect(session.state.sceneId).toBe(sceneId);
    await session.leave();
  });

  it("fails a join the room turns down with the room's code", async () => {
    const opening = StorySession.open(target, await token(), { storyId: 'no-such-story' }, new RunStats());
    await expect(opening).rejects.toBeInstanceOf(JoinFailed);
    await expect(opening).rejects.toMatchObject({ code: 'STORY_NOT_FOUND' });
  });

  it('fails a join with a token the server does not accept', async () => {
    const opening = StorySession.open(target, 'not-a-token', { storyId: 'the-lantern-keeper' }, new RunStats());
    await expect(opening).rejects.toMatchObject({ code: expect.stringMatching(/TOKEN|UNAUTHORIZED/) });
  });

  it('fails a join to a server that does not answer as JOIN_UNREACHABLE', async () => {
    const opening = StorySession.open(`http://127.0.0.1:${await freePort()}`, 'any', { storyId: 'the-lantern-keeper' }, new RunStats());
    await expect(opening).rejects.toMatchObject({ code: 'JOIN_UNREACHABLE' });
  });
});
