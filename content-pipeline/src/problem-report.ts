import { problemReason, type ContentProblem } from './content-problem';

// The CLI's text output, one problem per line so that grep, editors' problem matchers and CI
// logs can pick it apart: `error|warning CODE file[#scene]: reason`.

export function formatProblemLine(problem: ContentProblem): string {
  const file = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  const where = problem.sceneId === undefined ? file : `${file}#${problem.sceneId}`;
  return `${problem.severity} ${problem.code} ${where}: ${problemReason(problem)}`;
}

/** By file and scene (errors first within one), so a writer can fix a story top to bottom. */
export function sortProblems(problems: readonly ContentProblem[]): ContentProblem[] {
  const rank = (p: ContentProblem): number => (p.severity === 'error' ? 0 : 1);
  return [...problems].sort((a, b) => compare(a.file, b.file) || compare(a.sceneId ?? '', b.sceneId ?? '') || (a.line ?? 0) - (b.line ?? 0) || rank(a) - rank(b) || compare(a.code, b.code));
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** e.g. "3 stories checked: 2 errors, 1 warning". */
export function lintSummary(storyCount: number, problems: readonly ContentProblem[]): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  return `${plural(storyCount, 'story', 'stories')} checked: ${plural(errors, 'error')}, ${plural(problems.length - errors, 'warning')}`;
}

// Plain code-unit order: the same on every machine, unlike localeCompare.
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
