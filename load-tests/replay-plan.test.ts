import { describe, expect, it } from 'vitest';
import type { Recording } from './recording-format';
import { firstDifference, planReplay } from './replay-plan';

const scene = (t: number, sceneId: string, status = 'playing') => ({ type: 'out' as const, t, kind: 'scene' as const, chapterId: 'ch1', sceneId, status });
const message = (t: number, name: string, payload: Record<string, unknown> = {}) => ({ type: 'in' as const, t, message: name, payload });

function recording(events: Recording['events'], endT = 10_000): Recording {
  return {
    file: 'a.jsonl',
    header: { type: 'session', version: 1, room: 'story', player: 'p_1', startedAt: '2026-11-22T03:00:00.000Z', options: { storyId: 'tide' } },
    events,
    end: { type: 'end', t: endT, reason: 'left' },
  };
}

describe('planReplay', () => {
  it('times messages from the opening scene and counts the outcomes each must bring', () => {
    const plan = planReplay(recording([scene(40, 'dock'), message(1040, 'advance'), scene(1045, 'fork', 'choice'), message(3040, 'choose', { choiceId: 'x' }), { type: 'out', t: 3042, kind: 'error', code: 'INVALID_CHOICE' }], 5040));
    expect(plan.openingOutcomes).toBe(1);
    expect(plan.steps).toEqual([
      { atMs: 1000, message: 'advance', payload: {}, outcomesAfter: 2 },
      { atMs: 3000, message: 'choose', payload: { choiceId: 'x' }, outcomesAfter: 3 },
    ]);
    expect(plan.expected).toEqual([
      { kind: 'scene', chapterId: 'ch1', sceneId: 'dock', status: 'playing' },
      { kind: 'scene', chapterId: 'ch1', sceneId: 'fork', status: 'choice' },
      { kind: 'error', code: 'INVALID_CHOICE' },
    ]);
    expect(plan.endAtMs).toBe(5000);
  });

  it('drops a scene equal to the one before it (the client cannot see it), and expects nothing of a message without outcome', () => {
    const plan = planReplay(recording([scene(0, 'locked-room', 'locked'), { type: 'out', t: 1, kind: 'error', code: 'NO_KEYS' }, message(500, 'advance'), scene(501, 'locked-room', 'locked'), { type: 'out', t: 502, kind: 'error', code: 'NO_KEYS' }, message(900, 'advance')]));
    expect(plan.expected.map((o) => (o.kind === 'error' ? o.code : o.sceneId))).toEqual(['locked-room', 'NO_KEYS', 'NO_KEYS']);
    expect(plan.openingOutcomes).toBe(2);
    expect(plan.steps.map((step) => step.outcomesAfter)).toEqual([3, 3]);
  });
});

describe('firstDifference', () => {
  const dock = { kind: 'scene' as const, chapterId: 'ch1', sceneId: 'dock', status: 'playing' };
  const fork = { kind: 'scene' as const, chapterId: 'ch1', sceneId: 'fork', status: 'choice' };

  it('is null for the same outcomes', () => {
    expect(firstDifference([dock, { kind: 'error', code: 'X' }], [dock, { kind: 'error', code: 'X' }])).toBeNull();
  });

  it('says where and how they part', () => {
    expect(firstDifference([dock, fork], [dock, { kind: 'error', code: 'RATE_LIMITED' }])).toBe('outcome 2: expected scene ch1/fork (choice), got refusal RATE_LIMITED');
    expect(firstDifference([dock, fork], [dock])).toBe('outcome 2: expected scene ch1/fork (choice), got nothing');
    expect(firstDifference([dock], [dock, fork])).toBe('outcome 2: expected nothing more, got scene ch1/fork (choice)');
  });
});
