import type { ChapterSource, OptionSource } from './bundle-schema';

// Option-level rules (characters, conditions, flags) all need each option with the scene it
// lives in, for their messages.

export type LocatedOption = { sceneId: string; option: OptionSource };

export function listOptions(source: ChapterSource): LocatedOption[] {
  return Object.entries(source.scenes).flatMap(([sceneId, scene]) => (scene.choice?.options ?? []).map((option) => ({ sceneId, option })));
}
