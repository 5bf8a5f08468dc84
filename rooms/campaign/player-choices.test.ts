import { describe, expect, it } from 'vitest';
import { checkCharacter, checkDisplayName } from './player-choices';
import { replay } from './rules/apply-event';
import type { CampaignEvent } from './rules/model';
import type { CampaignWorld } from './rules/world';

const world: CampaignWorld = {
  id: 'w',
  title: 'W',
  setting: 'A test town.',
  locations: [{ id: 'square', name: 'The Square', description: 'Cobbles.' }],
  characters: [
    { id: 'mayor', name: 'The Mayor', personality: 'Pompous.' },
    { id: 'owl', name: 'Owl', personality: 'Wise.' },
  ],
  quests: [
    { id: 'q1', title: 'One', description: 'First.' },
    { id: 'q2', title: 'Two', description: 'Second.' },
    { id: 'q3', title: 'Three', description: 'Third.' },
  ],
  lore: [],
};
const campaign = (...events: CampaignEvent[]) => replay(world, [{ type: 'created', worldId: 'w', mode: 'turns', seed: 1, seats: 6 }, ...events]);

describe('joining: a display name', () => {
  it('is 1–24 letters, spaces, apostrophes and hyphens after trimming', () => {
    expect(checkDisplayName('  Nia  ')).toEqual({ name: 'Nia' });
    expect(checkDisplayName("Ana-Lu O'Dea")).toEqual({ name: "Ana-Lu O'Dea" });
    expect(checkDisplayName('Zoë')).toEqual({ name: 'Zoë' });
    expect(checkDisplayName(undefined)).toEqual({ name: undefined });
    for (const bad of ['', '   ', '<b>x</b>', 'x'.repeat(25), 'R2D2', 42]) expect(checkDisplayName(bad)).toMatchObject({ refusal: { code: 'INVALID_NAME' } });
  });
});

describe('joining: a character', () => {
  it('is one of the world characters nobody else plays, or their own', () => {
    const model = campaign({ type: 'joined', playerId: 'a', name: 'Ann', character: 'owl' });
    expect(checkCharacter(world, model, 'b', 'mayor')).toEqual({ character: 'mayor' });
    expect(checkCharacter(world, model, 'b', undefined)).toEqual({ character: null });
    expect(checkCharacter(world, model, 'b', 'owl')).toMatchObject({ refusal: { code: 'CHARACTER_TAKEN' } });
    expect(checkCharacter(world, model, 'a', 'owl')).toEqual({ character: 'owl' }); // their own, again
    expect(checkCharacter(world, model, 'a', undefined)).toEqual({ character: 'owl' }); // kept when they come back
    expect(checkCharacter(world, model, 'b', 'dragon')).toMatchObject({ refusal: { code: 'INVALID_CHARACTER' } });
    expect(model.players[0]!.character).toBe('owl');
  });
});

describe('joining: private goals', () => {
  it('are dealt without repeats while the world has enough quests', () => {
    const model = campaign(...['a', 'b', 'c', 'd'].map((id): CampaignEvent => ({ type: 'joined', playerId: id, name: id })));
    const goals = model.players.map((p) => p.goal);
    expect(new Set(goals.slice(0, 3)).size).toBe(3);
    expect(goals[3]).toMatch(/^Privately/); // a fourth player shares one: the world has three
  });
});
