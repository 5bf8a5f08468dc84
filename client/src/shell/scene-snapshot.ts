import type { StoryState } from '../../../rooms/story/StoryState';
import type { SceneSnapshot } from '../player/player-contract';

/** Something with forEach, like a MapSchema on the client. */
interface Entries<V> {
  forEach(callback: (value: V, key: string) => void): void;
}

/**
 * A plain copy of the room state for the player: ArraySchema → arrays, MapSchema → records.
 * Copied, never shared: the schema objects mutate in place on the next patch.
 */
export function toSceneSnapshot(state: StoryState): SceneSnapshot {
  return {
    storyId: state.storyId,
    chapterId: state.chapterId,
    chapterNumber: state.chapterNumber,
    chapterTitle: state.chapterTitle,
    sceneId: state.sceneId,
    step: state.step ?? 0,
    status: state.status,
    background: state.background,
    music: state.music,
    timeline: Array.from(state.timeline ?? [], (line) => ({ kind: line.kind, character: line.character, text: line.text, mood: line.mood, position: line.position })),
    prompt: state.prompt,
    choices: Array.from(state.choices ?? [], (choice) => ({ id: choice.id, text: choice.text, cost: choice.cost, locked: choice.locked, lockReason: choice.lockReason })),
    flags: toRecord<boolean>(state.flags),
    relationships: toRecord<number>(state.relationships),
    endingTitle: state.endingTitle,
    endingText: state.endingText,
    nextChapterId: state.nextChapterId,
    keys: state.keys,
    keysCap: state.keysCap,
    nextKeyAt: state.nextKeyAt,
    diamonds: state.diamonds,
  };
}

function toRecord<V>(map: Entries<V> | undefined): Record<string, V> {
  const record: Record<string, V> = {};
  map?.forEach((value, key) => {
    record[key] = value;
  });
  return record;
}
