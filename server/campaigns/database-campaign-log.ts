import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import type { CampaignLog, CampaignRecord } from '../../rooms/campaign/campaign-services';
import type { CampaignEvent as LoggedEvent, CampaignMode } from '../../rooms/campaign/rules/model';
import { Campaign, CampaignEvent, CampaignMember } from '../database/entities';
import type { Clock } from '../shared/clock';

/**
 * The campaign event log in the database: one `campaigns` row per campaign and its events in
 * `campaign_events`, keyed by (code, seq) — a second writer of the same position fails instead
 * of forking history. Native inserts keep each append to one statement.
 */
export class DatabaseCampaignLog implements CampaignLog {
  constructor(private readonly deps: { em: EntityManager; clock: Clock }) {}

  async create(record: CampaignRecord, events: readonly LoggedEvent[]): Promise<void> {
    const now = this.deps.clock.now();
    await this.deps.em.fork().transactional(async (tx) => {
      await tx.insert(Campaign, {
        code: record.code,
        worldId: record.worldId,
        mode: record.mode,
        seed: record.seed,
        seats: record.seats,
        hostUserId: record.hostUserId,
        forkOfCode: record.forkOf?.code ?? null,
        forkAtBeat: record.forkOf?.atBeat ?? null,
        createdAt: now,
      });
      if (events.length > 0) await tx.insertMany(CampaignEvent, events.map((event, i) => ({ code: record.code, seq: i + 1, type: event.type, payload: { ...event }, createdAt: now })));
      // A fork's copied joins are the original's party, not the fork's: its members join it anew.
      const joins = record.forkOf === null ? events.filter((e) => e.type === 'joined') : [];
      for (const event of joins) await this.addMember(tx, record.code, event.playerId, now);
    });
  }

  async append(code: string, seq: number, event: LoggedEvent): Promise<void> {
    const now = this.deps.clock.now();
    try {
      if (event.type !== 'joined') await this.deps.em.fork().insert(CampaignEvent, { code, seq, type: event.type, payload: { ...event }, createdAt: now });
      else {
        // A member row with their joining, so "my campaigns" never misses one nor lists one they never joined.
        await this.deps.em.fork().transactional(async (tx) => {
          await tx.insert(CampaignEvent, { code, seq, type: event.type, payload: { ...event }, createdAt: now });
          await this.addMember(tx, code, event.playerId, now);
        });
      }
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw new Error(`campaign ${code}: event ${seq} was already written by another writer`);
      throw error;
    }
  }

  async load(code: string): Promise<{ record: CampaignRecord; events: LoggedEvent[] } | null> {
    const em = this.deps.em.fork();
    const row = await em.findOne(Campaign, { code }, { disableIdentityMap: true });
    if (!row) return null;
    const events = await em.find(CampaignEvent, { code }, { orderBy: { seq: 'asc' }, disableIdentityMap: true });
    const record: CampaignRecord = {
      code: row.code,
      worldId: row.worldId,
      mode: row.mode as CampaignMode,
      seed: row.seed,
      seats: row.seats,
      hostUserId: row.hostUserId,
      forkOf: row.forkOfCode !== null && row.forkAtBeat !== null ? { code: row.forkOfCode, atBeat: row.forkAtBeat } : null,
    };
    return { record, events: events.map((e) => e.payload as unknown as LoggedEvent) };
  }

  private async addMember(em: EntityManager, code: string, userId: string, now: Date): Promise<void> {
    await em.upsert(CampaignMember, { code, userId, joinedAt: now }, { onConflictFields: ['code', 'userId'], onConflictAction: 'ignore' });
  }

  async exists(code: string): Promise<boolean> {
    return (await this.deps.em.fork().count(Campaign, { code })) > 0;
  }
}
