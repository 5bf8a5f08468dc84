import { raw, UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import type { AllowanceOutcome, CampaignMeter } from '../../rooms/campaign/campaign-services';
import type { Usage } from '../../rooms/campaign/rules/model';
import { Campaign, CampaignTurnAllowance, CampaignUsage } from '../database/entities';
import type { Clock } from '../shared/clock';

/**
 * Metering for campaigns: game-master tokens per campaign and per player, and the per-account
 * daily turn allowance (UTC days). Each count is one conditional statement, so two racing turns
 * never take the allowance past its limit.
 */
export class DatabaseCampaignMeter implements CampaignMeter {
  constructor(private readonly deps: { em: EntityManager; clock: Clock; dailyTurns: number }) {}

  async takeTurn(userId: string): Promise<AllowanceOutcome> {
    const limit = this.deps.dailyTurns;
    if (limit === 0) return { ok: true };
    const now = this.deps.clock.now();
    const day = now.toISOString().slice(0, 10);
    const em = this.deps.em.fork();
    for (let attempt = 0; attempt < 2; attempt++) {
      if ((await em.nativeUpdate(CampaignTurnAllowance, { userId, day, used: { $lt: limit } }, { used: raw('used + 1') })) === 1) return { ok: true };
      try {
        await em.insert(CampaignTurnAllowance, { userId, day, used: 1 });
        return { ok: true };
      } catch (error) {
        if (!(error instanceof UniqueConstraintViolationException)) throw error;
        // The row exists: either at the limit, or another turn inserted it first (try the update again).
      }
    }
    const row = await em.findOne(CampaignTurnAllowance, { userId, day }, { disableIdentityMap: true });
    const tomorrow = new Date(`${day}T00:00:00.000Z`);
    tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
    return { ok: false, used: row?.used ?? limit, limit, resetsAt: tomorrow.toISOString() };
  }

  async recordUsage(code: string, userId: string | null, usage: Usage): Promise<void> {
    const em = this.deps.em.fork();
    const player = userId ?? '';
    await em.transactional(async (tx) => {
      await tx.nativeUpdate(Campaign, { code }, { promptTokens: raw('prompt_tokens + ?', [usage.promptTokens]), completionTokens: raw('completion_tokens + ?', [usage.completionTokens]) });
      const data = { promptTokens: raw('prompt_tokens + ?', [usage.promptTokens]), completionTokens: raw('completion_tokens + ?', [usage.completionTokens]), beats: raw('beats + 1') };
      if ((await tx.nativeUpdate(CampaignUsage, { code, userId: player }, data)) === 0) {
        await tx.insert(CampaignUsage, { code, userId: player, promptTokens: usage.promptTokens, completionTokens: usage.completionTokens, beats: 1 });
      }
    });
  }

  /** Tokens used by a campaign, in all and per player. */
  async usageOf(code: string): Promise<{ promptTokens: number; completionTokens: number; players: Record<string, { promptTokens: number; completionTokens: number; beats: number }> }> {
    const em = this.deps.em.fork();
    const campaign = await em.findOne(Campaign, { code }, { disableIdentityMap: true });
    const rows = await em.find(CampaignUsage, { code }, { disableIdentityMap: true });
    return {
      promptTokens: Number(campaign?.promptTokens ?? 0),
      completionTokens: Number(campaign?.completionTokens ?? 0),
      players: Object.fromEntries(rows.map((r) => [r.userId, { promptTokens: Number(r.promptTokens), completionTokens: Number(r.completionTokens), beats: r.beats }])),
    };
  }
}
