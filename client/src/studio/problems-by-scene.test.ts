import { describe, expect, it } from 'vitest';
import type { ChapterProblem } from '../../../api/index';
import { groupProblemsByScene, hasErrors, problemCountFromDetails, problemsFromDetails, problemSummary } from './problems-by-scene';

const dangling: ChapterProblem = { scene: 'cave', message: 'nextSceneId points to "deeper", which is not a scene', severity: 'error', code: 'DANGLING_NEXT_SCENE' };
const mood: ChapterProblem = { scene: 'cave', message: 'mood "sly" is not a sprite of Wren', severity: 'warning', code: 'UNKNOWN_MOOD' };
const deadEnd: ChapterProblem = { scene: 'shore', message: 'the scene has no way on', severity: 'error', code: 'DEAD_END' };
const noEnd: ChapterProblem = { message: 'no scene ends the chapter', severity: 'error', code: 'NO_REACHABLE_END' };

describe('grouping problems by scene', () => {
  it('puts each problem under its scene, chapter-wide ones first, scenes in reported order', () => {
    const groups = groupProblemsByScene([deadEnd, mood, noEnd, dangling]);
    expect(groups.map((g) => g.scene)).toEqual([null, 'shore', 'cave']);
    expect(groups[0]!.problems).toEqual([noEnd]);
    expect(groups[1]!.problems).toEqual([deadEnd]);
  });

  it('lists a scene’s errors before its warnings', () => {
    const [cave] = groupProblemsByScene([mood, dangling]);
    expect(cave!.problems).toEqual([dangling, mood]);
  });

  it('treats a blank scene like none', () => {
    expect(groupProblemsByScene([{ scene: '  ', message: 'x', severity: 'error' }])[0]!.scene).toBeNull();
  });

  it('gives nothing for no problems', () => {
    expect(groupProblemsByScene([])).toEqual([]);
  });
});

describe('the summary a screen reader hears', () => {
  it('counts problems and the places they are in', () => {
    expect(problemSummary(groupProblemsByScene([dangling, mood, deadEnd]))).toBe('3 problems in 2 scenes.');
    expect(problemSummary(groupProblemsByScene([dangling]))).toBe('1 problem in 1 scene.');
    expect(problemSummary(groupProblemsByScene([noEnd, dangling]))).toBe('2 problems in 1 scene and the chapter as a whole.');
    expect(problemSummary(groupProblemsByScene([noEnd]))).toBe('1 problem in the chapter as a whole.');
    expect(problemSummary([])).toBe('No problems found.');
  });
});

describe('publishing needs no errors', () => {
  it('is blocked by an error, not by warnings alone', () => {
    expect(hasErrors([mood])).toBe(false);
    expect(hasErrors([mood, deadEnd])).toBe(true);
    expect(hasErrors([])).toBe(false);
  });
});

describe('the problems of a 422 CONTENT_INVALID', () => {
  it('reads details.problems, keeping what the contract names', () => {
    const details = { problems: [{ scene: 'cave', message: 'm', severity: 'warning', code: 'C', file: 'ch.ink', line: 4, extra: true }] };
    expect(problemsFromDetails(details)).toEqual([{ scene: 'cave', message: 'm', severity: 'warning', code: 'C', file: 'ch.ink', line: 4 }]);
  });

  it('drops entries without a message and counts an unknown severity as an error', () => {
    const details = { problems: [null, 'text', { scene: 'a' }, { message: 'kept', severity: 'fatal' }] };
    expect(problemsFromDetails(details)).toEqual([{ message: 'kept', severity: 'error' }]);
  });

  it('knows when only the first problems were sent', () => {
    expect(problemCountFromDetails({ problemCount: 340 }, 200)).toBe(340);
    expect(problemCountFromDetails({ problemCount: 3 }, 3)).toBe(3);
    expect(problemCountFromDetails({ problemCount: 'many' }, 3)).toBe(3);
    expect(problemCountFromDetails({}, 2)).toBe(2);
  });

  it('is empty when the details carry none', () => {
    expect(problemsFromDetails({})).toEqual([]);
    expect(problemsFromDetails({ problems: 'nope' })).toEqual([]);
  });
});
