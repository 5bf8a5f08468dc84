/** One campaign the player joined, as the lobby's "My campaigns" lists it. */
export interface MyCampaign {
  /** The invite code: join it (or resume it, as its host) with this. */
  code: string;
  worldId: string;
  mode: 'turns' | 'vote';
  /** The last beat told (0 before the opening). */
  beat: number;
  /** How many players have joined it. */
  players: number;
  /** Whether this player created it. */
  host: boolean;
  /** When anything last happened in it (ISO 8601). */
  lastActivity: string;
}

/** `GET /v1/campaigns`: the player's campaigns, the most recently active first (at most 50). */
export interface MyCampaignList {
  items: MyCampaign[];
}
