// One shape for every complaint the pipeline makes, so the CLI, the server log and
// tests can all print or filter problems the same way.
export type ContentProblem = {
  severity: 'error' | 'warning';
  /** SNAKE_CASE, stable: tests and tools match on it (e.g. DANGLING_NEXT_SCENE). */
  code: string;
  /** Path relative to the content dir, with forward slashes. */
  file: string;
  sceneId?: string;
  /** 1-based line in `file`, for sources with lines (an ink story's .ink files). */
  line?: number;
  /** Human words naming the file, the scene (when there is one) and the reason. */
  message: string;
};

type ProblemFacts = {
  severity?: ContentProblem['severity'];
  code: string;
  file: string;
  sceneId?: string | undefined;
  line?: number | undefined;
  reason: string;
};

/** Builds a problem whose message always names file and scene, so no rule can forget to. */
export function makeProblem({ severity = 'error', code, file, sceneId, line, reason }: ProblemFacts): ContentProblem {
  const where = line === undefined ? file : `${file}:${line}`;
  return { severity, code, file, ...(sceneId === undefined ? {} : { sceneId }), ...(line === undefined ? {} : { line }), message: `${location(where, sceneId)}: ${reason}` };
}

/** The message without its leading "file, scene": for output that prints the location on its own. */
export function problemReason(problem: ContentProblem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  const prefix = `${location(where, problem.sceneId)}: `;
  return problem.message.startsWith(prefix) ? problem.message.slice(prefix.length) : problem.message;
}

function location(file: string, sceneId: string | undefined): string {
  return sceneId === undefined ? file : `${file}, scene "${sceneId}"`;
}

export function hasErrors(problems: readonly ContentProblem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/** Every problem's file starts with its story folder, so these are the folders (stories) refused. */
export function foldersWithErrors(problems: readonly ContentProblem[]): string[] {
  const folders = new Set(problems.filter((p) => p.severity === 'error').map((p) => p.file.split('/')[0] ?? p.file));
  return [...folders].sort();
}
