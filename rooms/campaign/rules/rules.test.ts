import { describe, expect, it } from 'vitest';
import { FailoverGameMaster } from '../game-master/failover';
import type { BeatRequest, GameMaster } from '../game-master/game-master';
import { OfflineNarrator } from '../game-master/offline-narrator';
import { beatRequest } from './beat-request';
import { triggeredLore } from './lore';
import { applyEvent, replay } from './apply-event';
import { rulesViewOf, type CampaignEvent } from './model';
import { describeVote, voteOutcome } from './vote-outcome';
import { checkStateChanges } from './state-changes';
import type { CampaignWorld } from './world';

const world: CampaignWorld = {
  id: 'w',
  title: 'W',
  setting: 'A test town.',
  locations: [
    { id: 'square', name: 'The Square', description: 'Cobbles.' },
    { id: 'tower', name: 'The Tower', description: 'Tall.' },
  ],
  characters: [
    { id: 'mayor', name: 'The Mayor', personality: 'Pompous.', location: 'square' },
    { id: 'owl', name: 'Owl', personality: 'Wise.', location: 'tower' },
  ],
  quests: [{ id: 'bell', title: 'The Bell', description: 'Ring it.' }],
  items: [{ id: 'key', name: 'Key' }],
  lore: [
    { keys: ['bell', 'bells'], text: 'Bells ring twice.' },
    { keys: ['tower'], text: 'The tower leans.' },
  ],
};
const created: CampaignEvent = { type: 'created', worldId: 'w', mode: 'turns', seed: 1, seats: 4 };

function campaign(...events: CampaignEvent[]) {
  return replay(world, [created, { type: 'joined', playerId: 'a', name: 'Ann' }, { type: 'joined', playerId: 'b', name: 'Ben' }, ...events]);
}

describe('rules: state changes', () => {
  it('accepts known moves, quests, items and bounded stats; refuses the rest with a reason', () => {
    const model = campaign({ type: 'started' });
    const view = rulesViewOf(model, (id) => id === 'a');
    const { accepted, rejected } = checkStateChanges(world, view, [
      { type: 'move', location: 'tower' },
      { type: 'character_enters', character: 'owl' }, // already there after the move
      { type: 'move', location: 'moon' },
      { type: 'quest_start', quest: 'bell' },
      { type: 'quest_complete', quest: 'dragon' },
      { type: 'give_item', player: 'a', item: 'key' },
      { type: 'give_item', player: 'a', item: 'sword' },
      { type: 'give_item', player: 'b', item: 'key' }, // b is absent
      { type: 'stat', player: 'a', stat: 'health', delta: 1 }, // already at 10
      { type: 'stat', player: 'a', stat: 'health', delta: -3 },
      { type: 'stat', player: 'zed', stat: 'health', delta: -1 },
      { type: 'take_item', player: 'a', item: 'key' },
      { type: 'teleport' },
      'garbage',
    ]);
    expect(accepted).toEqual([
      { type: 'move', location: 'tower' },
      { type: 'quest_start', quest: 'bell' },
      { type: 'give_item', player: 'a', item: 'key' },
      { type: 'stat', player: 'a', stat: 'health', delta: -3 },
      { type: 'take_item', player: 'a', item: 'key' },
    ]);
    expect(rejected.map((r) => r.reason)).toEqual([
      '"owl" is already here',
      'unknown location "moon"',
      'unknown quest "dragon"',
      'unknown item "sword"',
      'player "b" is absent',
      'health would be 11, outside 0–10',
      '"zed" is not in the party',
      expect.stringMatching(/^malformed/),
      expect.stringMatching(/^malformed/),
    ]);
    expect(checkStateChanges(world, view, { type: 'move' }).rejected[0]?.reason).toBe('state_changes must be a list');
  });

  it('applied changes move the model the same way on every replay', () => {
    const beat: CampaignEvent = {
      type: 'beat', beat: 1, narrative: 'N.', dialogue: [], choices: [], provider: 'test', usage: null, actorId: 'a', rejected: [],
      applied: [{ type: 'move', location: 'tower' }, { type: 'give_item', player: 'a', item: 'key' }],
    };
    const model = campaign({ type: 'started' }, { type: 'action', playerId: 'a', text: 'Up!' }, beat);
    expect(model.scene).toEqual({ location: 'tower', present: ['owl'], quests: [], completed: [] });
    expect(model.players[0]?.inventory).toEqual(['key']);
    expect(model.turn).toBe('b');
    expect(model.phase).toBe('acting');
    expect(model.recent).toEqual([{ beat: 1, prompt: 'Ann: Up!', narrative: 'N.' }]);
  });
});

