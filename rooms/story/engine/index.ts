// The story engine: pure rules of play, no Colyseus, no database.
export type { Condition, OptionEffects, PlayableChapter, PlayableOption, PlayableScene, PlayableStep } from './playable-chapter';
export type { ChoiceRecord, Refusal, SceneStatus, StoryProgress } from './story-progress';
export { conditionHolds, lockReason } from './conditions';
export { statusOf, viewScene, type ChoiceView, type SceneView } from './scene-view';
export { resumeChapter, startChapter } from './chapter-start';
export { applyAction, type ActionOutcome, type StoryAction } from './apply-action';
export { chooseChapter, placeInChapter } from './chapter-choice';
export { rulesFor, SceneChapterRules, type AnyChapter, type ChapterRules } from './chapter-rules';
export { isInkChapter, type InkChapter } from './ink/ink-chapter';
export { asksForName, checkPlayerName, nameCharacter, offeredOutfits, playerNameOf, wearOutfit, withPlayerName, type Wearing } from './wardrobe';
