import type { Condition } from '../../condition-schema';
import type { OptionEffects } from '../../option-schema';
import { storyIdFrom } from '../story-importer';
import { parseChapbook } from './chapbook';
import { changesFreshState, effectsOf } from './effects';
import type { SetValue } from './expressions';
import { parseHarlowe } from './harlowe';
import { parseLinksOnly } from './links-only';
import { PassageFindings, type FormatParser } from './passage-nodes';
import { flattenPassage, type FlatPassage } from './passage-scene';
import { decodeEntities, javascriptIn, plainLine } from './plain-text';
import { parseSnowman } from './snowman';
import { parseSugarCube } from './sugarcube';
import type { TwinePassage, TwineSource } from './twine-source';

export type StoryFinding = { severity: 'error' | 'warning'; code: string; line?: number; passage?: string; message: string };

const FORMATS: Record<string, { name: string; parse: FormatParser }> = {
  harlowe: { name: 'Harlowe 3', parse: parseHarlowe },
  sugarcube: { name: 'SugarCube 2', parse: parseSugarCube },
  chapbook: { name: 'Chapbook 1', parse: parseChapbook },
  snowman: { name: 'Snowman 2', parse: parseSnowman },
};

/** SugarCube's special passages: the story's chrome, not scenes (StoryInit is read for its sets). */
const SPECIAL_PASSAGES = new Set(['StoryCaption', 'StoryMenu', 'StoryBanner', 'StorySubtitle', 'StoryAuthor', 'StoryInterface', 'StoryShare', 'StoryDisplayTitle', 'PassageReady', 'PassageDone', 'PassageHeader', 'PassageFooter', 'StorySettings']);

type Scene = Record<string, unknown>;

