import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCampaign, joinCampaign, leaveAll, startCampaignServer, streamedText, until, type CampaignTestServer, type Seat } from '../../rooms/campaign/campaign-test-kit';
import type { BeatRequest } from '../../rooms/campaign/game-master/game-master';
import { NarrativeStream } from '../../rooms/campaign/game-master/narrative-stream';
import { buildPrompt } from '../../rooms/campaign/game-master/prompt';
import { beatRequest } from '../../rooms/campaign/rules/beat-request';
import { replay } from '../../rooms/campaign/rules/apply-event';
import { silentLogger } from '../shared/logger';
import { chooseGameMaster } from './choose-game-master';
import { startFakeOpenAi, type FakeOpenAi } from './fake-openai-server';
import { OpenAiGameMaster } from './openai-game-master';

/** A model answer: narrative first (so it streams), then the rest; `changes` as the model proposes them. */
function answer(beat: number, changes: unknown[] = [], extra = ''): string {
  return JSON.stringify({
    narrative: `Beat ${beat}: the glass leaves shiver and "ring" once.\nSomeone laughs.${extra}`,
    dialogue: [{ character: 'Maren Stull', text: `Beat ${beat}, and still no song.` }],
    choices: [
      { id: 'go-orchard', text: 'Climb to the orchard' },
      { id: 'ask-maren', text: 'Ask Maren' },
    ],
    state_changes: changes,
  });
}
const beatOf = (body: any): number => Number(/Beat (\d+)\. /.exec(body.messages.at(-1).content)?.[1] ?? 0);
const playerIdsOf = (body: any): string[] => [...body.messages.at(-1).content.matchAll(/\(id ([^;]+);/g)].map((m: RegExpMatchArray) => m[1]!);

describe('NarrativeStream and the prompt', () => {
  it('decodes the narrative string from any split of the JSON, escapes included', () => {
    const json = answer(3);
    const expected = JSON.parse(json).narrative as string;
    for (const size of [1, 2, 5, 17, 1000]) {
      const stream = new NarrativeStream();
      let out = '';
      for (let i = 0; i < json.length; i += size) out += stream.push(json.slice(i, i + size));
      expect(out).toBe(expected);
    }
  });

  it('keeps the prompt within its token budget, dropping the oldest beats first', async () => {
    const server = await startCampaignServer();
    const world = server.deps.worlds.get('the-glass-orchard')!;
    await server.close();
    const model = replay(world, [{ type: 'created', worldId: world.id, mode: 'turns', seed: 1, seats: 3 }, { type: 'joined', playerId: 'u1', name: 'Ann' }, { type: 'started' }]);
    model.recent = Array.from({ length: 6 }, (_, i) => ({ beat: i + 1, prompt: 'Ann: look', narrative: `${'long words '.repeat(200)}#${i + 1}` }));
    model.pending = { kind: 'action', playerId: 'u1', text: 'I strike the tuning fork near the orchard.' };
    const request: BeatRequest = beatRequest(world, model);
    const prompt = buildPrompt(request, 2500);
    expect(Math.ceil((prompt.system.length + prompt.user.length) / 4)).toBeLessThanOrEqual(2500);
    expect(prompt.user).toContain('#6');
    expect(prompt.user).not.toContain('#1');
    expect(prompt.user).toContain('brass tuning fork pitched'); // lore triggered by "tuning fork"
    expect(prompt.user).toMatch(/Beat 1\. Ann \(player id u1\) acts/);
  });
});

describe('OpenAiGameMaster against a streaming OpenAI-compatible server', () => {
  let fake: FakeOpenAi;
  beforeAll(async () => {
    fake = await startFakeOpenAi((body) => ({ text: answer(beatOf(body)) }));
  });
  afterAll(() => fake.close());

  it('streams the narrative as it arrives and validates the whole answer', async () => {
    const server = await startCampaignServer();
    const world = server.deps.worlds.get('the-glass-orchard')!;
    await server.close();
    const model = replay(world, [{ type: 'created', worldId: world.id, mode: 'vote', seed: 1, seats: 3 }, { type: 'joined', playerId: 'u1', name: 'Ann' }, { type: 'started' }]);
    const gm = new OpenAiGameMaster({ baseUrl: fake.baseUrl, apiKey: 'sk-test', model: 'test-model' });
    const chunks: string[] = [];
    const beat = await gm.narrate(beatRequest(world, model), { chunk: (t) => chunks.push(t), restart: () => undefined }, new AbortController().signal);
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.join('')).toBe(beat.output.narrative);
    expect(beat.output.choices.map((c) => c.id)).toEqual(['go-orchard', 'ask-maren']);
    expect(beat.usage).toEqual({ promptTokens: 120, completionTokens: expect.any(Number) });
    expect(beat.provider).toBe('openai:test-model');
    const request = fake.requests.at(-1)!;
    expect(request.authorization).toBe('Bearer sk-test');
    expect(request.body).toMatchObject({ model: 'test-model', stream: true, response_format: { type: 'json_schema' } });
  });
});

