/** One campaign world of CONTENT_DIR, as the campaign lobby lists it. */
export interface WorldSummary {
  id: string;
  title: string;
  setting: string;
  /** How many locations and quests the world has. */
  locations: number;
  quests: number;
  /** The world's characters a player may choose to play (or they make up their own). */
  characters: { id: string; name: string }[];
}

/** `GET /v1/worlds`: sorted by title. */
export interface WorldList {
  items: WorldSummary[];
}
