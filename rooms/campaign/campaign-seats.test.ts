import type { Client, Deferred } from '@colyseus/core';
import { describe, expect, it } from 'vitest';
import { CampaignSeats } from './campaign-seats';
import { replay } from './rules/apply-event';
import type { CampaignEvent } from './rules/model';
import type { CampaignWorld } from './rules/world';

const world: CampaignWorld = {
  id: 'w',
  title: 'W',
  setting: 'A test town.',
  locations: [{ id: 'square', name: 'The Square', description: 'Cobbles.' }],
  characters: [],
  quests: [],
  items: [],
  lore: [],
};
const campaign = (...events: CampaignEvent[]) => replay(world, [{ type: 'created', worldId: 'w', mode: 'turns', seed: 1, seats: 2 }, ...events]);
const refusal = (act: () => void) => {
  try {
    act();
    return null;
  } catch (error) {
    return (error as Error).message.split(':')[0];
  }
};

describe('CampaignSeats: joining', () => {
  it('names newcomers uniquely and gives the host role to the first one', () => {
    const seats = new CampaignSeats(null);
    expect(seats.arrivalEvents(campaign(), 'a', 'Ann')).toEqual([{ type: 'joined', playerId: 'a', name: 'Ann' }]);
    const model = campaign({ type: 'joined', playerId: 'a', name: 'Ann' });
    seats.sit('s-a', 'a');
    expect(seats.arrivalEvents(model, 'b', 'Ann')).toEqual([{ type: 'joined', playerId: 'b', name: 'Ann (2)' }]);
    expect(seats.arrivalEvents(model, 'b', undefined)).toEqual([{ type: 'joined', playerId: 'b', name: 'Player 2' }]);
  });

  it('hands the host role to a player coming back to a campaign whose host has no seat', () => {
    const model = campaign({ type: 'joined', playerId: 'a', name: 'Ann' }, { type: 'joined', playerId: 'b', name: 'Ben' });
    expect(new CampaignSeats(null).arrivalEvents(model, 'b', undefined)).toEqual([{ type: 'host', playerId: 'b' }]);
  });

  it('refuses the kicked, a second window, a full table and a fork to anyone but its host', () => {
    const seats = new CampaignSeats(null);
    const full = campaign({ type: 'joined', playerId: 'a', name: 'Ann' }, { type: 'joined', playerId: 'b', name: 'Ben' });
    expect(refusal(() => seats.admit(full, 'c', false))).toBe('CAMPAIGN_FULL');
    expect(refusal(() => seats.admit(full, 'b', false))).toBeNull(); // back to their own seat
    const kicked = campaign({ type: 'joined', playerId: 'a', name: 'Ann' }, { type: 'joined', playerId: 'b', name: 'Ben' }, { type: 'left', playerId: 'b', kicked: true });
    expect(refusal(() => seats.admit(kicked, 'b', false))).toBe('KICKED');
    seats.sit('s-a', 'a');
    expect(refusal(() => seats.admit(full, 'a', false))).toBe('ALREADY_JOINED');
    expect(refusal(() => new CampaignSeats(new Set(['a'])).admit(campaign(), 'z', true))).toBe('NOT_HOST');
    expect(refusal(() => new CampaignSeats(new Set(['a'])).admit(campaign(), 'a', true))).toBeNull();
  });

  it('a reload takes over the seat still waiting for its reconnection', async () => {
    const seats = new CampaignSeats(null);
    const model = campaign({ type: 'joined', playerId: 'a', name: 'Ann' });
    const rejected: string[] = [];
    seats.sit('old', 'a');
    seats.disconnect('old');
    let reject: (error: Error) => void = () => undefined;
    const waiting = new Promise<Client>((_, no) => (reject = no));
    const back = seats.holdUntilBack('old', Object.assign(waiting, { reject: (error: Error) => (rejected.push(error.message), reject(error)) }) as unknown as Deferred<Client>);
    expect(seats.hasDropped('a')).toBe(true);
    seats.admit(model, 'a', false);
    expect(rejected).toEqual(['replaced by a new session']);
    expect(await back).toBe(false);
    expect(seats.seatOf('a')).toBeUndefined();
  });
});
