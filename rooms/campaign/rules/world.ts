/**
 * The part of a world (content-pipeline, world.json) the campaign rules and narrators read.
 * Structural, so tests can build one inline.
 */
export interface CampaignWorld {
  id: string;
  title: string;
  setting: string;
  start?: string | undefined;
  /** `artUrl`: where the client loads the location's picture (the server maps world.json's `background`). */
  locations: { id: string; name: string; description: string; artUrl?: string | undefined }[];
  characters: { id: string; name: string; personality: string; location?: string | undefined }[];
  quests: { id: string; title: string; description: string }[];
  items?: { id: string; name: string; description?: string | undefined }[] | undefined;
  lore: { keys: string[]; text: string }[];
}

export const startLocation = (world: CampaignWorld): string => world.start ?? world.locations[0]?.id ?? '';
export const locationOf = (world: CampaignWorld, id: string) => world.locations.find((l) => l.id === id);
export const characterOf = (world: CampaignWorld, id: string) => world.characters.find((c) => c.id === id);
export const questOf = (world: CampaignWorld, id: string) => world.quests.find((q) => q.id === id);
export const itemOf = (world: CampaignWorld, id: string) => (world.items ?? []).find((i) => i.id === id);

/** Characters who start at a location (their `location`), in world order. */
export const charactersAt = (world: CampaignWorld, location: string): string[] => world.characters.filter((c) => c.location === location).map((c) => c.id);
