import type { ChapterSource } from '../bundle-schema';
import { makeProblem, type ContentProblem } from '../content-problem';
import { listParagraphIds } from '../paragraph-ids';

// A paragraph id names one line of the chapter: readers' reactions and comments hang on it. An
// authored id used twice (or equal to another line's derived `<sceneId>.<index>`) would merge two
// paragraphs' threads.
export function checkParagraphIds({ file, source }: { file: string; source: ChapterSource }): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const firstUse = new Map<string, string>();
  for (const line of listParagraphIds(source)) {
    const where = `${line.sceneId} line ${line.index + 1}`;
    const earlier = firstUse.get(line.id);
    if (earlier !== undefined) {
      problems.push(makeProblem({ code: 'DUPLICATE_PARAGRAPH_ID', file, sceneId: line.sceneId, reason: `paragraph id "${line.id}" (${where}) is already the id of ${earlier}; paragraph ids are unique within a chapter` }));
    } else firstUse.set(line.id, where);
  }
  return problems;
}
