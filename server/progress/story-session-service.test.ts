import { describe, expect, it } from 'vitest';
import type { StoryProgress } from '../../rooms/story/engine';
import { ManualClock } from '../shared/clock';
import { StorySessionService, type StorySessionDeps } from './story-session-service';

const before: StoryProgress = { storyId: 's', chapterId: 'c1', sceneId: 'a', status: 'playing', step: 3, flags: {}, relationships: {}, history: [], completedChapterIds: [] };
const after: StoryProgress = { ...before, sceneId: 'b', step: 4 };

/** Only the free-step path runs here: it touches nothing but the prepared statements. */
function sessionsFailingWith(error: Error): StorySessionService {
  const fail = () => Promise.reject(error);
  const deps = { clock: new ManualClock(), statements: { dialect: 'postgresql', run: fail, all: fail, runEach: fail } };
  return new StorySessionService(deps as unknown as StorySessionDeps);
}

describe('StorySessionService when the database fails', () => {
  it('refuses a step with DATABASE_UNAVAILABLE when the database cannot be reached, so the player can retry', async () => {
    const refused = await sessionsFailingWith(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })).save('u', before, after, { diamonds: 0, choiceId: null });
    expect(refused).toMatchObject({ ok: false, refusal: { code: 'DATABASE_UNAVAILABLE' } });
  });

  it('still throws on a failure that is a bug, for the room to report as one', async () => {
    await expect(sessionsFailingWith(new TypeError('x is not a function')).save('u', before, after, { diamonds: 0, choiceId: null })).rejects.toThrow(TypeError);
  });
});