describe('rules: turns and votes', () => {
  it('turns go round the party in join order and skip who left', () => {
    const model = campaign({ type: 'joined', playerId: 'c', name: 'Cy' }, { type: 'started' });
    expect(model.turn).toBe('a');
    applyEvent(world, model, { type: 'turn_skipped', playerId: 'a' });
    expect(model.turn).toBe('b');
    applyEvent(world, model, { type: 'left', playerId: 'b', kicked: false });
    expect(model.turn).toBe('c');
    applyEvent(world, model, { type: 'turn_skipped', playerId: 'c' });
    expect(model.turn).toBe('a');
  });

  it('a turns campaign opens with the setting and names the place, without repeating its description (on screen already)', () => {
    const model = campaign({ type: 'started' });
    expect(model.lastBeat?.narrative).toBe('A test town. The story begins in The Square.');
    expect(model.turn).toBe('a');
  });

  it('a majority wins at once; otherwise the vote waits for everyone or the timer', () => {
    const model = campaign({ type: 'started' });
    model.mode = 'vote';
    model.choices = [{ id: 'x', text: 'X' }, { id: 'y', text: 'Y' }];
    const vote = (playerId: string, choiceId: string) => applyEvent(world, model, { type: 'voted', playerId, choiceId });
    vote('a', 'y');
    expect(voteOutcome(model, ['a', 'b', 'c'], false)).toBeNull();
    expect(voteOutcome(model, ['a', 'b', 'c'], true)).toEqual({ choiceId: 'y', tally: { y: 1 }, tieBrokenBy: null });
    vote('b', 'y');
    expect(voteOutcome(model, ['a', 'b', 'c'], false)?.choiceId).toBe('y');
  });

  it('a vote nobody cast never closes, not even when its timer ran out', () => {
    const model = campaign({ type: 'started' });
    model.choices = [{ id: 'x', text: 'X' }, { id: 'y', text: 'Y' }];
    expect(voteOutcome(model, ['a', 'b'], true)).toBeNull();
    expect(voteOutcome(model, ['a', 'b'], false)).toBeNull();
  });

  it('a tie goes to the choice whose standing vote came first, and that voter is named', () => {
    const model = campaign({ type: 'started' });
    model.choices = [{ id: 'x', text: 'Go left' }, { id: 'y', text: 'Go right' }];
    applyEvent(world, model, { type: 'voted', playerId: 'b', choiceId: 'y' });
    applyEvent(world, model, { type: 'voted', playerId: 'a', choiceId: 'x' });
    const result = voteOutcome(model, ['a', 'b'], false)!;
    expect(result).toEqual({ choiceId: 'y', tally: { x: 1, y: 1 }, tieBrokenBy: 'b' });
    expect(describeVote(model, result)).toBe('The party was split (1 for "Go right", 1 for "Go left"); Ben voted first, so the tie goes to "Go right".');
    // Changing a vote makes it the latest: now Ann's vote is the earliest standing one.
    applyEvent(world, model, { type: 'voted', playerId: 'b', choiceId: 'y' });
    expect(voteOutcome(model, ['a', 'b'], false)).toMatchObject({ choiceId: 'x', tieBrokenBy: 'a' });
  });

  it('the closed vote reaches the game master in honest words, never as one voice on a split', async () => {
    const model = campaign({ type: 'started' });
    model.mode = 'vote';
    model.phase = 'voting';
    model.choices = [{ id: 'x', text: 'Go left' }, { id: 'y', text: 'Go right' }];
    applyEvent(world, model, { type: 'vote_closed', choiceId: 'x', tally: { x: 1, y: 1 }, tieBrokenBy: 'a' });
    const request = beatRequest(world, model);
    expect(request.prompt).toMatchObject({ kind: 'choice', vote: expect.stringContaining('Ann voted first') });
    const beat = await new OfflineNarrator().narrate(request, { chunk: () => undefined, restart: () => undefined }, new AbortController().signal);
    expect(beat.output.narrative).toContain('The party was split');
    expect(beat.output.narrative).not.toMatch(/as one|together/i);
    expect(describeVote(model, { choiceId: 'x', tally: { x: 2 }, tieBrokenBy: null })).toBe('All 2 votes agreed: Go left.');
  });
});

