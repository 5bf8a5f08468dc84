import { EntitySchema, PrimaryKeyProp } from '@mikro-orm/core';

/** One event of a campaign's log, in order (seq 1, 2, …); replaying them rebuilds the campaign. */
export class CampaignEvent {
  [PrimaryKeyProp]?: ['code', 'seq'];
  code!: string;
  seq!: number;
  type!: string;
  payload!: Record<string, unknown>;
  createdAt: Date = new Date();
}

export const CampaignEventSchema = new EntitySchema<CampaignEvent>({
  class: CampaignEvent,
  tableName: 'campaign_events',
  properties: {
    code: { type: 'string', length: 16, primary: true },
    seq: { type: 'integer', primary: true },
    type: { type: 'string', length: 32 },
    payload: { type: 'json' },
    createdAt: { type: 'datetime' },
  },
});
