import { parseLink, type PassageFindings, type PassageNode } from './passage-nodes';
import type { TwinePassage } from './twine-source';

// A story format StoryVerse does not know (e.g. Paloma, Harlowe 1/2 named by another name): only
// its text and `[[links]]` are understood. Anything that looks like format code — `<< >>`, `<% %>`,
// `(macro: …)`, `{insert: …}` — could change what the story does, so it is an error naming the line.

const CODE = /<<[\s\S]*?>>|<%[\s\S]*?%>|\([a-z][\w-]*:[^)]*\)?|\{[a-z][\w ]*:[^}]*\}?/gi;

export function parseLinksOnly(passage: TwinePassage, findings: PassageFindings): PassageNode[] {
  const text = passage.text;
  const nodes: PassageNode[] = [];
  let last = 0;
  const pattern = new RegExp(`\\[\\[((?:[^\\]]|\\](?!\\]))*)\\]\\]|${CODE.source}`, 'gi');
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) nodes.push({ kind: 'text', text: text.slice(last, match.index) });
    last = match.index + match[0].length;
    if (match[1] !== undefined) nodes.push({ kind: 'link', ...parseLink(match[1]), line: findings.lineOf(match.index) });
    else findings.error('TWINE_UNKNOWN_FORMAT_CODE', match.index, `"${match[0].slice(0, 40)}" is code of a story format StoryVerse does not know; only text and [[links]] are read`);
  }
  if (last < text.length) nodes.push({ kind: 'text', text: text.slice(last) });
  return nodes;
}
