import type { ChapterProblem } from '../../../api/index';

/** The problems of one scene (`scene` null: the chapter as a whole, or a source line outside any scene). */
export interface SceneProblems {
  scene: string | null;
  problems: ChapterProblem[];
}

/**
 * Groups the linter's problems by scene so a writer fixes one scene at a time: the chapter-wide ones
 * first, then scenes in the order their first problem was reported (the linter walks the chapter in
 * order); within a scene errors before warnings, otherwise as reported.
 */
export function groupProblemsByScene(problems: readonly ChapterProblem[]): SceneProblems[] {
  const groups = new Map<string | null, ChapterProblem[]>();
  for (const problem of problems) {
    const scene = problem.scene?.trim() ? problem.scene : null;
    const group = groups.get(scene) ?? [];
    group.push(problem);
    groups.set(scene, group);
  }
  const ordered = [...groups.entries()].sort(([a], [b]) => Number(a !== null) - Number(b !== null));
  return ordered.map(([scene, group]) => ({ scene, problems: bySeverity(group) }));
}

/** "2 problems in 1 scene", "1 problem in the chapter", … — the summary a screen reader hears first. */
export function problemSummary(groups: readonly SceneProblems[]): string {
  const count = groups.reduce((sum, group) => sum + group.problems.length, 0);
  if (count === 0) return 'No problems found.';
  const scenes = groups.filter((group) => group.scene !== null).length;
  const whole = groups.some((group) => group.scene === null);
  const where = [scenes > 0 ? plural(scenes, 'scene') : '', whole ? 'the chapter as a whole' : ''].filter(Boolean).join(' and ');
  return `${plural(count, 'problem')} in ${where}.`;
}

/** True when a problem keeps the chapter from being published (warnings do not). */
export function hasErrors(problems: readonly ChapterProblem[]): boolean {
  return problems.some((problem) => problem.severity !== 'warning');
}

/**
 * The problems a `422 CONTENT_INVALID` carries in `details.problems`, read defensively: an entry
 * without a message is dropped, an unknown severity counts as an error.
 */
export function problemsFromDetails(details: Record<string, unknown>): ChapterProblem[] {
  const raw = details['problems'];
  if (!Array.isArray(raw)) return [];
  const problems: ChapterProblem[] = [];
  for (const entry of raw as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const item = entry as Record<string, unknown>;
    if (typeof item['message'] !== 'string') continue;
    const problem: ChapterProblem = { message: item['message'], severity: item['severity'] === 'warning' ? 'warning' : 'error' };
    if (typeof item['scene'] === 'string') problem.scene = item['scene'];
    if (typeof item['code'] === 'string') problem.code = item['code'];
    if (typeof item['file'] === 'string') problem.file = item['file'];
    if (typeof item['line'] === 'number') problem.line = item['line'];
    problems.push(problem);
  }
  return problems;
}

/** How many problems the server found when it sent only the first ones (`details.problemCount`). */
export function problemCountFromDetails(details: Record<string, unknown>, shown: number): number {
  const count = details['problemCount'];
  return typeof count === 'number' && Number.isInteger(count) && count > shown ? count : shown;
}

function bySeverity(problems: ChapterProblem[]): ChapterProblem[] {
  // Array.prototype.sort is stable: same-severity problems keep the linter's order.
  return [...problems].sort((a, b) => Number(a.severity === 'warning') - Number(b.severity === 'warning'));
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
