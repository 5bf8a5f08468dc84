import type { ZodIssue } from 'zod';
import { PROBLEM_CODE_PARAM } from './coded-value';
import { makeProblem, type ContentProblem } from './content-problem';

// Turns zod issues into problems a writer can act on: the path is printed the way it would
// be written in JS (timeline[0].type), scene ids are lifted into `sceneId`, and zod's terse
// defaults ("Required") become sentences.

export function schemaProblems(file: string, doc: unknown, issues: readonly ZodIssue[]): ContentProblem[] {
  return issues.map((issue) => {
    const inScene = issue.path[0] === 'scenes' && typeof issue.path[1] === 'string' && issue.path.length > 2;
    const sceneId = inScene ? String(issue.path[1]) : undefined;
    const shownPath = inScene ? issue.path.slice(2) : issue.path;
    return makeProblem({ code: problemCode(issue), file, sceneId, reason: describeIssue(issue, shownPath, doc) });
  });
}

function problemCode(issue: ZodIssue): string {
  const code: unknown = issue.code === 'custom' ? issue.params?.[PROBLEM_CODE_PARAM] : undefined;
  return typeof code === 'string' ? code : 'SCHEMA_VIOLATION';
}

function describeIssue(issue: ZodIssue, shownPath: (string | number)[], doc: unknown): string {
  const where = formatPath(shownPath);
  if (issue.code === 'custom' && problemCode(issue) !== 'SCHEMA_VIOLATION') {
    return `${where} is ${describeValue(valueAt(doc, issue.path))}: ${issue.message}`;
  }
  if (issue.code === 'invalid_type' && issue.received === 'undefined') return `${where || 'document'} is required`;
  if (issue.code === 'invalid_type') return `${where || 'document'} must be ${issue.expected}, not ${issue.received}`;
  if (issue.code === 'unrecognized_keys') {
    return `${where || 'document'} has ${issue.keys.length === 1 ? 'a key' : 'keys'} it does not allow: ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
  }
  if (issue.code === 'invalid_union_discriminator') {
    return `${where} ${describeValue(valueAt(doc, issue.path))} is not a known kind (expected ${issue.options.map((o) => JSON.stringify(o)).join(' or ')})`;
  }
  return where ? `${where}: ${issue.message}` : issue.message;
}

function describeValue(value: unknown): string {
  return value === undefined ? 'missing' : JSON.stringify(value);
}

function formatPath(path: readonly (string | number)[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return /^[A-Za-z_$][\w$]*$/.test(key) ? (out ? `${out}.${key}` : key) : `${out}[${JSON.stringify(key)}]`;
  }, '');
}

function valueAt(doc: unknown, path: readonly (string | number)[]): unknown {
  let current = doc;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}
