import { makeProblem, type ContentProblem } from '../content-problem';
import type { StoryAnalysis } from '../lint';

// Story ids and chapter _ids are global addresses (catalog URLs, bundle URLs, saved
// progress). The first story (in folder order) to claim one keeps it; later claimants get
// the error, so one careless copy of a folder cannot take down the original.
export class ContentIdRegistry {
  private readonly storyIds = new Map<string, string>();
  private readonly chapterIds = new Map<string, string>();

  claim(analysis: StoryAnalysis, manifestFile: string): ContentProblem[] {
    const problems: ContentProblem[] = [];
    const storyId = analysis.manifest?.id;
    if (storyId !== undefined) {
      const owner = this.storyIds.get(storyId);
      if (owner !== undefined) problems.push(makeProblem({ code: 'DUPLICATE_STORY_ID', file: manifestFile, reason: `story id "${storyId}" is already used by ${owner}` }));
      else this.storyIds.set(storyId, manifestFile);
    }
    const claimedHere = new Set<string>();
    for (const { file, source } of analysis.chapters) {
      const owner = this.chapterIds.get(source._id);
      // Duplicates inside one story were already reported by the linter.
      if (owner !== undefined && !claimedHere.has(source._id)) {
        problems.push(makeProblem({ code: 'DUPLICATE_CHAPTER_ID', file, reason: `_id "${source._id}" is already used by ${owner}` }));
      } else if (owner === undefined) {
        this.chapterIds.set(source._id, file);
        claimedHere.add(source._id);
      }
    }
    return problems;
  }
}
