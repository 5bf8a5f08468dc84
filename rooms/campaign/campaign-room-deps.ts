import type { KitDeps, RoomKitSettings } from '../shared/kit-room';
import { RECONNECT_SECONDS } from '../shared/reconnect-window';
import type { CampaignLog, CampaignMeter, WorldCatalog } from './campaign-services';
import type { GameMaster } from './game-master/game-master';
import { CAMPAIGN_ROOM } from './protocol';

export interface CampaignTimings {
  /** Seconds a player has for their turn before it passes on. */
  turnSeconds: number;
  /** Seconds a vote stays open before the most-voted choice wins. */
  voteSeconds: number;
  /** Seconds a dropped player's seat waits for them. */
  reconnectSeconds: number;
}

export const DEFAULT_TIMINGS: CampaignTimings = { turnSeconds: 90, voteSeconds: 60, reconnectSeconds: RECONNECT_SECONDS };

/** How every campaign room guards its messages (the room kit's settings). */
export const CAMPAIGN_ROOM_SETTINGS: RoomKitSettings = {
  kind: CAMPAIGN_ROOM,
  budget: { burst: 20, perSecond: 5 },
  capacity: 16,
  busyMessage: 'The table is busy; try again in a moment',
  failureMessage: 'Something went wrong on our side; the campaign is saved up to the last beat',
};

/** The kit's services (auth, logger, optional telemetry) and the campaign's own. */
export interface CampaignRoomDeps extends KitDeps {
  worlds: WorldCatalog;
  log: CampaignLog;
  meter: CampaignMeter;
  /** The game master chain: it validates its providers' output and ends in the offline narrator. */
  gameMaster: GameMaster;
  /** Wall-clock time: chat timestamps and the turn/vote deadline shown to players. */
  clock: { now(): Date };
  /** Uniform in [0, 1): campaign seeds and invite codes. */
  random(): number;
  timings?: Partial<CampaignTimings>;
}
