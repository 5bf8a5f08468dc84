// Public API of the content pipeline: the story bundle format, the linter, the loader and the
// builder. Nothing here imports the rest of the repo; everything else may import this.
export {
  storyManifestSchema,
  chapterSourceSchema,
  characterDefSchema,
  sceneSourceSchema,
  sceneEndingSchema,
  choiceSourceSchema,
  optionSourceSchema,
  optionEffectsSchema,
  conditionSchema,
  flagConditionSchema,
  relationshipConditionSchema,
  timelineStepSchema,
  dialogueStepSchema,
  narrationStepSchema,
  showStepSchema,
  hideStepSchema,
  isFlagCondition,
  STORY_ID_PATTERN,
  COLOR_PATTERN,
  STAGE_POSITIONS,
  MAX_OPTION_COST,
} from './src/bundle-schema';
export type {
  StoryManifest,
  CharacterDef,
  ChapterSource,
  SceneSource,
  SceneEnding,
  ChoiceSource,
  OptionSource,
  OptionEffects,
  Condition,
  FlagCondition,
  RelationshipCondition,
  TimelineStep,
  DialogueStep,
  NarrationStep,
  ShowStep,
  HideStep,
  StagePosition,
} from './src/bundle-schema';
export type { ContentProblem } from './src/content-problem';
export { problemReason } from './src/content-problem';
export { checkAssetPath } from './src/asset-path';
export type { AssetPathVerdict } from './src/asset-path';
export { loadContentDir } from './src/load-content';
export { worldManifestSchema, WORLD_ID_PATTERN } from './src/world/world-schema';
export type { WorldManifest, WorldLocation, WorldCharacter, WorldQuest, WorldItem, LoreEntry } from './src/world/world-schema';
export { lintWorld, readWorldFolder, loadWorldsDir } from './src/world/load-world';
export type { LoadedWorld } from './src/world/load-world';
export type { ContentLoadResult, LoadedStory, LoadedChapter, ChapterBundle, InkChapterBundle, AnyChapterBundle } from './src/load-content';
export { buildChapterBundle } from './src/chapter-bundle';
export { buildContent } from './src/build-bundles';
export type { BuildReport, BuiltFile, ContentManifest, ManifestStory, ManifestChapter } from './src/build-bundles';
export { canonicalJson, sha256Hex } from './src/canonical-json';
export { lintStory } from './src/lint';
export type { LintStoryInput } from './src/lint';
export { parseJsonDocument, UnparsableJson } from './src/json-document';
export { importerFor } from './src/import/importers';
export type { ImportProblem } from './src/import/story-importer';
export { analyzeInk } from './src/ink/analyze-ink';
export { buildInkChapterBundles } from './src/ink/ink-chapter-bundle';
