import type { ChapterSource } from './bundle-schema';
import { listOptions } from './located-options';

// Every place a chapter names a character. The linter checks each one against story.json, and
// the bundle carries exactly these characters, so a client can render every step and show
// every relationship of the chapter without the rest of the story.

export type CharacterReference = {
  name: string;
  sceneId: string;
  /** For messages, the words before the quoted name, e.g. `a line is spoken by` ("Wren"). */
  via: string;
  /** Only dialogue and show steps carry a mood. */
  mood?: string;
};

export function listCharacterReferences(source: ChapterSource): CharacterReference[] {
  const refs: CharacterReference[] = [];
  for (const [sceneId, scene] of Object.entries(source.scenes)) {
    for (const step of scene.timeline) {
      if (step.type === 'narration') continue;
      const via = step.type === 'dialogue' ? 'a line is spoken by' : step.type === 'show' ? 'a show step puts on stage' : 'a hide step takes off stage';
      const mood = step.type === 'hide' ? undefined : step.mood;
      refs.push({ name: step.character, sceneId, via, ...(mood === undefined ? {} : { mood }) });
    }
  }
  for (const { sceneId, option } of listOptions(source)) {
    for (const name of Object.keys(option.effects?.relationships ?? {})) {
      refs.push({ name, sceneId, via: `option "${option.id}" changes the relationship with` });
    }
    for (const condition of option.requires ?? []) {
      if ('relationship' in condition) refs.push({ name: condition.relationship, sceneId, via: `option "${option.id}" requires a relationship with` });
    }
  }
  return refs;
}
