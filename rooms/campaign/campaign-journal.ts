import type { CampaignLog, CampaignRecord } from './campaign-services';
import { applyEvent } from './rules/apply-event';
import type { CampaignEvent, CampaignModel } from './rules/model';
import type { CampaignWorld } from './rules/world';

/** The campaign's record before anyone joined: the host is whoever joins first. */
export type OpenRecord = Omit<CampaignRecord, 'hostUserId'> & { hostUserId: string | null };

/**
 * The campaign's event journal over its CampaignLog: every event is persisted (seq 1, 2, …) before
 * it is applied to the model. A new or forked campaign's first events wait in memory until someone
 * joins, so a campaign nobody entered leaves no log behind.
 */
export class CampaignJournal {
  private seq: number;
  private pendingEvents: CampaignEvent[];
  private created: boolean;

  /** `saved`: how many events the log already holds (a resume), or the events it must be created with. */
  constructor(
    private readonly log: CampaignLog,
    readonly world: CampaignWorld,
    readonly model: CampaignModel,
    readonly record: OpenRecord,
    saved: { seq: number } | { pending: CampaignEvent[] },
  ) {
    this.created = 'seq' in saved;
    this.seq = 'seq' in saved ? saved.seq : 0;
    this.pendingEvents = 'pending' in saved ? saved.pending : [];
  }

  get code(): string {
    return this.record.code;
  }

  /** The first player to join a fresh or forked campaign becomes its recorded host. */
  claimHost(userId: string): void {
    this.record.hostUserId ??= userId;
  }

  /** Writes the campaign's record and waiting events to the log, once. */
  async ensureCreated(): Promise<void> {
    if (this.created) return;
    await this.log.create({ ...this.record, hostUserId: this.record.hostUserId ?? '' }, this.pendingEvents);
    this.seq = this.pendingEvents.length;
    this.pendingEvents = [];
    this.created = true;
  }

  /** Persists an event, then applies it to the model. Callers serialize commits (the room's mailbox). */
  async commit(event: CampaignEvent): Promise<void> {
    await this.ensureCreated();
    await this.log.append(this.record.code, this.seq + 1, event);
    this.seq++;
    applyEvent(this.world, this.model, event);
  }
}
