import { describe, expect, it } from 'vitest';
import type { CampaignRoomDeps } from '../campaign/campaign-room-deps';
import { campaignRoom } from '../campaign/CampaignRoom';
import type { ReadingRoomDeps } from '../reading/reading-room-deps';
import { readingRoom } from '../reading/ReadingRoom';
import { storyRoom, type StoryRoomDeps } from '../story/StoryRoom';

/**
 * Colyseus keeps a room's own properties in a hash table (its `__init` turns four of them into
 * accessors), and the table doubles once it passes 42 entries: each field of ours is one more entry
 * for every story session (load-tests/RESULTS.md, session 27: 1.5 KiB a session when it doubled),
 * and a message table per room cost another 0.7 KiB. What is the same for every room of a kind
 * lives on its prototype instead.
 */
describe('configuredRoom', () => {
  const kinds = [
    ['story', storyRoom({} as StoryRoomDeps)],
    ['reading', readingRoom({} as ReadingRoomDeps)],
    ['campaign', campaignRoom({} as CampaignRoomDeps)],
  ] as const;

  it.each(kinds)('gives every %s room its services, settings and message table from the prototype, not as fields of its own', (kind, RoomClass) => {
    const room = new RoomClass() as unknown as Record<'deps' | 'settings' | 'messages', unknown> & { settings: { kind: string } };
    const other = new RoomClass() as unknown as typeof room;
    expect(room.settings.kind).toBe(kind);
    for (const shared of ['deps', 'settings', 'messages'] as const) {
      expect(room[shared]).toBe(other[shared]);
      expect(Object.hasOwn(room, shared)).toBe(false);
    }
    expect(Object.keys(room.messages as object).length).toBeGreaterThan(0);
  });
});
