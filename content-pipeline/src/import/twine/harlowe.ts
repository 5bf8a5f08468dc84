import { negate, parseCondition, parseSet } from './expressions';
import { matching, parseLink, stringArguments, type Branch, type PassageFindings, type PassageNode } from './passage-nodes';
import type { TwinePassage } from './twine-source';

// Harlowe 3: `(set:)`, `(put:)`, `(if:)`/`(unless:)`/`(else-if:)`/`(else:)` with hooks,
// `(link-goto:)`, `(go-to:)`; hooks of other macros keep their text, the macros are dropped.

const CODE_MACROS = new Set(['print', 'macro', 'run', 'output', 'output-data', 'eval', 'source', 'verbatim-print', 'dm', 'datamap']);
const LINK_MACROS = new Set(['link-goto', 'link-reveal-goto', 'click-goto']);
const GOTO_MACROS = new Set(['go-to', 'goto', 'redirect']);
const REVEAL_LINKS = new Set(['link', 'link-reveal', 'link-repeat', 'link-rerun', 'button']);

export function parseHarlowe(passage: TwinePassage, findings: PassageFindings): PassageNode[] {
  return parseSpan(passage.text, 0, passage.text.length, findings);
}

function parseSpan(text: string, from: number, to: number, findings: PassageFindings): PassageNode[] {
  const nodes: PassageNode[] = [];
  let plain = '';
  const flush = () => {
    if (plain !== '') nodes.push({ kind: 'text', text: plain });
    plain = '';
  };
  let i = from;
  while (i < to) {
    const rest = text.slice(i, to);
    if (rest.startsWith('[[')) {
      const end = text.indexOf(']]', i);
      if (end < 0 || end >= to) { plain += rest; break; }
      flush();
      nodes.push({ kind: 'link', ...parseLink(text.slice(i + 2, end)), line: findings.lineOf(i) });
      i = end + 2;
      continue;
    }
    const macro = /^\(([a-z][\w-]*):/i.exec(rest);
    if (macro) {
      const close = matching(text, i, '(', ')');
      if (close < 0 || close > to) { findings.error('TWINE_SYNTAX', i, `(${macro[1]}:) is never closed`); break; }
      flush();
      i = handleMacro(text, i, close, to, macro[1]!.toLowerCase(), nodes, findings);
      continue;
    }
    const hook = /^(?:\|[\w-]+>)?\[/.exec(rest);
    if (hook) {
      const open = i + hook[0].length - 1;
      const close = matching(text, open, '[', ']');
      if (close < 0 || close > to) { plain += rest; break; }
      flush();
      nodes.push(...parseSpan(text, open + 1, close - 1, findings));
      i = close;
      const tail = /^<[\w-]+\|/.exec(text.slice(i, to));
      if (tail) i += tail[0].length;
      continue;
    }
    const printed = /^[$_][A-Za-z]\w*/.exec(rest);
    if (printed && (i === 0 || !/\w/.test(text[i - 1]!))) {
      findings.warning('TWINE_PRINTED_VARIABLE', i, `${printed[0]} is shown as its value in Twine; StoryVerse shows no variables in text, so it is left out`);
      i += printed[0].length;
      continue;
    }
    plain += text[i];
    i++;
  }
  flush();
  return nodes;
}

/** Handles the macro in text[start, close) and any hook(s) attached to it; returns where to go on. */
function handleMacro(text: string, start: number, close: number, to: number, name: string, nodes: PassageNode[], findings: PassageFindings): number {
  const args = text.slice(text.indexOf(':', start) + 1, close - 1).trim();
  const line = findings.lineOf(start);
  const hookAt = (at: number): { open: number; close: number } | null => {
    const gap = /^[ \t]*\[/.exec(text.slice(at, to));
    if (!gap || text.startsWith('[[', at + gap[0].length - 1)) return null;
    const open = at + gap[0].length - 1;
    const end = matching(text, open, '[', ']');
    return end < 0 || end > to ? null : { open, close: end };
  };
  const hook = hookAt(close);

  if (name === 'set' || name === 'put') {
    for (const part of splitTopLevel(args)) {
      const source = name === 'put' ? part.replace(/^(.+?)\s+into\s+(\S+)$/, '$2 to $1') : part;
      const set = parseSet(source, true);
      nodes.push(set ? { kind: 'set', set, line } : { kind: 'unsupported-set', variable: /\$(\w+)/.exec(source)?.[1] ?? null, source: `(${name}: ${part})`, line });
    }
    return close;
  }
  if (name === 'if' || name === 'unless') {
    if (!hook) { findings.error('TWINE_SYNTAX', start, `(${name}:) without a hook`); return close; }
    const test = parseCondition(args, true);
    const branchTest = test && name === 'unless' ? (negate(test) ? [negate(test)!] : null) : test;
    if (!branchTest) findings.error('TWINE_UNSUPPORTED_CONDITION', start, `(${name}: ${args}) tests something StoryVerse cannot: only numbers and booleans against constants, joined by "and"`);
    const branches: Branch[] = [{ test: branchTest ?? [], body: parseSpan(text, hook.open + 1, hook.close - 1, findings), line }];
    let at = hook.close;
    for (;;) {
      const next = /^\s*\((else-if|elseif|else):/i.exec(text.slice(at, to));
      if (!next) break;
      const macroStart = at + next[0].length - next[1]!.length - 2;
      const macroClose = matching(text, macroStart, '(', ')');
      const branchHook = macroClose < 0 ? null : hookAt(macroClose);
      if (!branchHook) break;
      const isElse = next[1]!.toLowerCase() === 'else';
      const branchArgs = text.slice(text.indexOf(':', macroStart) + 1, macroClose - 1).trim();
      const branchCondition = isElse ? null : parseCondition(branchArgs, true);
      if (!isElse && !branchCondition) findings.error('TWINE_UNSUPPORTED_CONDITION', macroStart, `(else-if: ${branchArgs}) tests something StoryVerse cannot`);
      branches.push({ test: isElse ? null : branchCondition ?? [], body: parseSpan(text, branchHook.open + 1, branchHook.close - 1, findings), line: findings.lineOf(macroStart) });
      at = branchHook.close;
      if (isElse) break;
    }
    nodes.push({ kind: 'if', line, branches });
    return at;
  }
  if (name === 'else' || name === 'else-if' || name === 'elseif') {
    findings.error('TWINE_SYNTAX', start, `(${name}:) does not follow an (if:) hook`);
    return hook ? hook.close : close;
  }
  if (LINK_MACROS.has(name) || GOTO_MACROS.has(name)) {
    const strings = stringArguments(args);
    if (!strings || strings.length === 0 || strings.length > 2) {
      findings.error('TWINE_UNSUPPORTED_MACRO', start, `(${name}: ${args}) is only supported with text and a passage name in quotes`);
      return close;
    }
    if (GOTO_MACROS.has(name)) nodes.push({ kind: 'goto', target: strings[0]!, line });
    else nodes.push({ kind: 'link', text: strings[0]!, target: strings[1] ?? strings[0]!, line });
    return close;
  }
  if (REVEAL_LINKS.has(name) && hook) {
    // `(link: "Open")[(set: $x to 1)(go-to: "Cellar")]`: a link in all but name.
    const strings = stringArguments(args);
    const body = parseSpan(text, hook.open + 1, hook.close - 1, findings);
    const goto = body.find((node) => node.kind === 'goto');
    const onlyGoes = body.every((node) => node.kind === 'goto' || node.kind === 'set' || (node.kind === 'text' && node.text.trim() === ''));
    if (strings?.length === 1 && goto?.kind === 'goto' && onlyGoes) {
      const sets = body.flatMap((node) => (node.kind === 'set' ? [node.set] : []));
      nodes.push({ kind: 'link', text: strings[0]!, target: goto.target, line, ...(sets.length > 0 ? { sets } : {}) });
      return hook.close;
    }
    findings.warning('TWINE_UNSUPPORTED_MACRO', start, `(${name}:) is only supported when its hook just goes to a passage (and sets); dropped (the text of its hook is kept)`);
    nodes.push(...body);
    return hook.close;
  }
  if (CODE_MACROS.has(name)) {
    findings.error('TWINE_CODE', start, `(${name}:) computes what the story shows; StoryVerse never runs story code — write the text out instead`);
    return hook ? hook.close : close;
  }
  findings.warning('TWINE_UNSUPPORTED_MACRO', start, `(${name}:) is not supported and was dropped${hook ? ' (the text of its hook is kept)' : ''}`);
  if (hook) nodes.push(...parseSpan(text, hook.open + 1, hook.close - 1, findings));
  return hook ? hook.close : close;
}

/** Splits macro arguments at commas outside strings and brackets. */
export function splitTopLevel(args: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let current = '';
  for (const c of args) {
    if (quote) { if (c === quote) quote = ''; }
    else if (c === '"' || c === "'") quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if ((c === ',' || c === ';') && depth === 0) { parts.push(current.trim()); current = ''; continue; }
    current += c;
  }
  if (current.trim() !== '') parts.push(current.trim());
  return parts;
}