export function buildChapter(source: TwineSource, chapterId: string, storyId: string): { chapter: Record<string, unknown> | null; findings: StoryFinding[]; format: string } {
  const findings: StoryFinding[] = [];
  const formatKey = Object.keys(FORMATS).find((key) => source.format.toLowerCase().replace(/\s+/g, '') === key);
  // An unknown format still has Twine's links; read only those, and refuse its code line by line.
  const unknown = source.format !== '' && formatKey === undefined;
  if (unknown) findings.push({ severity: 'warning', code: 'TWINE_UNKNOWN_FORMAT', message: `story format "${source.format}" is not one StoryVerse knows (Harlowe 3, SugarCube 2, Chapbook 1, Snowman 2); only its text and [[links]] are read` });
  else if (formatKey === undefined) findings.push({ severity: 'warning', code: 'TWINE_NO_FORMAT', message: 'the story names no story format; read as Harlowe 3, Twine 2’s default' });
  const format = unknown ? { name: source.format, parse: parseLinksOnly } : FORMATS[formatKey ?? 'harlowe']!;
  if (source.userScriptLine !== undefined) findings.push({ severity: 'error', code: 'TWINE_JAVASCRIPT', line: source.userScriptLine, message: 'the story JavaScript (twine-user-script) is never run by StoryVerse; remove it' });

  const scenesByName = new Map<string, FlatPassage>();
  const initSets: SetValue[] = [];
  const names = new Set<string>();
  for (const passage of source.passages) {
    const report = (severity: StoryFinding['severity'], code: string, message: string, line = passage.line) => findings.push({ severity, code, line, passage: passage.name, message });
    if (names.has(passage.name)) report('error', 'TWINE_DUPLICATE_PASSAGE', 'a second passage with this name');
    names.add(passage.name);
    if (passage.tags.includes('stylesheet') || passage.name === 'StoryStylesheet') continue;
    if (passage.tags.includes('script')) {
      report('error', 'TWINE_JAVASCRIPT', 'a passage tagged "script" is JavaScript; StoryVerse never runs story code');
      continue;
    }
    passage.text.split('\n').forEach((text, index) => {
      // Entities too: the importer writes `&lt;script&gt;` out as the text `<script>`.
      const found = javascriptIn(text) ?? javascriptIn(decodeEntities(text));
      if (found) report('error', 'TWINE_JAVASCRIPT', `${found} is JavaScript; StoryVerse never runs story code`, passage.line + index);
    });
    const passageFindings = new PassageFindings(passage);
    const flat = flattenPassage(format.parse(passage, passageFindings), passageFindings);
    const role = passageRole(passage);
    // Page furniture is not imported, so only what would make the import unsafe matters there.
    for (const f of passageFindings.list) if (role !== 'chrome' || f.severity === 'error') findings.push({ ...f, passage: passage.name });
    if (role === 'init') {
      initSets.push(...flat.sets.map((s) => s.set));
      scenesByName.set(`\u0000${passage.name}`, { ...flat, lines: [], exits: [] });
      continue;
    }
    if (role === 'chrome') {
      report('warning', 'TWINE_SPECIAL_PASSAGE', 'this passage is part of the story format’s page furniture and is not imported');
      continue;
    }
    scenesByName.set(passage.name, flat);
  }

  checkVariables(scenesByName, initSets, findings);
  if (!scenesByName.has(source.start)) {
    findings.push({ severity: 'error', code: 'TWINE_NO_START', message: `the start passage "${source.start}" is not in the story` });
    return { chapter: null, findings, format: format.name };
  }

  const ids = sceneIds([...scenesByName.keys()].filter((name) => !name.startsWith('\u0000')));
  const scenes: Record<string, Scene> = {};
  for (const [name, flat] of scenesByName) {
    if (name.startsWith('\u0000')) continue;
    scenes[ids.get(name)!] = sceneOf(name, flat, scenesByName, ids, findings);
  }
  let startSceneId = ids.get(source.start)!;
  const startSets = [...initSets, ...scenesByName.get(source.start)!.sets.map((s) => s.set)];
  if (changesFreshState(startSets)) {
    // The first passage's own sets (and StoryInit's) have no link leading in to carry them.
    let begin = 'begin';
    while (begin in scenes) begin += '-';
    scenes[begin] = { timeline: [], choice: { prompt: '', options: [option('o1', 'Begin', startSceneId, effectsOf(startSets), [])] } };
    startSceneId = begin;
  }
  pruneUnreachable(scenes, startSceneId, ids, source.passages, findings);
  const chapter = { _id: chapterId, storyId, chapterNumber: 1, title: source.title, startSceneId, scenes: { [startSceneId]: scenes[startSceneId], ...scenes } };
  return { chapter, findings, format: format.name };
}

function passageRole(passage: TwinePassage): 'scene' | 'init' | 'chrome' {
  if (passage.name === 'StoryInit' || passage.tags.includes('startup')) return 'init';
  if (SPECIAL_PASSAGES.has(passage.name) || passage.tags.some((t) => t === 'header' || t === 'footer' || t === 'widget' || t.startsWith('debug-'))) return 'chrome';
  return 'scene';
}

function sceneOf(name: string, flat: FlatPassage, passages: Map<string, FlatPassage>, ids: Map<string, string>, findings: StoryFinding[]): Scene {
  const timeline = flat.lines.map(({ text, requires }) => {
    const dialogue = /^([A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2}):\s+(\S.*)$/.exec(text);
    const step = dialogue ? { type: 'dialogue', character: dialogue[1]!, text: dialogue[2]! } : { type: 'narration', text };
    return requires.length > 0 ? { ...step, requires } : step;
  });
  const options = flat.exits.flatMap((exit) => {
    const target = passages.get(exit.target);
    if (target === undefined || !ids.has(exit.target)) {
      findings.push({ severity: 'warning', code: 'TWINE_BROKEN_LINK', line: exit.line, passage: name, message: `the link to "${exit.target}" leads to no passage of the story and was dropped` });
      return [];
    }
    return [{ exit, target }];
  });
  if (options.length === 0) return { timeline, end: true, ending: { title: name } };
  return {
    timeline,
    choice: {
      prompt: '',
      options: options.map(({ exit, target }, index) =>
        option(`o${index + 1}`, plainLine(exit.text) || exit.target, ids.get(exit.target)!, effectsOf([...exit.sets, ...target.sets.map((s) => s.set)]), exit.requires),
      ),
    },
  };
}