describe('campaign room with the OpenAI provider', () => {
  let server: CampaignTestServer;
  let fake: FakeOpenAi;
  let mode: 'good' | 'rulebreaker' | 'malformed' | 'stall' = 'good';
  const open: Seat[] = [];

  beforeAll(async () => {
    server = await startCampaignServer();
    fake = await startFakeOpenAi((body) => {
      const beat = beatOf(body);
      const [first] = playerIdsOf(body);
      if (mode === 'stall') return { stall: true, afterText: '{"narrative": "The lamps dim and' };
      if (mode === 'malformed') return { text: '{"narrative": "Half a thought' };
      if (mode === 'rulebreaker') {
        return { text: answer(beat, [{ type: 'move', location: 'the-moon' }, { type: 'give_item', player: first, item: 'excalibur' }, { type: 'stat', player: first, stat: 'health', delta: 9 }, { type: 'give_item', player: first, item: 'lens' }]) };
      }
      return { text: answer(beat, beat === 2 ? [{ type: 'move', location: 'orchard' }] : []), chunkSize: 9, delayMs: 1 };
    });
    server.useGameMaster(chooseGameMaster({ baseUrl: fake.baseUrl, model: 'test-model' }, silentLogger, { idleTimeoutMs: 300, attemptTimeoutMs: 5000 }));
  });
  afterAll(async () => {
    await server.close();
    await fake.close();
  });
  afterEach(async () => {
    await leaveAll(...open.splice(0));
    mode = 'good';
  });

  async function party(kind: 'turns' | 'vote', names: string[]): Promise<Seat[]> {
    const host = await createCampaign(server, names[0]!, { worldId: 'the-glass-orchard', mode: kind, seed: 3 });
    open.push(host);
    for (const name of names.slice(1)) open.push(await joinCampaign(server, name, host.room.state.code));
    const seats = open.slice(-names.length);
    await until(() => seats.every((s) => s.room.state.players.size === names.length));
    return seats;
  }

  function expectSameStream(seats: Seat[], beat: number, provider = /Beat \d+: the glass leaves/) {
    const complete = seats.map((s) => s.complete.find((c) => c.beat === beat));
    for (const c of complete) expect(c).toEqual(complete[0]);
    expect(complete[0]!.narrative).toMatch(provider);
    for (const seat of seats) expect(streamedText(seat, beat)).toBe(complete[0]!.narrative);
  }

  it("turns mode: three players, ten beats, the model's chunks reach everyone in order", async () => {
    const seats = await party('turns', ['oa1', 'ob1', 'oc1']);
    seats[0]!.room.send('start', {});
    for (let beat = 1; beat <= 10; beat++) {
      await until(() => seats[0]!.room.state.phase === 'acting' && seats[0]!.room.state.turn !== '');
      const mover = seats.find((s) => s.room.sessionId === seats[0]!.room.state.turn)!;
      mover.room.send('action', { text: `I listen to the glass (${beat}).` });
      await until(() => seats.every((s) => s.complete.some((c) => c.beat === beat)));
      expectSameStream(seats, beat);
      expect(seats.every((s) => s.chunks.filter((c) => c.beat === beat).length > 3)).toBe(true);
    }
    await until(() => seats[0]!.room.state.beat === 10);
    expect(seats[0]!.room.state.scene.location).toBe('orchard'); // beat 2's lawful move
    const saved = await server.deps.log.load(seats[0]!.room.state.code);
    const beats = saved!.events.filter((e) => e.type === 'beat');
    expect(beats.every((b) => b.type === 'beat' && b.provider === 'openai:test-model' && b.usage?.promptTokens === 120)).toBe(true);
  });

  it('vote mode: three players, ten beats over the model', async () => {
    const seats = await party('vote', ['oa2', 'ob2', 'oc2']);
    seats[0]!.room.send('start', {});
    await until(() => seats.every((s) => s.complete.some((c) => c.beat === 1)));
    expectSameStream(seats, 1);
    for (let beat = 2; beat <= 11; beat++) {
      await until(() => seats.every((s) => s.room.state.phase === 'voting' && s.room.state.beat === beat - 1));
      expect(seats[0]!.room.state.choices.map((c) => c.id)).toEqual(['go-orchard', 'ask-maren']);
      for (const seat of seats) seat.room.send('vote', { choiceId: beat % 2 ? 'ask-maren' : 'go-orchard' });
      await until(() => seats.every((s) => s.complete.some((c) => c.beat === beat)));
      expectSameStream(seats, beat);
    }
  });

  it("refuses rule-breaking state changes and applies the lawful ones", async () => {
    mode = 'rulebreaker';
    const seats = await party('turns', ['oa3', 'ob3']);
    seats[0]!.room.send('start', {});
    await until(() => seats[0]!.room.state.turn !== '');
    seats.find((s) => s.room.sessionId === seats[0]!.room.state.turn)!.room.send('action', { text: 'I search the stalls.' });
    await until(() => seats[0]!.complete.length === 1);
    const saved = await server.deps.log.load(seats[0]!.room.state.code);
    const beat = saved!.events.find((e) => e.type === 'beat');
    expect(beat?.type === 'beat' && beat.rejected.map((r) => r.reason)).toEqual(['unknown location "the-moon"', 'unknown item "excalibur"', expect.stringMatching(/^malformed/)]);
    expect(beat?.type === 'beat' && beat.applied).toEqual([{ type: 'give_item', player: 'oa3', item: 'lens' }]);
    await until(() => seats[0]!.room.state.sheets.get(seats[0]!.room.sessionId)?.inventory.length === 1);
    expect([...seats[0]!.room.state.sheets.get(seats[0]!.room.sessionId)!.inventory]).toEqual(['Smoked Lens']);
    expect(seats[0]!.room.state.scene.location).toBe('market-stair');
  });

  it('a malformed answer is refused: the beat fails over to the offline narrator', async () => {
    mode = 'malformed';
    const seats = await party('turns', ['oa4', 'ob4']);
    seats[0]!.room.send('start', {});
    await until(() => seats[0]!.room.state.turn !== '');
    const before = fake.requests.length;
    seats.find((s) => s.room.sessionId === seats[0]!.room.state.turn)!.room.send('action', { text: 'I wait.' });
    await until(() => seats.every((s) => s.complete.length === 1));
    expect(fake.requests.length - before).toBe(2); // the attempt and its one retry
    expect(seats[0]!.complete[0]!.narrative).not.toMatch(/Half a thought/);
    for (const seat of seats) expect(streamedText(seat, 1)).toBe(seat.complete[0]!.narrative);
    const saved = await server.deps.log.load(seats[0]!.room.state.code);
    expect(saved!.events.find((e) => e.type === 'beat')).toMatchObject({ provider: 'offline' });
  });

  it('a stalled provider fails over within the timeout, and the players are told to restart the beat', async () => {
    mode = 'stall';
    const seats = await party('turns', ['oa5', 'ob5']);
    seats[0]!.room.send('start', {});
    await until(() => seats[0]!.room.state.turn !== '');
    const started = Date.now();
    seats.find((s) => s.room.sessionId === seats[0]!.room.state.turn)!.room.send('action', { text: 'I wait.' });
    await until(() => seats.every((s) => s.complete.length === 1), 5000);
    // Two stalled attempts of 300 ms idle each, then the offline narrator.
    expect(Date.now() - started).toBeLessThan(2000);
    for (const seat of seats) {
      expect(seat.chunks.some((c) => c.restart === true)).toBe(true);
      expect(streamedText(seat, 1)).toBe(seat.complete[0]!.narrative);
    }
  });
});
