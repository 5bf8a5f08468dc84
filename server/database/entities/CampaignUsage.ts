import { EntitySchema, PrimaryKeyProp } from '@mikro-orm/core';

/** Game-master tokens metered to one player of one campaign (the player whose action was narrated; '' for party beats). */
export class CampaignUsage {
  [PrimaryKeyProp]?: ['code', 'userId'];
  code!: string;
  userId!: string;
  promptTokens!: number;
  completionTokens!: number;
  beats!: number;
}

export const CampaignUsageSchema = new EntitySchema<CampaignUsage>({
  class: CampaignUsage,
  tableName: 'campaign_usage',
  properties: {
    code: { type: 'string', length: 16, primary: true },
    userId: { type: 'string', length: 64, primary: true },
    promptTokens: { type: 'bigint' },
    completionTokens: { type: 'bigint' },
    beats: { type: 'integer' },
  },
});

/** Turns an account has taken on one UTC day, against the daily allowance. */
export class CampaignTurnAllowance {
  [PrimaryKeyProp]?: ['userId', 'day'];
  userId!: string;
  /** YYYY-MM-DD, UTC. */
  day!: string;
  used!: number;
}

export const CampaignTurnAllowanceSchema = new EntitySchema<CampaignTurnAllowance>({
  class: CampaignTurnAllowance,
  tableName: 'campaign_turn_allowances',
  properties: {
    userId: { type: 'string', length: 64, primary: true },
    day: { type: 'string', length: 10, primary: true },
    used: { type: 'integer' },
  },
});
