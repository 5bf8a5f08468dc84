import { describe, expect, it } from 'vitest';
import { applyAction, resumeChapter, startChapter, viewScene, type PlayableChapter, type StoryProgress } from '.';

const NOW = new Date('2026-05-01T10:00:00Z');

const chapter: PlayableChapter = {
  id: 'tide-ch1',
  storyId: 'tide',
  number: 1,
  title: 'Low Water',
  startSceneId: 'dock',
  scenes: {
    dock: { background: 'assets/dock.svg', timeline: [{ type: 'narration', text: 'Fog.' }], nextSceneId: 'fork' },
    fork: {
      timeline: [{ type: 'dialogue', character: 'Mara', text: 'Well?' }],
      choice: {
        prompt: 'What now?',
        options: [
          { id: 'wait', text: 'Wait.', nextSceneId: 'quiet' },
          { id: 'lamp', text: 'Light the lamp (5 Diamonds)', cost: 5, flag: 'lamp_lit', effects: { relationships: { Mara: 2 } }, nextSceneId: 'bright' },
          { id: 'secret', text: 'Say the old word.', requires: [{ flag: 'knows_word' }, { relationship: 'Mara', min: 3 }], nextSceneId: 'quiet' },
          { id: 'spite', text: 'Walk off.', effects: { flags: { rude: true }, relationships: { Mara: -1 } }, nextSceneId: 'quiet' },
          { id: 'broken', text: 'Into the void.', nextSceneId: 'nowhere' },
        ],
      },
    },
    quiet: { timeline: [], nextSceneId: 'end' },
    bright: { timeline: [], nextSceneId: 'end' },
    end: { timeline: [], end: true, ending: { title: 'Morning', text: 'The fog lifts.' } },
  },
};

const fresh = (): StoryProgress => startChapter(chapter, null);
const ok = (outcome: ReturnType<typeof applyAction>) => {
  if (!outcome.ok) throw new Error(`refused: ${outcome.refusal.code}`);
  return outcome;
};

