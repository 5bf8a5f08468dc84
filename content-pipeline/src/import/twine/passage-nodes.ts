import type { Condition } from '../../condition-schema';
import type { SetValue } from './expressions';
import type { TwinePassage } from './twine-source';

// What a story format's parser makes of one passage: text, links, the state changes and tests
// StoryVerse supports, and a finding for everything else. Nothing here is ever executed.

export type PassageNode =
  | { kind: 'text'; text: string }
  | { kind: 'link'; text: string; target: string; line: number; sets?: SetValue[] }
  | { kind: 'goto'; target: string; line: number }
  | { kind: 'set'; set: SetValue; line: number }
  /** A set we cannot map: an error when its variable is tested anywhere, else a warning. */
  | { kind: 'unsupported-set'; variable: string | null; source: string; line: number }
  | { kind: 'if'; line: number; branches: Branch[] };

/** `test` null is the `else` branch. */
export type Branch = { test: Condition[] | null; body: PassageNode[]; line: number };

export type Finding = { severity: 'error' | 'warning'; code: string; line: number; message: string };

export type FormatParser = (passage: TwinePassage, findings: PassageFindings) => PassageNode[];

/** Collects findings for one passage and turns offsets in its text into source lines. */
export class PassageFindings {
  readonly list: Finding[] = [];

  constructor(readonly passage: TwinePassage) {}

  lineOf(offset: number): number {
    return this.passage.line + (this.passage.text.slice(0, offset).match(/\n/g)?.length ?? 0);
  }

  error(code: string, offset: number, message: string): void {
    this.list.push({ severity: 'error', code, line: this.lineOf(offset), message });
  }

  warning(code: string, offset: number, message: string): void {
    this.list.push({ severity: 'warning', code, line: this.lineOf(offset), message });
  }
}

/** `[[a]]`, `[[text->target]]`, `[[target<-text]]`, `[[text|target]]` (inner text, without brackets). */
export function parseLink(inner: string): { text: string; target: string } {
  const bar = inner.indexOf('|');
  if (bar >= 0) return { text: inner.slice(0, bar).trim(), target: inner.slice(bar + 1).trim() };
  const arrow = inner.lastIndexOf('->');
  if (arrow >= 0) return { text: inner.slice(0, arrow).trim(), target: inner.slice(arrow + 2).trim() };
  const back = inner.indexOf('<-');
  if (back >= 0) return { text: inner.slice(back + 2).trim(), target: inner.slice(0, back).trim() };
  return { text: inner.trim(), target: inner.trim() };
}

/** Index just past the bracket/paren matching the one at `open`, skipping quoted strings; -1 if none. */
export function matching(text: string, open: number, opener: string, closer: string): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if ((c === '"' || c === "'") && opener === '(') {
      const end = text.indexOf(c, i + 1);
      if (end < 0) return -1;
      i = end;
    } else if (c === opener) depth++;
    else if (c === closer && --depth === 0) return i + 1;
  }
  return -1;
}

/** The string literals of a macro's arguments, or null when any argument is not one. */
export function stringArguments(args: string): string[] | null {
  const values: string[] = [];
  const rest = args.replace(/"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'/g, (_, a: string | undefined, b: string | undefined) => {
    values.push((a ?? b ?? '').replace(/\\(.)/g, '$1'));
    return '';
  });
  return rest.replace(/[\s,]/g, '') === '' ? values : null;
}
