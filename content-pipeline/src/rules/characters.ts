import type { ChapterSource, StoryManifest } from '../bundle-schema';
import { listCharacterReferences } from '../character-references';
import { makeProblem, type ContentProblem } from '../content-problem';

// A story that declares `characters` opts in to checked names: a typo in a name would otherwise
// show up as a nameless, colourless speaker, a sprite that never appears, or a relationship
// nobody can see. Without the declaration any name is accepted (the seed chapter format has none).
export function checkCharacters(manifest: StoryManifest, chapter: { file: string; source: ChapterSource }): ContentProblem[] {
  const characters = manifest.characters;
  if (characters === undefined) return [];
  const problems: ContentProblem[] = [];
  const reported = new Set<string>();

  for (const ref of listCharacterReferences(chapter.source)) {
    const key = `${ref.sceneId}\0${ref.name}`;
    if (Object.hasOwn(characters, ref.name) || reported.has(key)) continue;
    reported.add(key);
    const reason = `${ref.via} "${ref.name}", which is not one of the story's characters (${Object.keys(characters).join(', ') || 'none declared'})`;
    problems.push(makeProblem({ code: 'UNDEFINED_CHARACTER', file: chapter.file, sceneId: ref.sceneId, reason }));
  }
  return problems;
}
