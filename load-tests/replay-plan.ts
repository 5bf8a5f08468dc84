import type { Recording } from './recording-format';
import type { Outcome } from './story-session';

/** One recorded client message and how many outcomes the replay must have seen once it is answered. */
export interface ReplayStep {
  /** ms after the opening scene, as recorded (before --speed). */
  atMs: number;
  message: string;
  payload: Record<string, unknown>;
  /** Outcomes expected in all, counting from the opening, once this message is answered. */
  outcomesAfter: number;
}

export interface ReplayPlan {
  /** Every outcome the recording shows, in order (the opening scene first). */
  expected: Outcome[];
  /** Outcomes that come with the opening, before any message. */
  openingOutcomes: number;
  steps: ReplayStep[];
  /** When the recorded player left, ms after the opening scene. */
  endAtMs: number;
}

/**
 * What replaying a recording means: the messages with their timing, and the outcomes each should
 * bring. A scene equal to the one before it is dropped on both sides: the client only sees a state
 * change when chapter, scene or status changes, so those are what can be compared.
 */
export function planReplay(recording: Recording): ReplayPlan {
  const expected: Outcome[] = [];
  const steps: ReplayStep[] = [];
  const firstOut = recording.events.find((event) => event.type === 'out');
  const origin = firstOut?.t ?? 0;
  let openingOutcomes: number | null = null;
  let lastScene = '';
  for (const event of recording.events) {
    if (event.type === 'in') {
      openingOutcomes ??= expected.length;
      steps.push({ atMs: Math.max(0, event.t - origin), message: event.message, payload: event.payload, outcomesAfter: expected.length });
      continue;
    }
    if (event.kind === 'error') {
      expected.push({ kind: 'error', code: event.code });
    } else {
      const key = sceneKey(event);
      if (key === lastScene) continue;
      lastScene = key;
      expected.push({ kind: 'scene', chapterId: event.chapterId, sceneId: event.sceneId, status: event.status });
    }
    const step = steps.at(-1);
    if (step) step.outcomesAfter = expected.length;
  }
  return { expected, openingOutcomes: openingOutcomes ?? expected.length, steps, endAtMs: Math.max(0, recording.end.t - origin) };
}

/** The first place two outcome sequences differ, in words; null when they are the same. */
export function firstDifference(expected: readonly Outcome[], actual: readonly Outcome[]): string | null {
  for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
    const want = expected[i];
    const got = actual[i];
    if (want && got && describe(want) === describe(got)) continue;
    return `outcome ${i + 1}: expected ${want ? describe(want) : 'nothing more'}, got ${got ? describe(got) : 'nothing'}`;
  }
  return null;
}

export function describe(outcome: Outcome): string {
  return outcome.kind === 'error' ? `refusal ${outcome.code}` : `scene ${outcome.chapterId}/${outcome.sceneId} (${outcome.status})`;
}

function sceneKey(scene: { chapterId: string; sceneId: string; status: string }): string {
  return `${scene.chapterId}\n${scene.sceneId}\n${scene.status}`;
}
