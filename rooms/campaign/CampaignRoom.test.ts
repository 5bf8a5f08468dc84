import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCampaign, joinCampaign, leaveAll, refusalOf, startCampaignServer, streamedText, until, type CampaignTestServer, type Seat } from './campaign-test-kit';
import type { GameMaster } from './game-master/game-master';
import { OfflineNarrator } from './game-master/offline-narrator';
import { replay } from './rules/apply-event';

const WORLD = 'the-glass-orchard';
let server: CampaignTestServer;
const open: Seat[] = [];

beforeAll(async () => {
  server = await startCampaignServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(async () => {
  await leaveAll(...open.splice(0));
  server.useGameMaster(new OfflineNarrator());
  server.deps.timings.turnSeconds = 30;
  server.deps.timings.voteSeconds = 30;
});

async function party(mode: 'turns' | 'vote', names = ['ana', 'bo', 'cy'], extra: { seed?: number; seats?: number } = {}): Promise<Seat[]> {
  const host = await createCampaign(server, names[0]!, { worldId: WORLD, mode, seed: extra.seed ?? 42, ...(extra.seats ? { seats: extra.seats } : {}) });
  open.push(host);
  for (const name of names.slice(1)) open.push(await joinCampaign(server, name, host.room.state.code));
  const seats = open.slice(-names.length);
  await until(() => seats.every((s) => s.room.state.players.size === names.length));
  return seats;
}

const sessionOf = (seats: Seat[], sessionId: string) => seats.find((s) => s.room.sessionId === sessionId)!;

function expectSameBeat(seats: Seat[], beat: number) {
  const [first, ...others] = seats.map((s) => s.complete.find((c) => c.beat === beat));
  expect(first).toBeDefined();
  for (const other of others) expect(other).toEqual(first);
  // Chunks reached everyone, in order: each seat's stream spells the final narrative.
  for (const seat of seats) expect(streamedText(seat, beat)).toBe(first!.narrative);
}

describe('campaign room: turns mode', () => {
  it('three players play ten beats round-robin; everyone sees the same streamed narration', async () => {
    const seats = await party('turns');
    const [host] = seats;
    expect(host!.room.state.code).toMatch(/^[A-Z2-9]{6}$/);
    expect(host!.room.state.players.get(host!.room.sessionId)?.host).toBe(true);
    host!.room.send('start', {});
    await until(() => host!.room.state.phase === 'acting');
    const order: string[] = [];
    for (let beat = 1; beat <= 10; beat++) {
      await until(() => seats.every((s) => s.room.state.phase === 'acting' && s.room.state.turn !== ''));
      const mover = sessionOf(seats, host!.room.state.turn);
      order.push(mover.userId);
      const idle = seats.find((s) => s !== mover)!;
      expect(await refusalOf(idle, () => idle.room.send('action', { text: 'I push ahead of the others.' }))).toBe('NOT_YOUR_TURN');
      mover.room.send('action', { text: beat === 2 ? 'I walk up to the orchard and listen to the trees.' : `I look around carefully (${beat}).` });
      await until(() => seats.every((s) => s.complete.some((c) => c.beat === beat)));
      expectSameBeat(seats, beat);
    }
    expect(order).toEqual(['ana', 'bo', 'cy', 'ana', 'bo', 'cy', 'ana', 'bo', 'cy', 'ana']);
    await until(() => seats.every((s) => s.room.state.beat === 10));
    const state = host!.room.state;
    expect(state.beat).toBe(10);
    expect(state.recent.length).toBeGreaterThan(0);
    // Beat 2 mentioned the orchard: the party went there (a rule-checked move).
    expect(host!.complete.find((c) => c.beat === 2)?.narrative).toContain('The Glass Orchard');

    // The log replays to the same campaign the players see.
    const saved = await server.deps.log.load(state.code);
    const world = server.deps.worlds.get(WORLD)!;
    expect(state.scene.locationName).toBe(world.locations.find((l) => l.id === state.scene.location)?.name);
    const model = replay(world, saved!.events);
    expect(model.beat).toBe(10);
    expect(model.scene.location).toBe(state.scene.location);
    expect(model.lastBeat?.narrative).toBe(state.narrative);
    for (const seat of seats) {
      const sheet = model.players.find((p) => p.id === seat.userId)!;
      const shown = state.sheets.get(seat.room.sessionId)!;
      expect(Object.fromEntries(shown.stats.entries())).toEqual(sheet.stats);
      expect(shown.inventory.length).toBe(sheet.inventory.length);
    }
  });

  it('the same seed gives the same opening; private goals reach only their owner', async () => {
    const [a, b] = await party('turns', ['dee', 'eli'], { seed: 7 });
    a!.room.send('start', {});
    await until(() => b!.room.state.phase === 'acting');
    const first = a!.room.state.narrative;
    await leaveAll(...open.splice(0));
    const [c] = await party('turns', ['fay', 'gus'], { seed: 7 });
    c!.room.send('start', {});
    await until(() => c!.room.state.phase === 'acting');
    expect(c!.room.state.narrative).toBe(first);

    const [own, other] = [c!, open.at(-1)!];
    await until(() => (own.room.state.sheets.get(own.room.sessionId)?.goal ?? '') !== '');
    expect(own.room.state.sheets.get(own.room.sessionId)?.goal).toMatch(/^Privately/);
    // The other player's sheet is visible (name, stats), its private goal is not.
    const theirs = own.room.state.sheets.get(other.room.sessionId);
    expect(theirs?.name).toBeTruthy();
    expect(theirs?.stats.get('health')).toBe(10);
    expect(theirs?.goal ?? '').toBe('');
  });

  it('refuses out-of-order and malformed messages without changing anything', async () => {
    const [host, guest] = await party('turns', ['hal', 'ivy']);
    expect(await refusalOf(guest!, () => guest!.room.send('start', {}))).toBe('NOT_HOST');
    expect(await refusalOf(host!, () => host!.room.send('action', { text: 'too early' }))).toBe('NOT_STARTED');
    expect(await refusalOf(host!, () => host!.room.send('vote', { choiceId: 'x' }))).toBe('WRONG_MODE');
    expect(await refusalOf(host!, () => host!.room.send('action', { text: '' }))).toBe('INVALID_MESSAGE');
    expect(await refusalOf(host!, () => host!.room.send('dance', {}))).toBe('UNKNOWN_MESSAGE');
    expect(host!.room.state.phase).toBe('lobby');
  });

  it('reports each client message and each applied command for /metrics', async () => {
    const [host, guest] = await party('turns', ['tm1', 'tm2']);
    const { messages, steps } = server.telemetry;
    const [messagesBefore, stepsBefore] = [messages.length, steps.length];
    expect(await refusalOf(guest!, () => guest!.room.send('start', {}))).toBe('NOT_HOST');
    host!.room.send('chat', { text: 'Ready?' });
    host!.room.send('start', {});
    await until(() => host!.room.state.turn === host!.room.sessionId);
    host!.room.send('action', { text: 'I open the gate.' });
    await until(() => steps.length === stepsBefore + 2);
    expect(messages.slice(messagesBefore)).toEqual(['campaign', 'campaign', 'campaign', 'campaign']);
    expect(steps.slice(stepsBefore)).toEqual(['campaign:start', 'campaign:action']); // a refusal is not a step
  });

  it('a turn that runs out passes to the next player', async () => {
    server.deps.timings.turnSeconds = 0.3;
    const seats = await party('turns', ['jo', 'kai', 'lu']);
    seats[0]!.room.send('start', {});
    await until(() => seats[0]!.room.state.phase === 'acting' && seats[0]!.room.state.turn !== '');
    const first = seats[0]!.room.state.turn;
    expect(seats[0]!.room.state.deadline).toBeGreaterThan(Date.now() - 1000);
    await until(() => seats[0]!.room.state.turn !== first, 3000);
    expect(seats[0]!.room.state.turn).toBe(seats[1]!.room.sessionId);
  });
});

describe('campaign room: vote mode', () => {
  it('three players vote through ten beats; a majority closes each vote at once', async () => {
    const seats = await party('vote');
    const [host] = seats;
    host!.room.send('start', {});
    await until(() => seats.every((s) => s.complete.some((c) => c.beat === 1)));
    expectSameBeat(seats, 1);
    for (let beat = 2; beat <= 11; beat++) {
      await until(() => seats.every((s) => s.room.state.phase === 'voting' && s.room.state.beat === beat - 1));
      const choices = host!.room.state.choices.map((c) => c.id);
      expect(choices.length).toBeGreaterThan(0);
      // On the first and the last vote: refusals every beat pile up to the host's message budget
      // (burst 20) on a slow machine, and the budget is not what this test is about.
      if (beat === 2 || beat === 11) {
        expect(await refusalOf(host!, () => host!.room.send('action', { text: 'I act alone' }))).toBe('WRONG_MODE');
        expect(await refusalOf(host!, () => host!.room.send('vote', { choiceId: 'not-a-choice' }))).toBe('INVALID_CHOICE');
      }
      const pick = choices[beat % choices.length]!;
      seats[1]!.room.send('vote', { choiceId: pick });
      await until(() => host!.room.state.choices.find((c) => c.id === pick)?.votes === 1);
      expect(host!.room.state.phase).toBe('voting'); // one of three is no majority
      seats[2]!.room.send('vote', { choiceId: pick });
      await until(() => seats.every((s) => s.complete.some((c) => c.beat === beat)));
      expectSameBeat(seats, beat);
    }
    await until(() => host!.room.state.beat === 11);
    expect(host!.room.state.beat).toBe(11);
  });

  it('when the vote timer runs out, the most-voted choice wins', async () => {
    server.deps.timings.voteSeconds = 1;
    const seats = await party('vote', ['mo', 'ned', 'oz']);
    seats[0]!.room.send('start', {});
    await until(() => seats[0]!.room.state.phase === 'voting');
    const last = seats[0]!.room.state.choices.at(-1)!.id;
    seats[0]!.room.send('vote', { choiceId: last });
    await until(() => seats[0]!.complete.some((c) => c.beat === 2), 6000);
    const saved = await server.deps.log.load(seats[0]!.room.state.code);
    expect(saved!.events.find((e) => e.type === 'vote_closed')).toEqual({ type: 'vote_closed', choiceId: last, tally: { [last]: 1 }, tieBrokenBy: null });
  });

  it('a vote nobody casts waits past its timer; the first vote starts the timer again', async () => {
    server.deps.timings.voteSeconds = 1;
    const seats = await party('vote', ['nv1', 'nv2']);
    const [host, guest] = seats;
    host!.room.send('start', {});
    await until(() => host!.room.state.phase === 'voting' && host!.room.state.deadline > 0);
    // The timer runs out with no votes: the deadline goes, the beat stays.
    expect(await until(() => host!.room.state.deadline === 0, 4000)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(host!.room.state.beat).toBe(1);
    expect(host!.room.state.phase).toBe('voting');
    const pick = host!.room.state.choices[0]!.id;
    guest!.room.send('vote', { choiceId: pick });
    await until(() => host!.room.state.deadline > 0);
    expect(host!.room.state.players.get(guest!.room.sessionId)?.vote).toBe(pick);
    expect(await until(() => host!.complete.some((c) => c.beat === 2), 6000)).toBe(true);
  });

  it('a split vote is settled by the earliest vote and narrated as a split', async () => {
    const seats = await party('vote', ['sp1', 'sp2']);
    const [host, guest] = seats;
    host!.room.send('start', {});
    await until(() => host!.room.state.phase === 'voting');
    const [first, second] = host!.room.state.choices.map((c) => c.id);
    guest!.room.send('vote', { choiceId: second! });
    await until(() => host!.room.state.choices.find((c) => c.id === second)?.votes === 1);
    host!.room.send('vote', { choiceId: first! });
    await until(() => host!.complete.some((c) => c.beat === 2));
    const told = host!.complete.find((c) => c.beat === 2)!;
    expect(told.narrative).toContain('The party was split');
    expect(told.narrative).toContain(`${guest!.room.state.players.get(guest!.room.sessionId)?.name ?? ''} voted first`);
    const saved = await server.deps.log.load(host!.room.state.code);
    expect(saved!.events.find((e) => e.type === 'vote_closed')).toMatchObject({ choiceId: second, tieBrokenBy: guest!.userId });
  });
});

describe('campaign room: the party', () => {
  it('players are shown by the name they give, made unique at the table', async () => {
    const host = await createCampaign(server, 'nm1', { worldId: WORLD, mode: 'turns', name: 'Ann' });
    open.push(host);
    const twin = await joinCampaign(server, 'nm2', host.room.state.code, { name: 'Ann' });
    open.push(twin);
    const plain = await joinCampaign(server, 'nm3', host.room.state.code);
    open.push(plain);
    await until(() => host.room.state.players.size === 3);
    expect([...host.room.state.players.values()].map((p) => p.name).sort()).toEqual(['Ann', 'Ann (2)', 'Player 3']);
  });

  it('a name with markup is refused; a player can play one of the world characters, one player each', async () => {
    await expect(createCampaign(server, 'nm0', { worldId: WORLD, mode: 'turns', name: '<b>x</b>' })).rejects.toThrow(/INVALID_NAME/);
    const host = await createCampaign(server, 'ch1', { worldId: WORLD, mode: 'turns', name: 'Nia', character: 'maren' });
    open.push(host);
    await expect(joinCampaign(server, 'ch2', host.room.state.code, { name: 'Oren', character: 'maren' })).rejects.toThrow(/CHARACTER_TAKEN/);
    await expect(joinCampaign(server, 'ch2', host.room.state.code, { name: 'Oren', character: 'nobody' })).rejects.toThrow(/INVALID_CHARACTER/);
    open.push(await joinCampaign(server, 'ch2', host.room.state.code, { name: 'Oren' }));
    await until(() => host.room.state.players.size === 2);
    const seats = [...host.room.state.players.values()].map((p) => ({ name: p.name, character: p.character })).sort((a, b) => a.name.localeCompare(b.name));
    expect(seats).toEqual([{ name: 'Nia', character: 'Maren Stull' }, { name: 'Oren', character: '' }]);
  });

  it('a campaign nobody has open is picked up from its log by its code', async () => {
    const seats = await party('turns', ['rs1', 'rs2']);
    seats[0]!.room.send('start', {});
    await until(() => seats[0]!.room.state.turn !== '');
    seats.find((s) => s.room.sessionId === seats[0]!.room.state.turn)!.room.send('action', { text: 'I pocket a glass pear.' });
    await until(() => seats[0]!.room.state.beat === 1);
    const code = seats[0]!.room.state.code;
    const narrative = seats[0]!.room.state.narrative;
    await leaveAll(...open.splice(0));
    await until(() => false, 300); // the room disposes once empty
    await expect(createCampaign(server, 'rs2', { resume: 'ZZZZZZ' })).rejects.toThrow(/BAD_CODE/);
    const back = await createCampaign(server, 'rs2', { resume: code });
    open.push(back);
    expect(back.room.roomId).toBe(code);
    expect(back.room.state.beat).toBe(1);
    expect(back.room.state.narrative).toBe(narrative);
    await expect(createCampaign(server, 'rs1', { resume: code })).rejects.toThrow(/CAMPAIGN_RUNNING/);
    open.push(await joinCampaign(server, 'rs1', code));
    await until(() => back.room.state.players.size === 2);
    expect(back.room.state.phase).toBe('acting');
  });

  it('a late joiner sees the story so far and takes turns after the others', async () => {
    const [a, b] = await party('turns', ['lj1', 'lj2']);
    a!.room.send('start', {});
    await until(() => a!.room.state.turn === a!.room.sessionId);
    a!.room.send('action', { text: 'I knock on the Mirror House door.' });
    await until(() => a!.room.state.beat === 1 && a!.room.state.turn === b!.room.sessionId);
    const late = await joinCampaign(server, 'lj3', a!.room.state.code);
    open.push(late);
    await until(() => late.room.state.narrative !== '' && late.room.state.recent.length === 1);
    expect(late.room.state.narrative).toBe(a!.room.state.narrative);
    expect(late.room.state.turn).toBe(b!.room.sessionId);
    b!.room.send('action', { text: 'I wait.' });
    await until(() => a!.room.state.beat === 2);
    await until(() => a!.room.state.turn === late.room.sessionId);
    expect(a!.room.state.turn).toBe(late.room.sessionId);
  });

  it('a beat cut off mid-narration (the room went away) is told when the campaign is resumed', async () => {
    server.useGameMaster({ name: 'hanging', narrate: (_request, sink) => (sink.chunk('The lamps'), new Promise(() => undefined)) });
    const seats = await party('turns', ['mn1', 'mn2']);
    seats[0]!.room.send('start', {});
    await until(() => seats[0]!.room.state.turn === seats[0]!.room.sessionId);
    seats[0]!.room.send('action', { text: 'I light the last lamp.' });
    await until(() => seats[0]!.room.state.phase === 'narrating' && seats[0]!.chunks.length > 0);
    const code = seats[0]!.room.state.code;
    await leaveAll(...open.splice(0));
    await until(() => false, 300);
    server.useGameMaster(new OfflineNarrator());
    const back = await createCampaign(server, 'mn1', { resume: code });
    open.push(back);
    await until(() => back.complete.length === 1);
    expect(back.complete[0]?.beat).toBe(1);
    expect(back.complete[0]?.narrative).toContain('lights the last lamp.'); // the action, retold
  });

  it('chat and typing reach everyone', async () => {
    const [a, b] = await party('turns', ['pia', 'quin']);
    b!.room.send('typing', { typing: true });
    await until(() => a!.room.state.players.get(b!.room.sessionId)?.typing === true);
    b!.room.send('chat', { text: 'Shall we?' });
    await until(() => a!.chat.length > 0 && b!.chat.length > 0);
    expect(a!.chat[0]).toMatchObject({ from: b!.room.sessionId, text: 'Shall we?' });
    await until(() => a!.room.state.players.get(b!.room.sessionId)?.typing === false);
    b!.room.send('ready', { ready: true });
    await until(() => a!.room.state.players.get(b!.room.sessionId)?.ready === true);
  });

  it('seats are limited, the host can kick, and the host role passes on when the host leaves', async () => {
    const [host, guest] = await party('turns', ['rae', 'sol'], { seats: 2 });
    const code = host!.room.state.code;
    await expect(joinCampaign(server, 'tess', code)).rejects.toThrow(/CAMPAIGN_FULL/);
    await expect(joinCampaign(server, 'tess', 'ZZZZZZ')).rejects.toThrow();
    expect(await refusalOf(guest!, () => guest!.room.send('kick', { sessionId: host!.room.sessionId }))).toBe('NOT_HOST');
    host!.room.send('kick', { sessionId: guest!.room.sessionId });
    await until(() => host!.room.state.players.size === 1);
    expect(guest!.errors.at(-1)?.code).toBe('KICKED');
    await expect(joinCampaign(server, 'sol', code)).rejects.toThrow(/KICKED/);
    const third = await joinCampaign(server, 'uma', code);
    open.push(third);
    await until(() => third.room.state.players.size === 2);
    await host!.room.leave();
    await until(() => third.room.state.players.get(third.room.sessionId)?.host === true);
    expect(third.room.state.players.size).toBe(1);
  });

  it('a dropped player keeps their seat while they reconnect', async () => {
    const [host, guest] = await party('turns', ['vic', 'wes']);
    const token = guest!.room.reconnectionToken;
    await guest!.room.leave(false); // the socket drops
    await until(() => host!.room.state.players.get(guest!.room.sessionId)?.connected === false);
    const back = await guest!.client.reconnect(token);
    await until(() => host!.room.state.players.get(back.sessionId)?.connected === true);
    expect(host!.room.state.players.size).toBe(2);
    open.push({ ...guest!, room: back as never });
  });
});

describe('campaign room: game masters', () => {
  it('a game master that fails falls back to the offline narrator; refused changes are logged, never applied', async () => {
    const offline = new OfflineNarrator();
    const rogue: GameMaster = {
      name: 'rogue',
      async narrate(request, sink, signal) {
        const beat = await offline.narrate(request, sink, signal);
        return { ...beat, output: { ...beat.output, state_changes: [{ type: 'move', location: 'atlantis' }, { type: 'stat', player: 'nobody', stat: 'health', delta: 2 }, { nonsense: true }] } };
      },
    };
    server.useGameMaster(rogue);
    const [host, guest] = await party('turns', ['xan', 'yve']);
    host!.room.send('start', {});
    await until(() => host!.room.state.turn !== '');
    const before = host!.room.state.scene.location;
    sessionOf([host!, guest!], host!.room.state.turn).room.send('action', { text: 'We wait.' });
    await until(() => host!.complete.length === 1);
    expect(host!.room.state.scene.location).toBe(before);
    const saved = await server.deps.log.load(host!.room.state.code);
    const beat = saved!.events.find((e) => e.type === 'beat');
    expect(beat?.type === 'beat' && beat.rejected.map((r) => r.reason)).toEqual([
      'unknown location "atlantis"',
      '"nobody" is not in the party',
      expect.stringMatching(/^malformed/),
    ]);
    expect(server.warnings.some((w) => w.message.includes('refused by the rules'))).toBe(true);

    server.useGameMaster({ name: 'broken', narrate: async () => Promise.reject(new Error('down')) });
    await until(() => host!.room.state.phase === 'acting');
    sessionOf([host!, guest!], host!.room.state.turn).room.send('action', { text: 'We go on.' });
    await until(() => host!.complete.length === 2);
    expect(host!.complete[1]?.narrative).toBeTruthy();
  });
});
