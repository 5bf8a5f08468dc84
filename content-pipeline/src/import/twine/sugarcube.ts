import { parseCondition, parseSet, type SetValue } from './expressions';
import { splitTopLevel } from './harlowe';
import { parseLink, stringArguments, type Branch, type PassageFindings, type PassageNode } from './passage-nodes';
import type { TwinePassage } from './twine-source';

// SugarCube 2: `<<set>>`, `<<if>>…<<elseif>>…<<else>>…<</if>>`, `<<goto>>`, `<<link>>`/`<<button>>`
// that only go somewhere (and set), `[[text|target][$x to 1]]` setter links.

type Token =
  | { kind: 'text'; text: string; at: number }
  | { kind: 'link'; inner: string; setter: string | null; at: number }
  | { kind: 'open'; name: string; args: string; at: number }
  | { kind: 'close'; name: string; at: number };

const CODE_MACROS = new Set(['script', 'run', 'print', '=', '-', 'widget', 'done', 'timed', 'repeat', 'for', 'switch', 'capture', 'addclass', 'removeclass', 'toggleclass', 'remember', 'forget']);

export function parseSugarCube(passage: TwinePassage, findings: PassageFindings): PassageNode[] {
  const tokens = tokenize(passage.text, findings);
  const cursor = { index: 0 };
  return parseBlock(tokens, cursor, findings, new Set());
}

