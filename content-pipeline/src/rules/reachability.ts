import type { ChapterSource } from '../bundle-schema';
import { makeProblem, type ContentProblem } from '../content-problem';
import { resolveStartSceneId, sceneLinks } from '../scene-links';

// Walks the scene graph from the start scene. Unreachable scenes are errors, not warnings:
// they are usually a link someone forgot, and shipping them means shipping a missing branch.
export function checkReachability(
  { file, source }: { file: string; source: ChapterSource },
  // When links are already broken (dangling, dead end…) "cannot reach an end" is just an echo
  // of those errors, so the loop check stays quiet until they are fixed.
  { exitsBroken }: { exitsBroken: boolean },
): ContentProblem[] {
  const scenes = source.scenes;
  const sceneIds = Object.keys(scenes);
  if (sceneIds.length === 0) return [makeProblem({ code: 'NO_SCENES', file, reason: 'the chapter has no scenes' })];

  const startId = resolveStartSceneId(source);
  if (startId === undefined || !Object.hasOwn(scenes, startId)) {
    return [makeProblem({ code: 'MISSING_START_SCENE', file, reason: `startSceneId "${startId}" is not a scene in this chapter` })];
  }

  const successors = new Map(sceneIds.map((id) => [id, linkedScenes(source, id)]));
  const reachable = walk([startId], (id) => successors.get(id) ?? []);
  const problems: ContentProblem[] = [];

  for (const id of sceneIds) {
    if (!reachable.has(id)) problems.push(makeProblem({ code: 'UNREACHABLE_SCENE', file, sceneId: id, reason: `cannot be reached from the start scene "${startId}"` }));
  }

  const endIds = [...reachable].filter((id) => scenes[id]?.end === true);
  if (endIds.length === 0) {
    problems.push(makeProblem({ code: 'NO_REACHABLE_END', file, sceneId: startId, reason: 'no scene marked "end": true can be reached from this start scene' }));
  } else if (!exitsBroken) {
    const predecessors = invert(successors);
    const canFinish = walk(endIds, (id) => predecessors.get(id) ?? []);
    for (const id of reachable) {
      if (!canFinish.has(id)) problems.push(makeProblem({ code: 'ENDLESS_LOOP', file, sceneId: id, reason: 'every path from here loops forever without reaching an end scene' }));
    }
  }
  return problems;
}

function linkedScenes(source: ChapterSource, id: string): string[] {
  const scene = source.scenes[id];
  return scene === undefined ? [] : sceneLinks(scene).map((l) => l.target).filter((t) => Object.hasOwn(source.scenes, t));
}

function walk(from: readonly string[], next: (id: string) => readonly string[]): Set<string> {
  const seen = new Set(from);
  const queue = [...from];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const n of next(id)) {
      if (!seen.has(n)) {
        seen.add(n);
        queue.push(n);
      }
    }
  }
  return seen;
}

function invert(graph: ReadonlyMap<string, readonly string[]>): Map<string, string[]> {
  const inverted = new Map<string, string[]>();
  for (const [from, targets] of graph) for (const to of targets) inverted.set(to, [...(inverted.get(to) ?? []), from]);
  return inverted;
}
