import { parseLink, type PassageFindings, type PassageNode } from './passage-nodes';
import type { TwinePassage } from './twine-source';

// Snowman 2: Markdown and `[[links]]`; everything that computes is JavaScript (`<% %>`, `<%= %>`),
// so Snowman has no state StoryVerse can take over.

export function parseSnowman(passage: TwinePassage, findings: PassageFindings): PassageNode[] {
  const text = passage.text;
  const nodes: PassageNode[] = [];
  let last = 0;
  for (const match of text.matchAll(/\[\[((?:[^\]]|\](?!\]))*)\]\]|<%[=-]?[\s\S]*?%>/g)) {
    if (match.index > last) nodes.push({ kind: 'text', text: text.slice(last, match.index) });
    last = match.index + match[0].length;
    if (match[1] !== undefined) nodes.push({ kind: 'link', ...parseLink(match[1]), line: findings.lineOf(match.index) });
    else findings.error('TWINE_JAVASCRIPT', match.index, `${match[0].startsWith('<%=') || match[0].startsWith('<%-') ? '<%= %>' : '<% %>'} is JavaScript; StoryVerse never runs story code`);
  }
  if (last < text.length) nodes.push({ kind: 'text', text: text.slice(last) });
  return nodes;
}
