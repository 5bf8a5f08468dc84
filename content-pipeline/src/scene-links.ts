import type { ChapterSource, SceneSource } from './bundle-schema';

// The two facts every graph rule needs: where a chapter starts and where a scene can lead.

export type SceneLink = { target: string; /** for messages: "nextSceneId" or `option "x"` */ via: string };

export function sceneLinks(scene: SceneSource): SceneLink[] {
  const links: SceneLink[] = [];
  if (scene.nextSceneId !== undefined) links.push({ target: scene.nextSceneId, via: 'nextSceneId' });
  for (const option of scene.choice?.options ?? []) links.push({ target: option.nextSceneId, via: `option "${option.id}"` });
  return links;
}

/**
 * startSceneId when given, else the first listed scene. Note: JSON.parse lists integer-like
 * keys ("1", "2") before others, so chapters keyed by numbers should name startSceneId.
 */
export function resolveStartSceneId(chapter: ChapterSource): string | undefined {
  return chapter.startSceneId ?? Object.keys(chapter.scenes)[0];
}
