import type { ChapterSource, SceneSource } from './bundle-schema';

// Every timeline line of a built chapter has a stable id, so a reader's reaction or comment stays
// on its paragraph across republishes: the line's authored `id`, else `<sceneId>.<index>`.

/** The id of the line at `index` of scene `sceneId`: its authored `id`, else derived from its place. */
export function paragraphId(sceneId: string, index: number, authored: string | undefined): string {
  return authored ?? `${sceneId}.${index}`;
}

/** Every line of the chapter in scene order, with the id it gets in the bundle. */
export function listParagraphIds(source: Pick<ChapterSource, 'scenes'>): { sceneId: string; index: number; id: string; authored: boolean }[] {
  const lines: { sceneId: string; index: number; id: string; authored: boolean }[] = [];
  for (const [sceneId, scene] of Object.entries(source.scenes)) {
    scene.timeline.forEach((step, index) => lines.push({ sceneId, index, id: paragraphId(sceneId, index, step.id), authored: step.id !== undefined }));
  }
  return lines;
}

/** The scene with every timeline line carrying its id (the build's copy; the source is not changed). */
export function withParagraphIds(sceneId: string, scene: SceneSource): SceneSource & { timeline: (SceneSource['timeline'][number] & { id: string })[] } {
  return { ...scene, timeline: scene.timeline.map((step, index) => ({ ...step, id: paragraphId(sceneId, index, step.id) })) };
}
