import type { AnyChapterBundle, ChapterBundle } from '../../../content-pipeline';
import type { ChoiceRecord } from '../../../api/index';

/** Flags and relationships: what the chapter-end card compares. */
export interface Standing {
  flags: Record<string, boolean>;
  relationships: Record<string, number>;
}

export interface ChapterChange {
  text: string;
  /** `up`/`down` for a relationship, `flag` for something that happened. */
  tone: 'up' | 'down' | 'flag';
}

/**
 * "Mags +2", "You found the logbook": what changed between the chapter's start and its end. A flag
 * is told only in the words its writer gave it (story.json `flags`); an unlabeled one is not told.
 */
export function chapterChanges(before: Standing, after: Standing, bundle: Pick<ChapterBundle, 'characters' | 'flagLabels'> | null): ChapterChange[] {
  const changes: ChapterChange[] = [];
  for (const [character, value] of Object.entries(after.relationships)) {
    const delta = value - (before.relationships[character] ?? 0);
    if (delta === 0) continue;
    const name = bundle?.characters[character]?.displayName ?? character;
    changes.push({ text: `${name} ${delta > 0 ? '+' : '−'}${Math.abs(delta)}`, tone: delta > 0 ? 'up' : 'down' });
  }
  const labels = bundle?.flagLabels ?? {};
  for (const [flag, set] of Object.entries(after.flags)) {
    const label = Object.hasOwn(labels, flag) ? labels[flag] : undefined;
    if (set && before.flags[flag] !== true && label) changes.push({ text: label, tone: 'flag' });
  }
  return changes;
}

/**
 * The standing at the chapter's start, worked back from the end when the session did not see the
 * start (the reader reloaded mid-chapter): the effects of this chapter's choices are undone.
 */
export function standingAtStart(end: Standing, bundle: AnyChapterBundle, history: ChoiceRecord[]): Standing {
  // An ink chapter's choices change ink variables the bundle cannot undo: the standing stays as seen.
  if (bundle.format === 'ink') return { flags: { ...end.flags }, relationships: { ...end.relationships } };
  const flags = { ...end.flags };
  const relationships = { ...end.relationships };
  for (const record of choicesOfLatestVisit(history, bundle.id)) {
    const option = bundle.scenes[record.sceneId]?.choice?.options.find((o) => o.id === record.choiceId);
    if (!option) continue;
    if (option.flag) delete flags[option.flag];
    for (const [flag, value] of Object.entries(option.effects?.flags ?? {})) if (value) delete flags[flag];
    for (const [character, delta] of Object.entries(option.effects?.relationships ?? {})) {
      relationships[character] = (relationships[character] ?? 0) - delta;
    }
  }
  return { flags, relationships };
}

/** The choices made in the chapter's latest playthrough: the trailing run of history in it. */
export function choicesOfLatestVisit(history: ChoiceRecord[], chapterId: string): ChoiceRecord[] {
  let start = history.length;
  while (start > 0 && history[start - 1]?.chapterId === chapterId) start--;
  return history.slice(start);
}