describe('story engine', () => {
  it('starts a chapter at its start scene with nothing earned', () => {
    expect(fresh()).toEqual({ storyId: 'tide', chapterId: 'tide-ch1', sceneId: 'dock', status: 'playing', step: 0, flags: {}, relationships: {}, history: [], completedChapterIds: [] });
  });

  it('advances along nextSceneId and counts the step', () => {
    const moved = ok(applyAction(chapter, fresh(), { type: 'advance' }, NOW));
    expect(moved.progress).toMatchObject({ sceneId: 'fork', status: 'choice', step: 1 });
    expect(moved.diamonds).toBe(0);
  });

  it('shows choices with their cost and whether they are locked, and why', () => {
    const atFork = ok(applyAction(chapter, fresh(), { type: 'advance' }, NOW)).progress;
    const view = viewScene(chapter, atFork);
    expect(view.prompt).toBe('What now?');
    expect(view.choices.map((c) => [c.id, c.cost, c.locked])).toEqual([
      ['wait', 0, false], ['lamp', 5, false], ['secret', 0, true], ['spite', 0, false], ['broken', 0, false],
    ]);
    expect(view.choices[2]!.lockReason).toBe('Something you have not found yet; Needs Mara 3 — you have 0');
  });

  it('words a lock for the player: the writer\'s lockedText, the player\'s own value, never a flag id', () => {
    const atFork = { ...ok(applyAction(chapter, fresh(), { type: 'advance' }, NOW)).progress, relationships: { Mara: 1 } };
    const secret = (extra: object) => ({ ...chapter, scenes: { ...chapter.scenes, fork: { ...chapter.scenes['fork']!, choice: { prompt: '', options: [{ id: 'secret', text: 'Say it.', nextSceneId: 'quiet', ...extra }] } } } });
    const reason = (extra: object, progress = atFork) => viewScene(secret(extra), progress).choices[0]!.lockReason;
    expect(reason({ requires: [{ flag: 'knows_word' }] })).toBe('Something you have not found yet');
    expect(reason({ requires: [{ flag: 'knows_word' }], lockedText: 'If Mara had taught you the word' })).toBe('If Mara had taught you the word');
    expect(reason({ requires: [{ relationship: 'Mara', min: 5 }] })).toBe('Needs Mara 5 — you have 1');
    expect(reason({ requires: [{ relationship: 'Mara', max: 0 }] })).toBe('Needs Mara at most 0 — you have 1');
    expect(reason({ requires: [{ flag: 'rude', set: false }] }, { ...atFork, flags: { rude: true } })).not.toContain('rude');
    // Only the unmet half of a gate is told; a met gate is no lock at all.
    expect(reason({ requires: [{ flag: 'knows_word' }, { relationship: 'Mara', min: 1 }] })).toBe('Something you have not found yet');
    expect(reason({ requires: [{ relationship: 'Mara', min: 1 }], lockedText: 'Never shown' })).toBe('');
  });

  it('refuses advance where a choice is required, and after the end', () => {
    const atFork = ok(applyAction(chapter, fresh(), { type: 'advance' }, NOW)).progress;
    expect(applyAction(chapter, atFork, { type: 'advance' }, NOW)).toMatchObject({ ok: false, refusal: { code: 'CHOICE_REQUIRED' } });
    const ended = { ...atFork, sceneId: 'end', status: 'ended' as const };
    expect(applyAction(chapter, ended, { type: 'advance' }, NOW)).toMatchObject({ ok: false, refusal: { code: 'CHAPTER_ENDED' } });
  });

  it('refuses an option that is not offered here, or chosen outside a choice', () => {
    const atFork = ok(applyAction(chapter, fresh(), { type: 'advance' }, NOW)).progress;
    expect(applyAction(chapter, atFork, { type: 'choose', choiceId: 'teleport' }, NOW)).toMatchObject({ ok: false, refusal: { code: 'INVALID_CHOICE' } });
    expect(applyAction(chapter, fresh(), { type: 'choose', choiceId: 'wait' }, NOW)).toMatchObject({ ok: false, refusal: { code: 'INVALID_CHOICE' } });
  });

  it('refuses a locked option and unlocks it once its conditions hold', () => {
    const atFork = ok(applyAction(chapter, fresh(), { type: 'advance' }, NOW)).progress;
    expect(applyAction(chapter, atFork, { type: 'choose', choiceId: 'secret' }, NOW)).toMatchObject({ ok: false, refusal: { code: 'OPTION_LOCKED' } });
    const earned = { ...atFork, flags: { knows_word: true }, relationships: { Mara: 3 } };
    expect(ok(applyAction(chapter, earned, { type: 'choose', choiceId: 'secret' }, NOW)).progress.sceneId).toBe('quiet');
  });

  it('charges a premium option and applies its flag and relationship effects', () => {
    const atFork = ok(applyAction(chapter, fresh(), { type: 'advance' }, NOW)).progress;
    const chosen = ok(applyAction(chapter, atFork, { type: 'choose', choiceId: 'lamp' }, NOW));
    expect(chosen.diamonds).toBe(5);
    expect(chosen.progress).toMatchObject({ sceneId: 'bright', status: 'playing', step: 2, flags: { lamp_lit: true }, relationships: { Mara: 2 } });
    expect(chosen.progress.history).toEqual([{ chapterId: 'tide-ch1', sceneId: 'fork', choiceId: 'lamp', at: NOW.toISOString() }]);
  });

  it('applies negative relationship deltas and flag effects', () => {
    const atFork = ok(applyAction(chapter, fresh(), { type: 'advance' }, NOW)).progress;
    const chosen = ok(applyAction(chapter, { ...atFork, relationships: { Mara: 1 } }, { type: 'choose', choiceId: 'spite' }, NOW));
    expect(chosen.progress).toMatchObject({ flags: { rude: true }, relationships: { Mara: 0 } });
  });

  it('refuses to strand the player on a dangling link (runtime counterpart of the linter)', () => {
    const atFork = ok(applyAction(chapter, fresh(), { type: 'advance' }, NOW)).progress;
    expect(applyAction(chapter, atFork, { type: 'choose', choiceId: 'broken' }, NOW)).toMatchObject({ ok: false, refusal: { code: 'CONTENT_BROKEN' } });
    const deadEnd: PlayableChapter = { ...chapter, scenes: { ...chapter.scenes, dock: { timeline: [] } } };
    expect(applyAction(deadEnd, fresh(), { type: 'advance' }, NOW)).toMatchObject({ ok: false, refusal: { code: 'CONTENT_BROKEN' } });
  });

  it('marks the chapter completed on reaching an end scene, once', () => {
    let progress = fresh();
    for (const action of [{ type: 'advance' }, { type: 'choose', choiceId: 'wait' }, { type: 'advance' }] as const) {
      progress = ok(applyAction(chapter, progress, action, NOW)).progress;
    }
    expect(progress).toMatchObject({ sceneId: 'end', status: 'ended', completedChapterIds: ['tide-ch1'] });
    expect(viewScene(chapter, progress).ending).toEqual({ title: 'Morning', text: 'The fog lifts.' });
  });

  it('carries flags and relationships into the next chapter', () => {
    const next: PlayableChapter = { ...chapter, id: 'tide-ch2', number: 2 };
    const earned = { ...fresh(), sceneId: 'end', status: 'ended' as const, step: 7, flags: { lamp_lit: true }, relationships: { Mara: 2 }, completedChapterIds: ['tide-ch1'] };
    expect(startChapter(next, earned)).toMatchObject({ chapterId: 'tide-ch2', sceneId: 'dock', step: 7, flags: { lamp_lit: true }, relationships: { Mara: 2 }, completedChapterIds: ['tide-ch1'] });
  });

  it('resumes at the saved scene, or at the start when the scene was removed from the chapter', () => {
    const saved = { ...fresh(), sceneId: 'bright', status: 'playing' as const, step: 2, flags: { lamp_lit: true } };
    expect(resumeChapter(chapter, saved)).toMatchObject({ sceneId: 'bright', step: 2 });
    expect(resumeChapter(chapter, { ...saved, sceneId: 'gone' })).toMatchObject({ sceneId: 'dock', step: 2, flags: { lamp_lit: true } });
  });

  it('never changes the progress it was given', () => {
    const atFork = ok(applyAction(chapter, fresh(), { type: 'advance' }, NOW)).progress;
    const snapshot = structuredClone(atFork);
    applyAction(chapter, atFork, { type: 'choose', choiceId: 'lamp' }, NOW);
    expect(atFork).toEqual(snapshot);
  });
});
