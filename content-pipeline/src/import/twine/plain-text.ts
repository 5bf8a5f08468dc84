// Passage text as a reader sees it: markup and HTML tags reduced to plain text. What comes out is
// only ever text (the client renders it with textContent), never markup a browser would run.

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', mdash: '—', ndash: '–', hellip: '…', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
    if (code.startsWith('#x') || code.startsWith('#X')) return String.fromCodePoint(Number.parseInt(code.slice(2), 16));
    if (code.startsWith('#')) return String.fromCodePoint(Number.parseInt(code.slice(1), 10));
    return NAMED[code.toLowerCase()] ?? whole;
  });
}

/** One line of passage text without markup: HTML tags, emphasis marks of every format, headings. */
export function plainLine(line: string): string {
  return decodeEntities(
    line
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/<\/?[a-z][^>]*>/gi, '')
      .replace(/''|\/\/|~~|\^\^|\*\*|__|==|@@(?:[^;@]*;)?/g, '')
      .replace(/(^|\s)[*_]+|[*_]+(?=\s|$|[.,;:!?])/g, '$1')
      .replace(/^\s*(?:#{1,6}|>)\s+/, '')
      .replace(/\\$/, ''),
  )
    .replace(/\s+/g, ' ')
    .trim();
}

/** JavaScript hiding in markup: `<script>`, `on…=` handlers, `javascript:` URLs. */
export function javascriptIn(text: string): string | null {
  if (/(?<!<)<\s*script\b/i.test(text)) return 'a <script> element';
  if (/<[a-z][^>]*\son[a-z]+\s*=/i.test(text)) return 'an on…= event handler attribute';
  if (/javascript\s*:/i.test(text)) return 'a javascript: URL';
  return null;
}
