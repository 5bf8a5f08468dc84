import type { EntityManager } from '@mikro-orm/core';
import type { MyCampaign } from '../../api/campaigns';
import { Campaign, CampaignMember } from '../database/entities';

const LIMIT = 50;

/** Answers "which campaigns did I join?" from the member rows and the campaigns' logs. */
export class CampaignDirectory {
  constructor(private readonly deps: { em: EntityManager }) {}

  /** The player's campaigns, most recently active first. */
  async campaignsOf(userId: string): Promise<MyCampaign[]> {
    const em = this.deps.em.fork();
    const members = await em.find(CampaignMember, { userId }, { orderBy: { joinedAt: 'desc' }, limit: 200 });
    if (members.length === 0) return [];
    const codes = members.map((m) => m.code);
    const marks = codes.map(() => '?').join(', ');
    const connection = em.getConnection();
    // Plain SQL both engines read alike: one grouped query per figure, not one per campaign.
    const [campaigns, activity, beats, players] = await Promise.all([
      em.find(Campaign, { code: { $in: codes } }),
      connection.execute<{ code: string; last: string | Date | number }[]>(`select code, max(created_at) as last from campaign_events where code in (${marks}) group by code`, codes),
      connection.execute<{ code: string; beats: number | string }[]>(`select code, count(*) as beats from campaign_events where type = 'beat' and code in (${marks}) group by code`, codes),
      connection.execute<{ code: string; players: number | string }[]>(`select code, count(*) as players from campaign_members where code in (${marks}) group by code`, codes),
    ]);
    const lastOf = new Map<string, Date>(activity.map((row: { code: string; last: string | Date | number }) => [row.code, toDate(row.last)]));
    const beatsOf = new Map<string, number>(beats.map((row: { code: string; beats: number | string }) => [row.code, Number(row.beats)]));
    const playersOf = new Map<string, number>(players.map((row: { code: string; players: number | string }) => [row.code, Number(row.players)]));
    return campaigns
      .map((c) => ({
        code: c.code,
        worldId: c.worldId,
        mode: c.mode === 'vote' ? ('vote' as const) : ('turns' as const),
        beat: beatsOf.get(c.code) ?? 0,
        players: playersOf.get(c.code) ?? 0,
        host: c.hostUserId === userId,
        lastActivity: (lastOf.get(c.code) ?? c.createdAt).toISOString(),
      }))
      .sort((a, b) => b.lastActivity.localeCompare(a.lastActivity) || a.code.localeCompare(b.code))
      .slice(0, LIMIT);
  }
}

/** SQLite hands back datetimes as epoch ms or text; PostgreSQL as Date or text. */
function toDate(value: string | Date | number): Date {
  if (value instanceof Date) return value;
  return new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);
}
