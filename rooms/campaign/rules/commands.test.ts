import { describe, expect, it } from 'vitest';
import { decide, type CampaignCommand, type Decision } from './commands';
import { replay } from './apply-event';
import type { CampaignEvent, CampaignMode } from './model';
import type { CampaignWorld } from './world';

const world: CampaignWorld = {
  id: 'w',
  title: 'W',
  setting: 'A test town.',
  locations: [
    { id: 'square', name: 'The Square', description: 'Cobbles.' },
    { id: 'tower', name: 'The Tower', description: 'Tall.' },
  ],
  characters: [{ id: 'mayor', name: 'The Mayor', personality: 'Pompous.', location: 'square' }],
  quests: [{ id: 'bell', title: 'The Bell', description: 'Ring it.' }],
  items: [],
  lore: [],
};

/** Ann (a) hosts, Ben (b) joined second; seats are named after the players. */
function campaign(mode: CampaignMode, ...events: CampaignEvent[]) {
  return replay(world, [{ type: 'created', worldId: 'w', mode, seed: 1, seats: 4 }, { type: 'joined', playerId: 'a', name: 'Ann' }, { type: 'joined', playerId: 'b', name: 'Ben' }, ...events]);
}
const table = { seatOf: (playerId: string) => `seat-${playerId}` };
const code = (decision: Decision) => (decision.kind === 'refused' ? decision.refusal.code : decision.kind);
const ok = { ok: true } as const;
const exhausted = { ok: false, used: 20, limit: 20, resetsAt: '2026-06-02T00:00:00.000Z' } as const;

describe('decide: host-only commands', () => {
  it('only the host starts, and only from the lobby', () => {
    const lobby = campaign('turns');
    expect(code(decide(lobby, { type: 'start', playerId: 'b' }, table))).toBe('NOT_HOST');
    expect(decide(lobby, { type: 'start', playerId: 'a' }, table)).toEqual({ kind: 'accepted', events: [{ type: 'started' }], charged: false });
    expect(code(decide(campaign('turns', { type: 'started' }), { type: 'start', playerId: 'a' }, table))).toBe('ALREADY_STARTED');
  });

  it('only the host kicks, never themselves, and only a seated player', () => {
    const model = campaign('turns');
    const ben = { playerId: 'b', connected: true };
    expect(code(decide(model, { type: 'kick', playerId: 'b', target: { playerId: 'a', connected: true } }, table))).toBe('NOT_HOST');
    expect(code(decide(model, { type: 'kick', playerId: 'a', target: null }, table))).toBe('NO_SUCH_PLAYER');
    expect(code(decide(model, { type: 'kick', playerId: 'a', target: { playerId: 'a', connected: true } }, table))).toBe('INVALID_TARGET');
    expect(decide(model, { type: 'kick', playerId: 'a', target: ben }, table)).toEqual({ kind: 'accepted', events: [{ type: 'left', playerId: 'b', kicked: true }], charged: false });
  });

  it('only the host hands over, and only to a connected player', () => {
    const model = campaign('vote');
    expect(code(decide(model, { type: 'handover', playerId: 'b', target: { playerId: 'b', connected: true } }, table))).toBe('NOT_HOST');
    expect(code(decide(model, { type: 'handover', playerId: 'a', target: { playerId: 'b', connected: false } }, table))).toBe('NO_SUCH_PLAYER');
    expect(code(decide(model, { type: 'handover', playerId: 'a', target: null }, table))).toBe('NO_SUCH_PLAYER');
    expect(decide(model, { type: 'handover', playerId: 'a', target: { playerId: 'b', connected: true } }, table)).toMatchObject({ kind: 'accepted', events: [{ type: 'host', playerId: 'b' }] });
  });
});

describe('decide: actions (turns mode)', () => {
  const action = (playerId: string): CampaignCommand => ({ type: 'action', playerId, text: 'I ring the bell.' });

  it('refuses by mode and phase before anything else', () => {
    expect(code(decide(campaign('vote', { type: 'started' }), action('a'), table))).toBe('WRONG_MODE');
    expect(code(decide(campaign('turns'), action('a'), table))).toBe('NOT_STARTED');
    expect(code(decide(campaign('turns', { type: 'started' }, { type: 'action', playerId: 'a', text: 'x' }), action('b'), table))).toBe('NARRATING');
    const ended = campaign('turns', { type: 'started' });
    ended.phase = 'ended';
    expect(code(decide(ended, action('a'), table))).toBe('CAMPAIGN_ENDED');
  });

  it('lets only the player whose turn it is act, naming their seat', () => {
    const refusal = decide(campaign('turns', { type: 'started' }), action('b'), table);
    expect(refusal).toEqual({ kind: 'refused', refusal: { code: 'NOT_YOUR_TURN', message: "It is Ann's turn", details: { turn: 'seat-a' } } });
  });

  it('asks for the allowance, then commits the action or refuses an exhausted one', () => {
    const model = campaign('turns', { type: 'started' });
    expect(decide(model, action('a'), table)).toEqual({ kind: 'needs-allowance', playerId: 'a' });
    expect(decide(model, action('a'), table, ok)).toEqual({ kind: 'accepted', events: [{ type: 'action', playerId: 'a', text: 'I ring the bell.' }], charged: true });
    expect(decide(model, action('a'), table, exhausted)).toEqual({
      kind: 'refused',
      refusal: { code: 'TURN_ALLOWANCE_EXHAUSTED', message: "You have used all 20 turns of today's allowance; it renews at 2026-06-02T00:00:00.000Z", details: { used: 20, limit: 20, resetsAt: '2026-06-02T00:00:00.000Z' } },
    });
  });
});

describe('decide: votes (vote mode)', () => {
  const voting = () => {
    const model = campaign('vote', { type: 'started' }, { type: 'beat', beat: 1, narrative: 'N.', dialogue: [], choices: [{ id: 'search', text: 'Search' }, { id: 'wait', text: 'Wait' }], applied: [], rejected: [], provider: 'offline', usage: null, actorId: null });
    expect(model.phase).toBe('voting');
    return model;
  };
  const vote = (choiceId: string, paid: boolean): CampaignCommand => ({ type: 'vote', playerId: 'b', choiceId, paid });

  it('refuses by mode, phase and unknown choice', () => {
    expect(code(decide(campaign('turns', { type: 'started' }), vote('search', false), table))).toBe('WRONG_MODE');
    expect(code(decide(campaign('vote'), vote('search', false), table))).toBe('NOT_STARTED');
    expect(code(decide(campaign('vote', { type: 'started' }), vote('search', false), table))).toBe('NARRATING');
    const refusal = decide(voting(), vote('fly', false), table);
    expect(refusal).toMatchObject({ kind: 'refused', refusal: { code: 'INVALID_CHOICE', details: { choices: ['search', 'wait'] } } });
  });

  it('charges the first vote of a beat, not a changed one', () => {
    expect(decide(voting(), vote('search', false), table)).toEqual({ kind: 'needs-allowance', playerId: 'b' });
    expect(code(decide(voting(), vote('search', false), table, exhausted))).toBe('TURN_ALLOWANCE_EXHAUSTED');
    expect(decide(voting(), vote('search', false), table, ok)).toEqual({ kind: 'accepted', events: [{ type: 'voted', playerId: 'b', choiceId: 'search' }], charged: true });
    expect(decide(voting(), vote('wait', true), table)).toEqual({ kind: 'accepted', events: [{ type: 'voted', playerId: 'b', choiceId: 'wait' }], charged: false });
  });
});
