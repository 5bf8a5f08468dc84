// Public API of the content pipeline: the story bundle format, the linter and the loader.
// Nothing here imports the rest of the repo; everything else may import this.
export {
  storyManifestSchema,
  chapterSourceSchema,
  characterDefSchema,
  sceneSourceSchema,
  choiceSourceSchema,
  optionSourceSchema,
  timelineStepSchema,
  dialogueStepSchema,
  STORY_ID_PATTERN,
  MAX_OPTION_COST,
} from './src/bundle-schema';
export type {
  StoryManifest,
  CharacterDef,
  ChapterSource,
  SceneSource,
  ChoiceSource,
  OptionSource,
  TimelineStep,
  DialogueStep,
} from './src/bundle-schema';
export type { ContentProblem } from './src/content-problem';
export { loadContentDir } from './src/load-content';
export type { ContentLoadResult, LoadedStory, LoadedChapter, ChapterBundle } from './src/load-content';
export { buildChapterBundle } from './src/chapter-bundle';
export { canonicalJson, sha256Hex } from './src/canonical-json';
export { lintStory } from './src/lint';
export type { LintStoryInput } from './src/lint';
export { parseJsonDocument, UnparsableJson } from './src/json-document';