describe('lore and the beat request', () => {
  it('finds lore by whole keywords, any case', () => {
    expect(triggeredLore(world, ['Ring the BELL!']).map((l) => l.text)).toEqual(['Bells ring twice.']);
    expect(triggeredLore(world, ['a bellows'])).toEqual([]);
  });

  it('tells the game master the action, the party and the lore it touches', () => {
    const model = campaign({ type: 'started' }, { type: 'action', playerId: 'a', text: 'I climb the tower to find the bell.' });
    const request = beatRequest(world, model);
    expect(request.beat).toBe(1);
    expect(request.prompt).toMatchObject({ kind: 'action', playerName: 'Ann' });
    expect(request.lore.map((l) => l.text)).toEqual(['Bells ring twice.', 'The tower leans.']);
    expect(request.party.map((p) => p.name)).toEqual(['Ann', 'Ben']);
  });
});

describe('offline narrator', () => {
  const sink = () => {
    const chunks: string[] = [];
    return { chunks, sink: { chunk: (t: string) => chunks.push(t), restart: () => chunks.splice(0) } };
  };

  it('is deterministic from the seed, streams its narrative, and proposes only lawful changes', async () => {
    const model = campaign({ type: 'started' }, { type: 'action', playerId: 'a', text: 'I run to the tower.' });
    const request = beatRequest(world, model);
    const one = sink();
    const first = await new OfflineNarrator().narrate(request, one.sink, new AbortController().signal);
    const second = await new OfflineNarrator().narrate(request, sink().sink, new AbortController().signal);
    expect(second.output).toEqual(first.output);
    expect(one.chunks.join('')).toBe(first.output.narrative);
    expect(first.output.state_changes).toContainEqual({ type: 'move', location: 'tower' });
    const { rejected } = checkStateChanges(world, rulesViewOf(model, () => true), first.output.state_changes);
    expect(rejected).toEqual([]);
  });
});

describe('failover', () => {
  const request = (): BeatRequest => beatRequest(world, campaign({ type: 'started' }, { type: 'action', playerId: 'a', text: 'Wait.' }));

  it('a stalled provider is abandoned within the idle timeout, retried once, then the next one answers', async () => {
    let calls = 0;
    const stalled: GameMaster = {
      name: 'stalled',
      narrate: async (_r, sink) => {
        calls++;
        sink.chunk('Once upon');
        return new Promise(() => undefined);
      },
    };
    const failures: string[] = [];
    const chain = new FailoverGameMaster([stalled, new OfflineNarrator()], { idleTimeoutMs: 50, attemptTimeoutMs: 1000, retries: 1, onFailure: (f) => failures.push(`${f.provider}#${f.attempt}`) });
    const chunks: string[] = [];
    let restarts = 0;
    const started = Date.now();
    const beat = await chain.narrate(request(), { chunk: (t) => chunks.push(t), restart: () => restarts++ }, new AbortController().signal);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(calls).toBe(2);
    expect(failures).toEqual(['stalled#0', 'stalled#1']);
    expect(restarts).toBe(2);
    expect(beat.provider).toBe('offline');
    expect(chunks.slice(2).join('')).toBe(beat.output.narrative);
  });
});