function tokenize(text: string, findings: PassageFindings): Token[] {
  const tokens: Token[] = [];
  const pattern = /\[\[((?:[^\]]|\](?![\][]))*)\](?:\[([^\]]*)\])?\]|<<\/\s*([\w-]+)\s*>>|<<(=|-|[\w-]+)((?:[^>"']|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|>(?!>))*)>>|[$_][A-Za-z]\w*(?:\.\w+)*/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const at = match.index;
    if (match[0].startsWith('$') || match[0].startsWith('_')) {
      if (at > 0 && /\w/.test(text[at - 1]!)) continue;
      findings.warning('TWINE_PRINTED_VARIABLE', at, `${match[0]} is shown as its value in SugarCube; StoryVerse shows no variables in text, so it is left out`);
    }
    if (at > last) tokens.push({ kind: 'text', text: text.slice(last, at), at: last });
    last = at + match[0].length;
    if (match[1] !== undefined) tokens.push({ kind: 'link', inner: match[1], setter: match[2] ?? null, at });
    else if (match[3] !== undefined) tokens.push({ kind: 'close', name: match[3].toLowerCase(), at });
    else if (match[4] !== undefined) tokens.push({ kind: 'open', name: match[4].toLowerCase(), args: match[5]!.trim(), at });
  }
  if (last < text.length) tokens.push({ kind: 'text', text: text.slice(last), at: last });
  return tokens;
}

/** Parses until one of `stops` (an open or close macro name) at this level; leaves it unconsumed. */
function parseBlock(tokens: Token[], cursor: { index: number }, findings: PassageFindings, stops: Set<string>): PassageNode[] {
  const nodes: PassageNode[] = [];
  while (cursor.index < tokens.length) {
    const token = tokens[cursor.index]!;
    if ((token.kind === 'open' || token.kind === 'close') && stops.has(`${token.kind}:${token.name}`)) return nodes;
    cursor.index++;
    const line = findings.lineOf(token.at);
    if (token.kind === 'text') nodes.push({ kind: 'text', text: token.text });
    else if (token.kind === 'link') nodes.push(linkNode(token.inner, token.setter, line, token.at, findings));
    else if (token.kind === 'close') continue;
    else if (token.name === 'set') nodes.push(...setNodes(token.args, line));
    else if (token.name === 'if') nodes.push(ifNode(tokens, cursor, findings, token));
    else if (token.name === 'elseif' || token.name === 'else') findings.error('TWINE_SYNTAX', token.at, `<<${token.name}>> outside <<if>>`);
    else if (token.name === 'goto') {
      const target = targetOf(token.args);
      if (target) nodes.push({ kind: 'goto', target, line });
      else findings.error('TWINE_UNSUPPORTED_MACRO', token.at, `<<goto ${token.args}>> is only supported with a passage name in quotes or [[brackets]]`);
    } else if (token.name === 'link' || token.name === 'button') nodes.push(...linkMacro(tokens, cursor, findings, token));
    else if (token.name === 'script') {
      findings.error('TWINE_JAVASCRIPT', token.at, '<<script>> is JavaScript; StoryVerse never runs story code');
      skipTo(tokens, cursor, 'script');
    } else if (CODE_MACROS.has(token.name)) {
      findings.error(token.name === 'run' ? 'TWINE_JAVASCRIPT' : 'TWINE_CODE', token.at, `<<${token.name}>> runs story code; StoryVerse never runs it — write the text or the choices out instead`);
    } else findings.warning('TWINE_UNSUPPORTED_MACRO', token.at, `<<${token.name}>> is not supported and was dropped (text inside it is kept)`);
  }
  return nodes;
}

function ifNode(tokens: Token[], cursor: { index: number }, findings: PassageFindings, first: Extract<Token, { kind: 'open' }>): PassageNode {
  const stops = new Set(['open:elseif', 'open:else', 'close:if']);
  const branches: Branch[] = [];
  let head: Extract<Token, { kind: 'open' }> = first;
  for (;;) {
    const test = head.name === 'else' ? null : parseCondition(head.args, true);
    if (head.name !== 'else' && !test) findings.error('TWINE_UNSUPPORTED_CONDITION', head.at, `<<${head.name} ${head.args}>> tests something StoryVerse cannot: only numbers and booleans against constants, joined by "and"`);
    branches.push({ test: head.name === 'else' ? null : test ?? [], body: parseBlock(tokens, cursor, findings, stops), line: findings.lineOf(head.at) });
    const next = tokens[cursor.index];
    if (!next) { findings.error('TWINE_SYNTAX', first.at, '<<if>> without <</if>>'); break; }
    cursor.index++;
    if (next.kind === 'close') break;
    head = next as Extract<Token, { kind: 'open' }>;
  }
  return { kind: 'if', line: findings.lineOf(first.at), branches };
}

function setNodes(args: string, line: number): PassageNode[] {
  return splitTopLevel(args).map((part) => {
    const set = parseSet(part, true);
    return set ? { kind: 'set', set, line } : { kind: 'unsupported-set', variable: /\$(\w+)/.exec(part)?.[1] ?? null, source: `<<set ${part}>>`, line };
  });
}

function linkNode(inner: string, setter: string | null, line: number, at: number, findings: PassageFindings): PassageNode {
  const link = parseLink(inner);
  if (setter === null) return { kind: 'link', ...link, line };
  const sets: SetValue[] = [];
  for (const part of splitTopLevel(setter)) {
    const set = parseSet(part, true);
    if (set) sets.push(set);
    else findings.error('TWINE_UNSUPPORTED_MACRO', at, `the link's setter "${part}" is not a number or boolean set StoryVerse supports`);
  }
  return { kind: 'link', ...link, line, sets };
}

/** `<<link "text" "passage">>…<</link>>`, `<<link [[text|passage]]>>`, or a body that `<<goto>>`s. */
function linkMacro(tokens: Token[], cursor: { index: number }, findings: PassageFindings, open: Extract<Token, { kind: 'open' }>): PassageNode[] {
  const body = parseBlock(tokens, cursor, findings, new Set([`close:${open.name}`]));
  cursor.index++;
  const line = findings.lineOf(open.at);
  const bracketed = /^\[\[(.*)\]\]$/.exec(open.args);
  const strings = stringArguments(open.args);
  const goto = body.find((node) => node.kind === 'goto');
  const sets = body.flatMap((node) => (node.kind === 'set' ? [node.set] : []));
  const target = bracketed ? parseLink(bracketed[1]!).target : strings?.[1] ?? (goto?.kind === 'goto' ? goto.target : undefined);
  const text = bracketed ? parseLink(bracketed[1]!).text : strings?.[0];
  if (text === undefined || target === undefined) {
    findings.warning('TWINE_UNSUPPORTED_MACRO', open.at, `<<${open.name} ${open.args}>> does not lead to a passage and was dropped`);
    return [];
  }
  if (body.some((node) => node.kind !== 'set' && node.kind !== 'goto' && !(node.kind === 'text' && node.text.trim() === ''))) {
    findings.warning('TWINE_UNSUPPORTED_MACRO', open.at, `what <<${open.name}>> shows when clicked is dropped; only where it leads (and its <<set>>s) are kept`);
  }
  return [{ kind: 'link', text, target, line, ...(sets.length > 0 ? { sets } : {}) }];
}

function targetOf(args: string): string | null {
  const bracketed = /^\[\[(.*)\]\]$/.exec(args);
  if (bracketed) return parseLink(bracketed[1]!).target;
  const strings = stringArguments(args);
  return strings && strings.length === 1 ? strings[0]! : null;
}

function skipTo(tokens: Token[], cursor: { index: number }, name: string): void {
  while (cursor.index < tokens.length) {
    const token = tokens[cursor.index++]!;
    if (token.kind === 'close' && token.name === name) return;
  }
}
