import { EntitySchema, OptionalProps } from '@mikro-orm/core';

/**
 * A multiplayer campaign, keyed by its invite code (the room id). Its history is the ordered
 * CampaignEvent rows; tokens used by its game master are summed here (and per player in
 * CampaignUsage).
 */
export class Campaign {
  [OptionalProps]?: 'forkOfCode' | 'forkAtBeat' | 'promptTokens' | 'completionTokens' | 'createdAt';
  code!: string;
  worldId!: string;
  mode!: string;
  seed!: number;
  seats!: number;
  hostUserId!: string;
  forkOfCode: string | null = null;
  forkAtBeat: number | null = null;
  promptTokens = 0;
  completionTokens = 0;
  createdAt: Date = new Date();
}

export const CampaignSchema = new EntitySchema<Campaign>({
  class: Campaign,
  tableName: 'campaigns',
  properties: {
    code: { type: 'string', length: 16, primary: true },
    worldId: { type: 'string', length: 64 },
    mode: { type: 'string', length: 8 },
    seed: { type: 'integer' },
    seats: { type: 'integer' },
    hostUserId: { type: 'string', length: 64 },
    forkOfCode: { type: 'string', length: 16, nullable: true },
    forkAtBeat: { type: 'integer', nullable: true },
    promptTokens: { type: 'bigint', default: 0 },
    completionTokens: { type: 'bigint', default: 0 },
    createdAt: { type: 'datetime' },
  },
});
