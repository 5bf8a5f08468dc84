import { describe, expect, it } from 'vitest';
import { campaignRoom, type CampaignRoomDeps } from '../campaign/CampaignRoom';
import { readingRoom, type ReadingRoomDeps } from '../reading/ReadingRoom';
import { storyRoom, type StoryRoomDeps } from '../story/StoryRoom';

/**
 * Colyseus keeps a room's own properties in a hash table (its `__init` turns four of them into
 * accessors), and the table doubles once it passes 42 entries: each field of ours is one more entry
 * for every story session (load-tests/RESULTS.md, session 27: 1.5 KiB a session when it doubled).
 * What is the same for every room of a kind lives on its prototype instead.
 */
describe('configuredRoom', () => {
  const kinds = [
    ['story', storyRoom({} as StoryRoomDeps)],
    ['reading', readingRoom({} as ReadingRoomDeps)],
    ['campaign', campaignRoom({} as CampaignRoomDeps)],
  ] as const;

  it.each(kinds)('gives every %s room its services and settings from the prototype, not as fields of its own', (kind, RoomClass) => {
    const room = new RoomClass() as unknown as { deps: unknown; settings: { kind: string } };
    const other = new RoomClass() as unknown as typeof room;
    expect(room.settings.kind).toBe(kind);
    expect(room.deps).toBe(other.deps);
    expect(room.settings).toBe(other.settings);
    expect(Object.hasOwn(room, 'deps')).toBe(false);
    expect(Object.hasOwn(room, 'settings')).toBe(false);
  });
});
