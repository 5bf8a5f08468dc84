import { EntitySchema, PrimaryKeyProp } from '@mikro-orm/core';

/**
 * A player who joined a campaign (written with their first `joined` event), so "my campaigns"
 * is one indexed lookup by user instead of a scan of every campaign's log.
 */
export class CampaignMember {
  [PrimaryKeyProp]?: ['code', 'userId'];
  code!: string;
  userId!: string;
  joinedAt: Date = new Date();
}

export const CampaignMemberSchema = new EntitySchema<CampaignMember>({
  class: CampaignMember,
  tableName: 'campaign_members',
  indexes: [{ properties: ['userId'], name: 'campaign_members_user_id_index' }],
  properties: {
    code: { type: 'string', length: 16, primary: true },
    userId: { type: 'string', length: 64, primary: true },
    joinedAt: { type: 'datetime' },
  },
});
