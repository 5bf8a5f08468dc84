// One shape for every complaint the pipeline makes, so the CLI, the server log and
// tests can all print or filter problems the same way.
export type ContentProblem = {
  severity: 'error' | 'warning';
  /** SNAKE_CASE, stable: tests and tools match on it (e.g. DANGLING_NEXT_SCENE). */
  code: string;
  /** Path relative to the content dir, with forward slashes. */
  file: string;
  sceneId?: string;
  /** Human words naming the file, the scene (when there is one) and the reason. */
  message: string;
};

type ProblemFacts = {
  severity?: ContentProblem['severity'];
  code: string;
  file: string;
  sceneId?: string | undefined;
  reason: string;
};

/** Builds a problem whose message always names file and scene, so no rule can forget to. */
export function makeProblem({ severity = 'error', code, file, sceneId, reason }: ProblemFacts): ContentProblem {
  const where = sceneId === undefined ? file : `${file}, scene "${sceneId}"`;
  return { severity, code, file, ...(sceneId === undefined ? {} : { sceneId }), message: `${where}: ${reason}` };
}

export function hasErrors(problems: readonly ContentProblem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
