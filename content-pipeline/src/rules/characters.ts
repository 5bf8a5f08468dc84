import type { ChapterSource, StoryManifest } from '../bundle-schema';
import { makeProblem, type ContentProblem } from '../content-problem';

// A story that declares `characters` opts in to checked speaker names: a typo in a name
// would otherwise show up as a nameless, colourless speaker. Without the declaration any
// speaker is accepted (the seed chapter format has none).
export function checkCharacters(manifest: StoryManifest, chapter: { file: string; source: ChapterSource }): ContentProblem[] {
  const characters = manifest.characters;
  if (characters === undefined) return [];
  const problems: ContentProblem[] = [];
  const reported = new Set<string>();
  const once = (key: string): boolean => {
    if (reported.has(key)) return false;
    reported.add(key);
    return true;
  };

  for (const [sceneId, scene] of Object.entries(chapter.source.scenes)) {
    for (const step of scene.timeline) {
      const character = Object.hasOwn(characters, step.character) ? characters[step.character] : undefined;
      if (character === undefined) {
        if (once(`${sceneId}\0${step.character}`)) {
          const reason = `speaker "${step.character}" is not one of the story's characters (${Object.keys(characters).join(', ') || 'none declared'})`;
          problems.push(makeProblem({ code: 'UNDEFINED_CHARACTER', file: chapter.file, sceneId, reason }));
        }
        continue;
      }
      // A mood without a sprite still plays (the default art shows), so it is only a warning.
      if (step.mood !== undefined && character.sprites?.[step.mood] === undefined && once(`${sceneId}\0${step.character}\0${step.mood}`)) {
        const reason = `mood "${step.mood}" of "${step.character}" has no sprite in story.json; the default art will show`;
        problems.push(makeProblem({ severity: 'warning', code: 'UNKNOWN_MOOD', file: chapter.file, sceneId, reason }));
      }
    }
  }
  return problems;
}
