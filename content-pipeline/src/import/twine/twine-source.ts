import { parseTwee, parseTwine2HTML } from 'extwee';
import { decodeEntities } from './plain-text';

// Reads a Twee 3 file or Twine 2 published HTML into passages that remember where they are in
// the file. extwee parses the story (StoryData, title, format, start); it does not report lines,
// so each passage's first body line is found here from its offset in the source.

export type TwinePassage = {
  name: string;
  tags: string[];
  /** As the format sees it (HTML entities decoded). */
  text: string;
  /** 1-based line in the source file of the first character of `text`. */
  line: number;
};

export type TwineSource = {
  title: string;
  /** Passage name, from StoryData `start` / `startnode`, else a passage tagged `start`, else "Start". */
  start: string;
  /** Story format name as written ("Harlowe", "SugarCube", …); '' when the file names none. */
  format: string;
  passages: TwinePassage[];
  /** Twine 2's story JavaScript (`twine-user-script`), with its line, when not empty. */
  userScriptLine?: number;
};

export class TwineSourceError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

const lineAt = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;

export function readTwee(text: string): TwineSource {
  const source = text.replace(/\r\n?/g, '\n');
  if (!/^::/m.test(source)) throw new TwineSourceError('not a Twee 3 file: it has no passage (a line starting with "::")');
  let story;
  try {
    story = parseTwee(source);
  } catch (error) {
    throw new TwineSourceError(`not a Twee 3 file: ${(error as Error).message}`);
  }
  const passages: TwinePassage[] = [];
  const lines = source.split('\n');
  let current: { name: string; tags: string[]; line: number; body: string[] } | null = null;
  const close = (): void => {
    if (current === null) return;
    while (current.body.length > 0 && current.body.at(-1)!.trim() === '') current.body.pop();
    passages.push({ name: current.name, tags: current.tags, text: current.body.join('\n'), line: current.line });
  };
  lines.forEach((raw, index) => {
    if (!raw.startsWith('::')) {
      current?.body.push(raw);
      return;
    }
    close();
    const { name, tags } = parseHeader(raw.slice(2), index + 1);
    current = { name, tags, line: index + 2, body: [] };
  });
  close();
  const named = (name: string) => passages.find((p) => p.name === name);
  const title = named('StoryTitle')?.text.trim() || story.name || 'Untitled';
  const tagged = passages.find((p) => p.tags.includes('start'))?.name;
  return { title, start: story.start || tagged || 'Start', format: story.format ?? '', passages: passages.filter((p) => p.name !== 'StoryTitle' && p.name !== 'StoryData') };
}

/** `Name [tag tag] {"metadata"}` with Twee 3's backslash escapes. */
function parseHeader(header: string, line: number): { name: string; tags: string[] } {
  let rest = header.trim().replace(/\s*\{[^{}]*\}\s*$/, '');
  let tags: string[] = [];
  const tagMatch = /(?<!\\)\[([^\]]*)\]\s*$/.exec(rest);
  if (tagMatch) {
    tags = tagMatch[1]!.split(/\s+/).filter((t) => t !== '');
    rest = rest.slice(0, tagMatch.index);
  }
  const name = rest.trim().replace(/\\(.)/g, '$1');
  if (name === '') throw new TwineSourceError('a passage header without a name', line);
  return { name, tags };
}

export function readTwineHtml(text: string): TwineSource {
  const source = text.replace(/\r\n?/g, '\n');
  let story;
  try {
    story = parseTwine2HTML(source);
  } catch (error) {
    throw new TwineSourceError(`not a Twine 2 published story: ${(error as Error).message}`);
  }
  const passages: TwinePassage[] = [];
  for (const match of source.matchAll(/<tw-passagedata\b([^>]*)>([^<]*(?:<(?!\/tw-passagedata>)[^<]*)*)<\/tw-passagedata>/g)) {
    const attributes = match[1]!;
    const name = decodeEntities(/\bname="([^"]*)"/.exec(attributes)?.[1] ?? '');
    const tags = decodeEntities(/\btags="([^"]*)"/.exec(attributes)?.[1] ?? '').split(/\s+/).filter((t) => t !== '');
    const contentOffset = match.index + match[0].indexOf('>') + 1;
    passages.push({ name, tags, text: decodeEntities(match[2]!), line: lineAt(source, contentOffset) });
  }
  const script = /<script\b[^>]*id="twine-user-script"[^>]*>([\s\S]*?)<\/script>/.exec(source);
  const userScriptLine = script && script[1]!.trim() !== '' ? lineAt(source, script.index) : undefined;
  const tagged = passages.find((p) => p.tags.includes('start'))?.name;
  return {
    title: story.name || 'Untitled',
    start: story.start || tagged || 'Start',
    format: story.format ?? '',
    passages,
    ...(userScriptLine === undefined ? {} : { userScriptLine }),
  };
}
