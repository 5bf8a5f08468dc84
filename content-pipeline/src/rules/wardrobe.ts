import type { ChapterSource, StoryManifest } from '../bundle-schema';
import { makeProblem, type ContentProblem } from '../content-problem';

// A name and a wardrobe: a scene that asks for a name needs a protagonist who may be named, a
// wardrobe scene needs outfits, outfit ids are unique, and `{name}` needs a protagonist to stand for.

const NAME_TOKEN = '{name}';

export function checkWardrobe(manifestFile: string, manifest: StoryManifest, chapters: readonly { file: string; source: ChapterSource }[]): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const seen = new Set<string>();
  for (const outfit of manifest.outfits ?? []) {
    if (seen.has(outfit.id)) problems.push(makeProblem({ code: 'DUPLICATE_OUTFIT_ID', file: manifestFile, reason: `two outfits have the id "${outfit.id}"` }));
    seen.add(outfit.id);
  }
  for (const { file, source } of chapters) {
    for (const [sceneId, scene] of Object.entries(source.scenes)) {
      if (scene.nameEntry === true && manifest.protagonist?.nameable !== true)
        problems.push(makeProblem({ code: 'NAME_ENTRY_NOT_NAMEABLE', file, sceneId, reason: 'the scene asks for a name ("nameEntry"), but story.json has no "protagonist" with "nameable": true' }));
      if (scene.wardrobe === true && (manifest.outfits?.length ?? 0) === 0)
        problems.push(makeProblem({ code: 'WARDROBE_WITHOUT_OUTFITS', file, sceneId, reason: 'the scene offers the wardrobe ("wardrobe"), but story.json lists no "outfits"' }));
      const named = scene.timeline.some((step) => 'text' in step && typeof step.text === 'string' && step.text.includes(NAME_TOKEN));
      if (named && manifest.protagonist === undefined)
        problems.push(makeProblem({ severity: 'warning', code: 'NAME_WITHOUT_PROTAGONIST', file, sceneId, reason: 'the text uses {name}, but story.json has no "protagonist", so players would read "{name}" as written' }));
    }
  }
  return problems;
}
