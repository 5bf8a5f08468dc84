import type { ChapterSource } from '../bundle-schema';
import { makeProblem, type ContentProblem } from '../content-problem';
import { sceneLinks } from '../scene-links';

// Each scene must leave in exactly one clear way: continue (nextSceneId), ask (choice) or
// end. Anything else leaves a player stuck or makes the engine guess.
export function checkSceneExits({ file, source }: { file: string; source: ChapterSource }): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const add = (code: string, sceneId: string, reason: string): void => {
    problems.push(makeProblem({ code, file, sceneId, reason }));
  };

  for (const [sceneId, scene] of Object.entries(source.scenes)) {
    const continues = scene.nextSceneId !== undefined;
    const asks = scene.choice !== undefined;
    const ends = scene.end === true;

    if (!continues && !asks && !ends) add('DEAD_END', sceneId, 'has no nextSceneId, no choice and is not marked "end": true, so the player would be stuck');
    if (ends && (continues || asks)) add('AMBIGUOUS_END', sceneId, `is marked "end": true but also has ${continues ? 'a nextSceneId' : 'a choice'}; keep one`);
    if (continues && asks) add('AMBIGUOUS_NEXT', sceneId, 'has both a nextSceneId and a choice; a scene either continues or asks');
    // An ending names how the chapter ended; on a scene the player passes through it would
    // announce an ending that did not happen.
    if (scene.ending !== undefined && !ends) add('MISPLACED_ENDING', sceneId, 'has an "ending" but is not marked "end": true; only an end scene can name an ending');

    const options = scene.choice?.options;
    if (options !== undefined && options.length === 0) add('EMPTY_CHOICE', sceneId, 'has a choice with no options');
    const seen = new Set<string>();
    for (const option of options ?? []) {
      if (seen.has(option.id)) add('DUPLICATE_OPTION_ID', sceneId, `option id "${option.id}" is used more than once in the choice`);
      seen.add(option.id);
    }

    for (const link of sceneLinks(scene)) {
      if (!Object.hasOwn(source.scenes, link.target)) {
        add('DANGLING_NEXT_SCENE', sceneId, `${link.via} points to "${link.target}", which is not a scene in this chapter`);
      }
    }
  }
  return problems;
}
