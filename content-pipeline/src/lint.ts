import type { ZodType, ZodTypeDef } from 'zod';
import { listAssetReferences } from './asset-references';
import { chapterSourceSchema, storyManifestSchema, type ChapterSource, type StoryManifest } from './bundle-schema';
import { analyzeInk, type InkAnalysis, type InkSourceInput } from './ink/analyze-ink';
import { hasErrors, makeProblem, type ContentProblem } from './content-problem';
import { UnparsableJson } from './json-document';
import { checkAssets } from './rules/assets';
import { checkChapterIdentity } from './rules/chapter-identity';
import { checkCharacters } from './rules/characters';
import { checkGatedChoices } from './rules/gated-choices';
import { checkImpossibleConditions } from './rules/impossible-conditions';
import { checkFlagLabels, checkLockedTexts } from './rules/lock-labels';
import { checkDefaultMoods, checkMoods } from './rules/moods';
import { checkParagraphIds } from './rules/paragraph-ids';
import { checkReachability } from './rules/reachability';
import { checkSceneExits } from './rules/scene-exits';
import { checkStoryStateConditions } from './rules/story-state-conditions';
import { checkWardrobe } from './rules/wardrobe';
import { schemaProblems } from './schema-problems';

// Pure: takes parsed documents and an asset predicate, returns every problem at once so a
// writer can fix a story in one pass. Documents that fail the schema are reported and then
// skipped by the later rules (they cannot be trusted), but the other documents are still checked.

export type LintStoryInput = {
  /** Paths are relative to the content dir and are copied into each problem's `file`. */
  manifestFile: string;
  /** Parsed story.json, or an UnparsableJson marker when it did not parse. */
  manifest: unknown;
  chapters: { file: string; doc: unknown }[];
  /** Asked with a safe path relative to the story folder. */
  assetExists: (relPath: string) => boolean;
  /** An ink story's source (story.json names it with `"source"`); such a story has no chapters/*.json. */
  ink?: InkSourceInput;
};

export type StoryAnalysis = {
  problems: ContentProblem[];
  /** Present when story.json passed the schema. */
  manifest: StoryManifest | undefined;
  /** The chapters that passed the schema, in input order. */
  chapters: { file: string; source: ChapterSource }[];
  /** An ink story that compiled: its compiled JSON, chapters and stage assets. */
  ink?: InkAnalysis;
};

export function lintStory(input: LintStoryInput): ContentProblem[] {
  return analyzeStory(input).problems;
}

/** lintStory plus the parsed documents, so the loader need not parse twice. */
export function analyzeStory(input: LintStoryInput): StoryAnalysis {
  const problems: ContentProblem[] = [];
  const manifest = parseDocument(input.manifestFile, input.manifest, storyManifestSchema, problems);
  if (input.ink !== undefined) return analyzeInkStory(input, input.ink, manifest, problems);
  const chapters: StoryAnalysis['chapters'] = [];
  for (const { file, doc } of input.chapters) {
    const source = parseDocument(file, doc, chapterSourceSchema, problems);
    if (source !== undefined) chapters.push({ file, source });
  }
  if (input.chapters.length === 0) {
    problems.push(makeProblem({ code: 'NO_CHAPTERS', file: input.manifestFile, reason: 'the story has no chapters/*.json files' }));
  }

  problems.push(...checkChapterIdentity(manifest, chapters));
  if (manifest !== undefined) problems.push(...checkDefaultMoods(input.manifestFile, manifest));
  for (const chapter of chapters) {
    const exitProblems = checkSceneExits(chapter);
    problems.push(...exitProblems, ...checkReachability(chapter, { exitsBroken: hasErrors(exitProblems) }));
    problems.push(...checkImpossibleConditions(chapter), ...checkGatedChoices(chapter), ...checkLockedTexts(chapter), ...checkParagraphIds(chapter));
    if (manifest !== undefined) problems.push(...checkCharacters(manifest, chapter), ...checkMoods(manifest, chapter));
  }
  // Flags and relationships span the story: with a chapter unreadable, its setters are unknown
  // and "never set" would be a guess, so the story-wide check waits until every chapter parses.
  if (chapters.length === input.chapters.length) problems.push(...checkStoryStateConditions(chapters));
  if (manifest !== undefined && chapters.length === input.chapters.length) problems.push(...checkFlagLabels(input.manifestFile, manifest, chapters));
  if (manifest !== undefined) problems.push(...checkWardrobe(input.manifestFile, manifest, chapters));
  problems.push(...checkAssets(listAssetReferences(input.manifestFile, manifest, chapters), input.assetExists));
  return { problems, manifest, chapters };
}

function parseDocument<T>(file: string, doc: unknown, schema: ZodType<T, ZodTypeDef, unknown>, problems: ContentProblem[]): T | undefined {
  if (doc instanceof UnparsableJson) {
    problems.push(makeProblem({ code: 'INVALID_JSON', file, reason: `is not valid JSON (${doc.reason})` }));
    return undefined;
  }
  const parsed = schema.safeParse(doc);
  if (parsed.success) return parsed.data;
  problems.push(...schemaProblems(file, doc, parsed.error.issues));
  return undefined;
}

/** An ink story: its source compiled and checked instead of chapters/*.json (FORMAT.md, "Ink stories"). */
function analyzeInkStory(input: LintStoryInput, source: InkSourceInput, manifest: StoryManifest | undefined, problems: ContentProblem[]): StoryAnalysis {
  if (input.chapters.length > 0) {
    problems.push(makeProblem({ code: 'INK_WITH_CHAPTERS', file: input.manifestFile, reason: `an ink story (source "${source.main}") has no chapters/*.json; remove them or the "source"` }));
  }
  if (manifest !== undefined) problems.push(...checkDefaultMoods(input.manifestFile, manifest));
  const { problems: inkProblems, ink } = analyzeInk(source, manifest, input.assetExists);
  problems.push(...inkProblems, ...checkAssets(listAssetReferences(input.manifestFile, manifest, []), input.assetExists));
  return { problems, manifest, chapters: [], ...(ink === undefined ? {} : { ink }) };
}
