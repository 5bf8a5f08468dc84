import type { PlayableStep } from '../playable-chapter';

// How one line of ink output becomes timeline steps and stage changes (FORMAT.md, "Ink stories").

export interface InkStage {
  background: string;
  music: string;
}

/** `Name: text` — a name is a letter followed by up to 39 letters, digits, spaces, dots, apostrophes or hyphens. */
const DIALOGUE = /^(\p{L}[\p{L}\p{N} .'’-]{0,39}?):\s+(\S.*)$/u;

/** The tag's value when it reads `<name>: value` (names are matched without case), else undefined. */
export function tagValue(tags: readonly string[] | null | undefined, name: string): string | undefined {
  for (const tag of tags ?? []) {
    const match = /^\s*([A-Za-z_]+)\s*:\s*(.*?)\s*$/.exec(tag);
    if (match && match[1]!.toLowerCase() === name) return match[2];
  }
  return undefined;
}

/** Steps for one line of output; the stage it sets (art in `assets`, when given) is written into `stage`. */
export function lineSteps(text: string, tags: readonly string[], stage: InkStage, assets: ReadonlySet<string> | null = null): PlayableStep[] {
  const steps: PlayableStep[] = [];
  // Art the bundle does not carry (the linter warned about it) leaves the stage as it is.
  const usable = (path: string | undefined): path is string => !!path && (assets === null || assets.has(path));
  const background = tagValue(tags, 'background');
  if (usable(background)) stage.background = background;
  const music = tagValue(tags, 'music');
  if (usable(music)) stage.music = music;
  for (const tag of tags) {
    const shown = /^\s*character\s*:\s*(\S+)(?:\s+(\S+))?\s*$/i.exec(tag);
    if (shown) steps.push({ type: 'show', character: shown[1]!, ...(shown[2] === undefined ? {} : { mood: shown[2] }) });
  }
  const line = text.trim();
  if (line === '') return steps;
  const speaker = tagValue(tags, 'speaker');
  if (speaker) return [...steps, { type: 'dialogue', character: speaker, text: line }];
  const dialogue = DIALOGUE.exec(line);
  if (dialogue) return [...steps, { type: 'dialogue', character: dialogue[1]!.trim(), text: dialogue[2]!.trim() }];
  return [...steps, { type: 'narration', text: line }];
}

/** A choice's price from its `# cost: N` tag (a whole number of diamonds; anything else costs nothing). */
export function choiceCost(tags: readonly string[] | null | undefined): number {
  const value = tagValue(tags, 'cost');
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : 0;
}
