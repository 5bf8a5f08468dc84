import { ServerError, type Client, type Deferred } from '@colyseus/core';
import { CharacterSheetState } from './CampaignState';
import type { SeatView } from './render-state';
import type { CommandTarget } from './rules/commands';
import { partyOf, playerOf, type CampaignEvent, type CampaignModel } from './rules/model';

export interface Presence {
  typing: boolean;
  ready: boolean;
}

/**
 * Who sits where at the table: each seat (a Colyseus client's sessionId) holds one player (an
 * account id), connected or waiting for a reconnection, with its presence. Character sheets are
 * kept per player, so a client's StateView keeps holding the same instance over reconnects.
 */
export class CampaignSeats {
  private readonly players = new Map<string, string>();
  private readonly connected = new Set<string>();
  private readonly reconnections = new Map<string, Deferred<Client>>();
  private readonly presence = new Map<string, Presence>();
  private readonly sheets = new Map<string, CharacterSheetState>();

  /** `forkHosts`: who may take up a fork (its first joiner becomes the host), or null for any campaign. */
  constructor(private readonly forkHosts: ReadonlySet<string> | null) {}

  /**
   * The join checks, throwing the refusal: a kicked player stays out, a second window is refused
   * (a reload while the old socket waits for reconnection takes the seat over), a fork is the
   * host's, and a full table has no room for a newcomer.
   */
  admit(model: CampaignModel, userId: string, hostUnclaimed: boolean): void {
    if (model.kicked.includes(userId)) throw new ServerError(403, 'KICKED: the host removed you from this campaign');
    for (const [seat, playerId] of this.players) {
      if (playerId !== userId) continue;
      const waiting = this.reconnections.get(seat);
      if (!waiting) throw new ServerError(409, 'ALREADY_JOINED: you are already in this campaign in another window');
      this.reconnections.delete(seat);
      this.leave(seat);
      waiting.reject(new Error('replaced by a new session'));
    }
    if (hostUnclaimed && this.forkHosts && !this.forkHosts.has(userId)) throw new ServerError(403, 'NOT_HOST: only the host of a campaign can fork it');
    const player = playerOf(model, userId);
    if (!player?.inParty && partyOf(model).length >= model.seats) throw new ServerError(403, `CAMPAIGN_FULL: all ${model.seats} seats are taken`);
  }

  /**
   * The events an admitted player's arrival commits: joining the party under a name unique at the
   * table, and the host role when no host has a seat in the room (a resumed or forked campaign).
   */
  arrivalEvents(model: CampaignModel, userId: string, wantedName: string | undefined, character?: string | null): CampaignEvent[] {
    const events: CampaignEvent[] = [];
    const player = playerOf(model, userId);
    if (!player?.inParty) {
      const name = uniqueName(model, userId, wantedName ?? player?.name ?? `Player ${model.players.length + 1}`);
      events.push({ type: 'joined', playerId: userId, name, ...(character ? { character } : {}) });
    }
    // Joining sets a campaign without a host to this player (see the 'joined' event).
    const host = player?.inParty ? model.hostId : (model.hostId ?? userId);
    if (host !== userId && (host === null || this.seatOf(host) === undefined)) events.push({ type: 'host', playerId: userId });
    return events;
  }

  sit(seat: string, playerId: string): void {
    this.players.set(seat, playerId);
    this.connected.add(seat);
    this.presence.set(seat, { typing: false, ready: false });
  }

  /**
   * Holds a disconnected seat for its player while `waiting` for them to come back: true when they
   * did, false when the window closed or was cancelled (kicked, or a reload took the seat over).
   */
  async holdUntilBack(seat: string, waiting: Deferred<Client>): Promise<boolean> {
    this.reconnections.set(seat, waiting);
    try {
      await waiting;
      this.connected.add(seat);
      this.presence.set(seat, { typing: false, ready: false });
      return true;
    } catch {
      return false;
    } finally {
      this.reconnections.delete(seat);
    }
  }

  /** Takes a kicked player's seat away, connected or waiting for them; returns the seat it was. */
  evict(playerId: string): string | undefined {
    const seat = this.seatOf(playerId);
    if (seat === undefined) return undefined;
    this.leave(seat);
    this.reconnections.get(seat)?.reject(new Error('kicked'));
    return seat;
  }

  /** Marks a seat as gone without giving it up yet (the socket closed). */
  disconnect(seat: string): void {
    this.connected.delete(seat);
    this.presence.delete(seat);
  }

  leave(seat: string): void {
    this.players.delete(seat);
    this.connected.delete(seat);
    this.presence.delete(seat);
  }

  playerAt(seat: string): string | undefined {
    return this.players.get(seat);
  }

  seatOf(playerId: string): string | undefined {
    for (const [seat, id] of this.players) if (id === playerId) return seat;
    return undefined;
  }

  /** The seat as a kick or handover target. */
  target(seat: string): CommandTarget | null {
    const playerId = this.players.get(seat);
    return playerId === undefined ? null : { playerId, connected: this.connected.has(seat) };
  }

  /** Seated and connected. */
  isHere(playerId: string): boolean {
    const seat = this.seatOf(playerId);
    return seat !== undefined && this.connected.has(seat);
  }

  /** Seated, but the socket dropped (a player who has not come back since a resume has no seat). */
  hasDropped(playerId: string): boolean {
    const seat = this.seatOf(playerId);
    return seat !== undefined && !this.connected.has(seat);
  }

  /** Changes a connected seat's presence; false when nothing changed. */
  setPresence(seat: string, change: Partial<Presence>): boolean {
    const current = this.presence.get(seat);
    if (!current) return false;
    if (Object.entries(change).every(([key, value]) => current[key as keyof Presence] === value)) return false;
    Object.assign(current, change);
    return true;
  }

  sheetOf(playerId: string): CharacterSheetState {
    let sheet = this.sheets.get(playerId);
    if (!sheet) {
      sheet = new CharacterSheetState();
      this.sheets.set(playerId, sheet);
    }
    return sheet;
  }

  /** What the state renderer needs to know about the seats. */
  view(deadline: number): SeatView {
    return {
      sessions: this.players,
      connected: (seat) => this.connected.has(seat),
      sheetOf: (playerId) => this.sheetOf(playerId),
      presence: (seat) => this.presence.get(seat) ?? { typing: false, ready: false },
      deadline,
    };
  }
}

/** Two players may not share a name at one table: the second "Ann" becomes "Ann (2)". */
export function uniqueName(model: CampaignModel, userId: string, wanted: string): string {
  const taken = new Set(partyOf(model).filter((p) => p.id !== userId).map((p) => p.name));
  if (!taken.has(wanted)) return wanted;
  for (let n = 2; ; n++) if (!taken.has(`${wanted} (${n})`)) return `${wanted} (${n})`;
}
