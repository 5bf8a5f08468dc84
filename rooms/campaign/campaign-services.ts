import type { CampaignEvent, CampaignMode, Usage } from './rules/model';
import type { CampaignWorld } from './rules/world';

/** The worlds campaigns are played in (from the content dir). */
export interface WorldCatalog {
  get(worldId: string): CampaignWorld | undefined;
}

export interface CampaignRecord {
  code: string;
  worldId: string;
  mode: CampaignMode;
  seed: number;
  seats: number;
  hostUserId: string;
  forkOf: { code: string; atBeat: number } | null;
}

/**
 * The event log: every event of a campaign, persisted in order (seq 1, 2, …). A campaign is
 * rebuilt by replaying its events; a fork copies a prefix.
 */
export interface CampaignLog {
  create(record: CampaignRecord, events: readonly CampaignEvent[]): Promise<void>;
  append(code: string, seq: number, event: CampaignEvent): Promise<void>;
  load(code: string): Promise<{ record: CampaignRecord; events: CampaignEvent[] } | null>;
  exists(code: string): Promise<boolean>;
}

export type AllowanceOutcome = { ok: true } | { ok: false; used: number; limit: number; resetsAt: string };

/** Metering: tokens per campaign and per player, and the per-account daily turn allowance. */
export interface CampaignMeter {
  /** Takes one turn from the account's allowance for today, or refuses. */
  takeTurn(userId: string): Promise<AllowanceOutcome>;
  recordUsage(code: string, userId: string | null, usage: Usage): Promise<void>;
}

export const unmetered: CampaignMeter = {
  takeTurn: async () => ({ ok: true }),
  recordUsage: async () => {},
};

/** Keeps logs in memory: for tests, and a default when no store is configured. */
export class MemoryCampaignLog implements CampaignLog {
  private readonly logs = new Map<string, { record: CampaignRecord; events: CampaignEvent[] }>();

  async create(record: CampaignRecord, events: readonly CampaignEvent[]): Promise<void> {
    if (this.logs.has(record.code)) throw new Error(`campaign ${record.code} exists`);
    this.logs.set(record.code, { record: { ...record }, events: structuredClone([...events]) });
  }

  async append(code: string, seq: number, event: CampaignEvent): Promise<void> {
    const log = this.logs.get(code);
    if (!log) throw new Error(`no campaign ${code}`);
    if (seq !== log.events.length + 1) throw new Error(`campaign ${code}: event ${seq} out of order (have ${log.events.length})`);
    log.events.push(structuredClone(event));
  }

  async load(code: string) {
    const log = this.logs.get(code);
    return log ? structuredClone(log) : null;
  }

  async exists(code: string): Promise<boolean> {
    return this.logs.has(code);
  }
}
