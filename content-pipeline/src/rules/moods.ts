import type { ChapterSource, StoryManifest } from '../bundle-schema';
import { listCharacterReferences } from '../character-references';
import { makeProblem, type ContentProblem } from '../content-problem';

// A mood picks one of the character's sprites. When the character has sprites, a mood that is
// not among them is almost always a typo (the wrong face would show), so it is an error. A
// character with no sprites at all is drawn without art whatever its mood, so there the mood
// is only a warning: it does no harm, and the art may simply not be drawn yet.

export function checkDefaultMoods(manifestFile: string, manifest: StoryManifest): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const [name, character] of Object.entries(manifest.characters ?? {})) {
    const mood = character.defaultMood;
    if (mood === undefined || Object.hasOwn(character.sprites ?? {}, mood)) continue;
    const reason = `defaultMood "${mood}" of character "${name}" is not one of its sprites (${Object.keys(character.sprites ?? {}).join(', ') || 'it has none'})`;
    problems.push(makeProblem({ code: 'UNKNOWN_DEFAULT_MOOD', file: manifestFile, reason }));
  }
  return problems;
}

/** Undefined characters are left to rules/characters.ts. */
export function checkMoods(manifest: StoryManifest, chapter: { file: string; source: ChapterSource }): ContentProblem[] {
  const characters = manifest.characters;
  if (characters === undefined) return [];
  const problems: ContentProblem[] = [];
  const reported = new Set<string>();

  for (const { name, sceneId, via, mood } of listCharacterReferences(chapter.source)) {
    const character = Object.hasOwn(characters, name) ? characters[name] : undefined;
    if (mood === undefined || character === undefined || Object.hasOwn(character.sprites ?? {}, mood)) continue;
    const key = `${sceneId}\0${name}\0${mood}`;
    if (reported.has(key)) continue;
    reported.add(key);
    const moods = Object.keys(character.sprites ?? {});
    problems.push(
      moods.length === 0
        ? makeProblem({ severity: 'warning', code: 'UNKNOWN_MOOD', file: chapter.file, sceneId, reason: `${via} "${name}" with mood "${mood}", but "${name}" has no sprites in story.json, so no art will show` })
        : makeProblem({ code: 'UNKNOWN_MOOD', file: chapter.file, sceneId, reason: `${via} "${name}" with mood "${mood}", which is not one of its sprites (${moods.join(', ')})` }),
    );
  }
  return problems;
}
