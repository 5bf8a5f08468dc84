import { z } from 'zod';
import { assetPath } from '../schema-primitives';

// A campaign world (DESIGN.md §4): a folder with world.json beside the stories. The game
// master writes from it; the campaign rules check every proposed change against it.
// Additive extensions: `start` (the opening location), `items` (what can be found or given)
// a character's `location` (where the party meets them) and a location's `background` (its picture,
// a file in the world folder).

export const WORLD_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
const entityId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be lower-case letters, digits, "-" or "_"');
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

const worldLocationSchema = z.object({ id: entityId, name: text(80), description: text(2000), background: assetPath.optional() }).strict();
const worldCharacterSchema = z.object({ id: entityId, name: text(80), personality: text(1000), location: entityId.optional() }).strict();
const worldQuestSchema = z.object({ id: entityId, title: text(120), description: text(2000) }).strict();
const worldItemSchema = z.object({ id: entityId, name: text(80), description: text(1000).optional() }).strict();
const loreEntrySchema = z
  .object({ keys: z.array(z.string().trim().min(1).max(40)).min(1, 'needs at least one trigger keyword').max(20), text: text(2000) })
  .strict();

export const worldManifestSchema = z
  .object({
    id: z.string().regex(WORLD_ID_PATTERN, 'must be a world id: lower-case letters, digits and "-"'),
    title: text(120),
    setting: text(4000),
    start: entityId.optional(),
    locations: z.array(worldLocationSchema).min(1, 'a world needs at least one location').max(200),
    characters: z.array(worldCharacterSchema).max(200),
    quests: z.array(worldQuestSchema).max(200),
    items: z.array(worldItemSchema).max(500).optional(),
    lore: z.array(loreEntrySchema).max(1000),
  })
  .strict();

export type WorldManifest = z.infer<typeof worldManifestSchema>;
export type WorldLocation = z.infer<typeof worldLocationSchema>;
export type WorldCharacter = z.infer<typeof worldCharacterSchema>;
export type WorldQuest = z.infer<typeof worldQuestSchema>;
export type WorldItem = z.infer<typeof worldItemSchema>;
export type LoreEntry = z.infer<typeof loreEntrySchema>;
