import { negate, parseCondition, parseSet } from './expressions';
import { parseLink, type Branch, type PassageFindings, type PassageNode } from './passage-nodes';
import type { TwinePassage } from './twine-source';

// Chapbook 1: the vars section (`name: value` above a `--` line), the `[if]`/`[unless]`/`[else]`/
// `[continue]` modifiers, `[[links]]` and the `{link to:}` insert.

export function parseChapbook(passage: TwinePassage, findings: PassageFindings): PassageNode[] {
  const lines = passage.text.split('\n');
  const offsets = lines.map((_, index) => lines.slice(0, index).reduce((sum, l) => sum + l.length + 1, 0));
  const nodes: PassageNode[] = [];
  const divider = lines.findIndex((l) => l.trim() === '--');
  if (divider >= 0) {
    for (let index = 0; index < divider; index++) {
      const entry = /^\s*([A-Za-z_][\w.]*)\s*(\(.*\))?\s*:\s*(.*)$/.exec(lines[index]!);
      if (!entry) continue;
      const line = findings.lineOf(offsets[index]!);
      const set = entry[2] ? null : parseSet(`${entry[1]} to ${entry[3]}`, false);
      nodes.push(set ? { kind: 'set', set, line } : { kind: 'unsupported-set', variable: entry[1]!, source: lines[index]!.trim(), line });
    }
  }
  let target = nodes;
  let lastIf: Extract<PassageNode, { kind: 'if' }> | null = null;
  let skipping = false;
  for (let index = divider + 1; index < lines.length; index++) {
    const text = lines[index]!;
    const at = offsets[index]!;
    const modifier = /^\s*\[([^[\]]+)\]\s*$/.exec(text);
    if (modifier) {
      const [word, ...rest] = modifier[1]!.trim().split(/\s+/);
      const name = word!.toLowerCase();
      const argument = rest.join(' ');
      skipping = false;
      if (name === 'if' || name === 'unless') {
        const test = parseCondition(argument, false);
        const branchTest = test && name === 'unless' ? (negate(test) ? [negate(test)!] : null) : test;
        if (!branchTest) findings.error('TWINE_UNSUPPORTED_CONDITION', at, `[${modifier[1]}] tests something StoryVerse cannot: only numbers and booleans against constants, joined by "and"`);
        const branch: Branch = { test: branchTest ?? [], body: [], line: findings.lineOf(at) };
        lastIf = { kind: 'if', line: branch.line, branches: [branch] };
        nodes.push(lastIf);
        target = branch.body;
      } else if (name === 'else') {
        if (lastIf === null) findings.error('TWINE_SYNTAX', at, '[else] does not follow an [if]');
        const branch: Branch = { test: null, body: [], line: findings.lineOf(at) };
        lastIf?.branches.push(branch);
        target = lastIf ? branch.body : nodes;
        lastIf = null;
      } else {
        lastIf = null;
        target = nodes;
        if (name === 'javascript') {
          findings.error('TWINE_JAVASCRIPT', at, '[JavaScript] is JavaScript; StoryVerse never runs story code');
          skipping = true;
        } else if (name === 'note' || name === 'n.b.' || name === 'fixme' || name === 'todo') skipping = true;
        else if (name !== 'continue' && name !== "cont'd" && name !== 'cont') findings.warning('TWINE_UNSUPPORTED_MACRO', at, `[${modifier[1]}] is not supported and was dropped (its text is kept)`);
      }
      continue;
    }
    if (!skipping) target.push(...parseLine(text, at, findings), { kind: 'text', text: '\n' });
  }
  return nodes;
}

function parseLine(text: string, offset: number, findings: PassageFindings): PassageNode[] {
  const nodes: PassageNode[] = [];
  let last = 0;
  for (const match of text.matchAll(/\[\[((?:[^\]]|\](?!\]))*)\]\]|\{([^{}]*)\}/g)) {
    if (match.index > last) nodes.push({ kind: 'text', text: text.slice(last, match.index) });
    last = match.index + match[0].length;
    const at = offset + match.index;
    const line = findings.lineOf(at);
    if (match[1] !== undefined) {
      nodes.push({ kind: 'link', ...parseLink(match[1]), line });
      continue;
    }
    const insert = match[2]!.trim();
    const linkTo = /^link to\s*:\s*(['"])(.*?)\1\s*(?:,\s*label\s*:\s*(['"])(.*?)\3)?$/i.exec(insert);
    if (linkTo) nodes.push({ kind: 'link', text: linkTo[4] ?? linkTo[2]!, target: linkTo[2]!, line });
    else if (/^[A-Za-z_][\w.]*$/.test(insert)) findings.warning('TWINE_PRINTED_VARIABLE', at, `{${insert}} is shown as its value in Chapbook; StoryVerse shows no variables in text, so it is left out`);
    else findings.warning('TWINE_UNSUPPORTED_MACRO', at, `{${insert}} is not supported and was dropped`);
  }
  if (last < text.length) nodes.push({ kind: 'text', text: text.slice(last) });
  return nodes;
}
