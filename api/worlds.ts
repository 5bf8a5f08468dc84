/** One campaign world of CONTENT_DIR, as the campaign lobby lists it. */
export interface WorldSummary {
  id: string;
  title: string;
  setting: string;
  /** How many locations and quests the world has. */
  locations: number;
  quests: number;
}

/** `GET /v1/worlds`: sorted by title. */
export interface WorldList {
  items: WorldSummary[];
}
