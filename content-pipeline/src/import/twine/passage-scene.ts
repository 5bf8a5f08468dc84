import type { Condition } from '../../condition-schema';
import { negate, type SetValue } from './expressions';
import type { PassageFindings, PassageNode } from './passage-nodes';
import { plainLine } from './plain-text';

// One passage's nodes flattened into what a scene needs: its lines (each with the conditions of
// the hooks around it), its exits (links and go-tos, likewise gated), and the state it sets.

export type SceneLine = { text: string; requires: Condition[] };
export type Exit = { text: string; target: string; line: number; requires: Condition[]; sets: SetValue[] };
export type FlatPassage = {
  lines: SceneLine[];
  exits: Exit[];
  /** Sets made on entering the passage, in order. */
  sets: { set: SetValue; line: number }[];
  unsupportedSets: Extract<PassageNode, { kind: 'unsupported-set' }>[];
  /** Every condition the passage tests (to judge which variables are tested). */
  tests: Condition[];
};

const LINK_MARK = '\u0000';

export function flattenPassage(nodes: PassageNode[], findings: PassageFindings): FlatPassage {
  const flat: FlatPassage = { lines: [], exits: [], sets: [], unsupportedSets: [], tests: [] };
  walk(nodes, [], flat, findings);
  return flat;
}

function walk(nodes: PassageNode[], requires: Condition[], flat: FlatPassage, findings: PassageFindings): void {
  let buffer = '';
  const flush = () => {
    flat.lines.push(...toLines(buffer).map((text) => ({ text, requires })));
    buffer = '';
  };
  for (const node of nodes) {
    switch (node.kind) {
      case 'text':
        buffer += node.text;
        break;
      case 'link':
        buffer += `${LINK_MARK}${node.text}${LINK_MARK}`;
        flat.exits.push({ text: node.text || node.target, target: node.target, line: node.line, requires, sets: node.sets ?? [] });
        break;
      case 'goto':
        flat.exits.push({ text: 'Continue', target: node.target, line: node.line, requires, sets: [] });
        break;
      case 'set':
        if (requires.length > 0) findings.list.push({ severity: 'error', code: 'TWINE_CONDITIONAL_SET', line: node.line, message: `a set inside an if is not supported (StoryVerse changes state on the links into a passage): set ${node.set.variable} on the link instead` });
        else flat.sets.push({ set: node.set, line: node.line });
        break;
      case 'unsupported-set':
        flat.unsupportedSets.push(node);
        break;
      case 'if': {
        flush();
        const previous: Condition[][] = [];
        for (const branch of node.branches) {
          const negations = previous.length === 0 ? [] : negateAll(previous, findings, branch.line);
          const test = branch.test ?? [];
          flat.tests.push(...test);
          walk(branch.body, [...requires, ...negations, ...test], flat, findings);
          // An unreadable test ([]) is already an error; its else is not reported a second time.
          if (branch.test !== null && branch.test.length > 0) previous.push(branch.test);
        }
        break;
      }
    }
  }
  flush();
}

function negateAll(tests: Condition[][], findings: PassageFindings, line: number): Condition[] {
  const negated = tests.map((test) => negate(test));
  if (negated.some((n) => n === null)) {
    findings.list.push({ severity: 'error', code: 'TWINE_UNSUPPORTED_CONDITION', line, message: 'this else branch would need "or" (the negation of an equality or of an "and"), which StoryVerse conditions cannot express' });
    return [];
  }
  return negated as Condition[];
}

/**
 * Non-empty source lines as plain text. Links at the start or end of a line become choices only
 * (a line of links and at most two other words disappears); a link inside running text keeps its
 * words there.
 */
function toLines(buffer: string): string[] {
  const edgeLinks = new RegExp(`^(?:\\s*${LINK_MARK}[^${LINK_MARK}]*${LINK_MARK})+|(?:${LINK_MARK}[^${LINK_MARK}]*${LINK_MARK}\\s*)+$`, 'g');
  return buffer.split('\n').flatMap((raw) => {
    // "[[North]] or [[South]]." — what is left around the links is no sentence of its own.
    const around = plainLine(raw.split(LINK_MARK).filter((_, index) => index % 2 === 0).join(' '));
    if (raw.includes(LINK_MARK) && (around.match(/[\p{L}\p{N}]+/gu)?.length ?? 0) <= 2) return [];
    const text = plainLine(raw.replace(edgeLinks, '').split(LINK_MARK).join(''));
    return text === '' ? [] : [text];
  });
}
