/**
 * A spare room for room kinds that fill in bursts (a chapter's release brings ~150 readers a second
 * into rooms of 100). When no room matches with a free seat, Colyseus' joinOrCreate lets one request
 * create the next room and has every other wait for it to be announced; a request arriving while the
 * last ones still finish waits for an announcement that never comes — up to 0.5 s + 0.2 s per waiter
 * (1.1 s) — so a join storm put a tenth of its joins 1.1 s late; and when the new room is slow to
 * open (a saturated machine), every waiter gives up at once and opens a room of its own (54 rooms in
 * one second on release day, for a few hundred readers). A room past half full makes sure the other
 * matching rooms have `SPARE_HEADROOM_ROOMS` rooms' worth of free seats, opening what is missing, so
 * joins find a seat without waiting. Define the kind with `sortBy({ clients: -1 })` so joins fill the
 * fullest room first and the spares wait for the next burst (an empty spare closes by itself after
 * Colyseus' seat reservation time).
 */
import { matchMaker } from '@colyseus/core';

/** A filling room looks for a spare at most this often. */
export const SPARE_CHECK_EVERY_MS = 1_000;

/**
 * Free seats kept in other rooms, in rooms' worth: a release's ~170 joins a second take a room of 100
 * in 0.6 s, so one spare could be full before the next look; two cover a look's second.
 */
export const SPARE_HEADROOM_ROOMS = 2;

/** How many rooms to open so that other rooms hold the headroom, given their free seats. */
export function sparesToOpen(freeSeatsElsewhere: number, maxClients: number): number {
  return Math.max(0, Math.ceil((SPARE_HEADROOM_ROOMS * maxClients - freeSeatsElsewhere) / maxClients));
}

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

/** One room's keeper of the spares: told of each join, it opens spares when the headroom runs low. */
export class SpareRoom {
  private nextLookAt = 0;
  private looking = false;

  constructor(private readonly settings: SpareRoomSettings) {}

  joined(roomId: string, seatsTaken: number, maxClients: number, now: number): void {
    if (this.looking || !shouldLookForSpare(seatsTaken, maxClients, now, this.nextLookAt)) return;
    this.nextLookAt = now + SPARE_CHECK_EVERY_MS;
    this.looking = true;
    this.openWhatIsMissing(roomId, maxClients)
      .catch((error: unknown) => this.settings.onError(error))
      .finally(() => {
        this.looking = false;
      });
  }

  private async openWhatIsMissing(roomId: string, maxClients: number): Promise<void> {
    const { roomName, match, createOptions } = this.settings;
    const open = await matchMaker.query({ name: roomName, locked: false, private: false, ...match });
    const freeSeats = open.filter((room) => room.roomId !== roomId).reduce((seats, room) => seats + Math.max(0, room.maxClients - room.clients), 0);
    const missing = sparesToOpen(freeSeats, maxClients);
    await Promise.all(Array.from({ length: missing }, () => matchMaker.createRoom(roomName, createOptions)));
  }
}
