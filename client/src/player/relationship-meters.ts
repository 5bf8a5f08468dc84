import type { AnyChapterBundle, ChapterBundle } from '../../../content-pipeline';
import type { Meter } from './pause-menu-view';

/**
 * The story's characters the reader has a relationship with: those this chapter's choices raise,
 * lower or test, and any already moved — by display name, in the order the chapter meets them.
 */
export function relationshipMeters(bundle: Pick<ChapterBundle, 'characters'> & Partial<Pick<ChapterBundle, 'scenes'>> | AnyChapterBundle, relationships: Record<string, number>): Meter[] {
  const ids = new Set<string>();
  // An ink chapter carries no scenes: then only the standing counts.
  const scenes: ChapterBundle['scenes'] = 'scenes' in bundle && bundle.scenes !== undefined ? bundle.scenes : {};
  for (const scene of Object.values(scenes)) {
    for (const option of scene.choice?.options ?? []) {
      for (const id of Object.keys(option.effects?.relationships ?? {})) ids.add(id);
      for (const condition of option.requires ?? []) if ('relationship' in condition) ids.add(condition.relationship);
    }
  }
  for (const id of Object.keys(relationships)) ids.add(id);
  return [...ids].map((id) => ({ name: bundle.characters[id]?.displayName || id, value: relationships[id] ?? 0 }));
}
