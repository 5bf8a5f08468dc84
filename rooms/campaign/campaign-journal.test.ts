import { describe, expect, it } from 'vitest';
import { CampaignJournal } from './campaign-journal';
import { MemoryCampaignLog } from './campaign-services';
import { newCampaign, type CampaignEvent } from './rules/model';
import type { CampaignWorld } from './rules/world';

const world: CampaignWorld = { id: 'w', title: 'W', setting: 'A town.', locations: [{ id: 'square', name: 'The Square', description: 'Cobbles.' }], characters: [], quests: [], items: [], lore: [] };
const created = { type: 'created', worldId: 'w', mode: 'turns', seed: 1, seats: 2 } as const;
const record = { code: 'ABCDEF', worldId: 'w', mode: 'turns' as const, seed: 1, seats: 2, hostUserId: null, forkOf: null };

describe('CampaignJournal', () => {
  it('writes nothing until someone joins, then the record with its host and the events in order', async () => {
    const log = new MemoryCampaignLog();
    const journal = new CampaignJournal(log, world, newCampaign(world, created), { ...record }, { pending: [created] });
    expect(await log.exists('ABCDEF')).toBe(false);
    journal.claimHost('ann');
    journal.claimHost('ben'); // the first joiner stays the recorded host
    const joined: CampaignEvent = { type: 'joined', playerId: 'ann', name: 'Ann' };
    await journal.commit(joined);
    expect(journal.model.players.map((p) => p.id)).toEqual(['ann']);
    expect(await log.load('ABCDEF')).toEqual({ record: { ...record, hostUserId: 'ann' }, events: [created, joined] });
  });

  it('does not apply an event the log refused', async () => {
    const log = new MemoryCampaignLog();
    await log.create({ ...record, hostUserId: 'ann' }, [created]);
    const journal = new CampaignJournal(log, world, newCampaign(world, created), { ...record, hostUserId: 'ann' }, { seq: 5 }); // out of step with the log
    await expect(journal.commit({ type: 'joined', playerId: 'ann', name: 'Ann' })).rejects.toThrow(/out of order/);
    expect(journal.model.players).toEqual([]);
  });
});