function option(id: string, text: string, nextSceneId: string, effects: OptionEffects | undefined, requires: Condition[]): Record<string, unknown> {
  return { id, text, nextSceneId, ...(effects ? { effects } : {}), ...(requires.length > 0 ? { requires } : {}) };
}

/** Scene ids from passage names: slugs, made unique in passage order (so they are stable). */
function sceneIds(names: string[]): Map<string, string> {
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const name of names) {
    const base = storyIdFrom(name) === 'imported-story' ? 'passage' : storyIdFrom(name);
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    ids.set(name, id);
  }
  return ids;
}

/** Numbers and booleans must not mix in one variable, and tests must match what is stored. */
function checkVariables(byName: Map<string, FlatPassage>, initSets: SetValue[], findings: StoryFinding[]): void {
  const passages = [...byName.values()];
  const kinds = new Map<string, 'number' | 'boolean'>();
  const allSets = [...initSets, ...passages.flatMap((p) => [...p.sets.map((s) => s.set), ...p.exits.flatMap((e) => e.sets)])];
  const mixed = new Set<string>();
  for (const { variable, value } of allSets) {
    const kind = typeof value === 'boolean' ? 'boolean' : 'number';
    if (kinds.has(variable) && kinds.get(variable) !== kind) mixed.add(variable);
    kinds.set(variable, kind);
  }
  for (const variable of mixed) findings.push({ severity: 'error', code: 'TWINE_MIXED_VARIABLE', message: `$${variable} holds both numbers and booleans; StoryVerse keeps numbers and flags apart` });
  const tested = new Set<string>();
  for (const passage of passages) {
    for (const test of passage.tests) {
      const variable = 'flag' in test ? test.flag : test.relationship;
      tested.add(variable);
      const expected = 'flag' in test ? 'boolean' : 'number';
      if (kinds.has(variable) && kinds.get(variable) !== expected) findings.push({ severity: 'error', code: 'TWINE_UNSUPPORTED_CONDITION', message: `$${variable} holds ${kinds.get(variable)}s but is tested as a ${expected}` });
    }
  }
  for (const [name, passage] of byName) {
    for (const set of passage.unsupportedSets) {
      const logic = set.variable !== null && tested.has(set.variable);
      findings.push({
        severity: logic ? 'error' : 'warning',
        code: 'TWINE_UNSUPPORTED_SET',
        line: set.line,
        passage: name.replace('\u0000', ''),
        message: `${set.source}: only numbers and booleans set to a constant or changed by a constant are supported${logic ? `, and $${set.variable} is tested, so dropping it would change the story` : '; dropped (nothing tests it)'}`,
      });
    }
  }
}

function pruneUnreachable(scenes: Record<string, Scene>, start: string, ids: Map<string, string>, passages: TwinePassage[], findings: StoryFinding[]): void {
  const reached = new Set([start]);
  const queue = [start];
  while (queue.length > 0) {
    const scene = scenes[queue.pop()!] as { choice?: { options: { nextSceneId: string }[] } };
    for (const { nextSceneId } of scene.choice?.options ?? []) {
      if (!reached.has(nextSceneId)) {
        reached.add(nextSceneId);
        queue.push(nextSceneId);
      }
    }
  }
  for (const [name, id] of ids) {
    if (reached.has(id)) continue;
    delete scenes[id];
    findings.push({ severity: 'warning', code: 'TWINE_UNREACHABLE_PASSAGE', line: passages.find((p) => p.name === name)?.line, passage: name, message: 'no link leads here from the start passage; not imported' });
  }
}
