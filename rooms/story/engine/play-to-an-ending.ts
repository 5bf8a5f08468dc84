import { applyAction, startChapter, viewScene, type PlayableChapter } from '.';

/**
 * Plays a chapter through the story engine, choosing among the unlocked options with a seeded
 * random walk, until it ends (or gets stuck, or runs `maxSteps`). For the importers' tests.
 */
export function playToAnEnding(chapter: PlayableChapter, seed: number, maxSteps = 500): { ended: boolean; steps: number; stuckAt?: string } {
  let progress = startChapter(chapter, null);
  let random = seed;
  for (let step = 0; step < maxSteps; step++) {
    const view = viewScene(chapter, progress);
    if (view.status === 'ended') return { ended: true, steps: step };
    const open = view.choices.filter((choice) => !choice.locked);
    if (view.status === 'choice' && open.length === 0) return { ended: false, steps: step, stuckAt: progress.sceneId };
    random = (random * 1103515245 + 12345) % 2147483648;
    const action = view.status === 'choice' ? { type: 'choose' as const, choiceId: open[random % open.length]!.id } : { type: 'advance' as const };
    const outcome = applyAction(chapter, progress, action, new Date(0));
    if (!outcome.ok) return { ended: false, steps: step, stuckAt: `${progress.sceneId}: ${outcome.refusal.code}` };
    progress = outcome.progress;
  }
  return { ended: false, steps: maxSteps, stuckAt: progress.sceneId };
}
