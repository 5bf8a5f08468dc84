/**
 * A spare room for room kinds that fill in bursts (a chapter's release brings ~150 readers a second
 * into rooms of 100). When no room matches with a free seat, Colyseus' joinOrCreate lets one request
 * create the next room and has every other wait for it to be announced; a request arriving while the
 * last ones still finish waits for an announcement that never comes — up to 0.5 s + 0.2 s per waiter
 * (1.1 s) — so a join storm put a tenth of its joins 1.1 s late. A room past half full makes sure
 * another matching room has free seats, so joins find one without waiting. Define the kind with
 * `sortBy({ clients: -1 })` so joins fill the fullest room first and the spare waits for the next
 * burst (an empty spare closes by itself after Colyseus' seat reservation time).
 */
import { matchMaker } from '@colyseus/core';

/** A filling room looks for a spare at most this often. */
export const SPARE_CHECK_EVERY_MS = 1_000;

/** Whether a room with `seatsTaken` (joined and reserved) of `maxClients` should look for a spare at `now`. */
export function shouldLookForSpare(seatsTaken: number, maxClients: number, now: number, nextLookAt: number): boolean {
  return Number.isFinite(maxClients) && now >= nextLookAt && seatsTaken * 2 >= maxClients;
}

export interface SpareRoomSettings {
  roomName: string;
  /** The listing fields a join must match (the kind's filterBy), e.g. `{ chapterId }`. */
  match: Record<string, string>;
  /** What the spare is created with (as a client's joinOrCreate options would be). */
  createOptions: Record<string, unknown>;
  onError(error: unknown): void;
}

/** One room's keeper of the spare: told of each join, it opens a spare when none is left. */
export class SpareRoom {
  private nextLookAt = 0;
  private looking = false;

  constructor(private readonly settings: SpareRoomSettings) {}

  joined(roomId: string, seatsTaken: number, maxClients: number, now: number): void {
    if (this.looking || !shouldLookForSpare(seatsTaken, maxClients, now, this.nextLookAt)) return;
    this.nextLookAt = now + SPARE_CHECK_EVERY_MS;
    this.looking = true;
    this.openUnlessAny(roomId)
      .catch((error: unknown) => this.settings.onError(error))
      .finally(() => {
        this.looking = false;
      });
  }

  private async openUnlessAny(roomId: string): Promise<void> {
    const { roomName, match, createOptions } = this.settings;
    const free = await matchMaker.query({ name: roomName, locked: false, private: false, ...match });
    if (free.some((room) => room.roomId !== roomId)) return;
    await matchMaker.createRoom(roomName, createOptions);
  }
}
