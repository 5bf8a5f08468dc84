import { Room, ServerError, matchMaker, type Client, type Deferred } from '@colyseus/core';
import { StateView } from '@colyseus/schema';
import { MessageBudget } from '../shared/message-budget';
import { validator, type Parsed } from '../shared/message-validator';
import { authenticatePlayer, type PlayerAuthData, type PlayerAuthenticator } from '../shared/player-auth';
import type { CampaignLog, CampaignMeter, CampaignRecord, WorldCatalog } from './campaign-services';
import { CampaignState, CharacterSheetState } from './CampaignState';
import { beatOutputSchema, type GameMaster, type NarratedBeat } from './game-master/game-master';
import { OfflineNarrator } from './game-master/offline-narrator';
import { newInviteCode } from './invite-code';
import {
  actionSchema,
  CampaignMessage,
  chatSchema,
  createOptionsSchema,
  emptySchema,
  joinOptionsSchema,
  readySchema,
  targetSchema,
  typingSchema,
  voteSchema,
  type CampaignCreateOptions,
  type CampaignErrorMessage,
  type ChatMessage,
  type StoryChunkMessage,
  type StoryCompleteMessage,
} from './protocol';
import { renderCampaign } from './render-state';
import { beatRequest } from './rules/beat-request';
import { applyEvent, newCampaign, partyOf, playerOf, replay, rulesViewOf, voteOutcome, type CampaignEvent, type CampaignModel } from './rules/model';
import { checkStateChanges } from './rules/state-changes';
import type { CampaignWorld } from './rules/world';

export interface CampaignRoomLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface CampaignTimings {
  /** Seconds a player has for their turn before it passes on. */
  turnSeconds: number;
  /** Seconds a vote stays open before the most-voted choice wins. */
  voteSeconds: number;
  /** Seconds a dropped player's seat waits for them. */
  reconnectSeconds: number;
}

export interface CampaignRoomDeps {
  worlds: WorldCatalog;
  log: CampaignLog;
  meter: CampaignMeter;
  gameMaster: GameMaster;
  auth: PlayerAuthenticator;
  logger: CampaignRoomLogger;
  timings?: Partial<CampaignTimings>;
}

interface Refusal {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

const DEFAULT_TIMINGS: CampaignTimings = { turnSeconds: 90, voteSeconds: 60, reconnectSeconds: 30 };
const MAX_PENDING_MESSAGES = 16;

/**
 * One campaign: a room actor holding the authoritative world state of a party. Every change is
 * an event (rules/model.ts) persisted to the log before it is applied, so the campaign can be
 * replayed after a restart or forked from any beat. Player messages are checked here (turn, phase,
 * host), the game master narrates outside the mailbox while chat and presence go on, and its
 * proposed state changes pass the rules before they are committed.
 */
export abstract class CampaignRoom extends Room<CampaignState> {
  protected abstract readonly deps: CampaignRoomDeps;
  private world!: CampaignWorld;
  private model!: CampaignModel;
  private record!: Omit<CampaignRecord, 'hostUserId'> & { hostUserId: string | null };
  private seq = 0;
  private logCreated = false;
  private pendingEvents: CampaignEvent[] = [];
  private timings!: CampaignTimings;
  private mailbox: Promise<void> = Promise.resolve();
  private pendingMessages = 0;
  private readonly sessions = new Map<string, string>();
  private readonly connected = new Set<string>();
  private readonly reconnections = new Map<string, Deferred<Client>>();
  private readonly seatPresence = new Map<string, { typing: boolean; ready: boolean }>();
  private readonly sheets = new Map<string, CharacterSheetState>();
  private readonly budgets = new Map<string, MessageBudget>();
  private readonly spentThisBeat = new Set<string>();
  private readonly fallback = new OfflineNarrator();
  private narration: AbortController | null = null;
  private timer: { clear(): void } | null = null;
  private deadline = 0;
  private errorCount = 0;
  private closing = false;
  private forkHosts: Set<string> | null = null;

  override async onCreate(rawOptions: unknown): Promise<void> {
    const parsed = createOptionsSchema.safeParse(rawOptions);
    if (!parsed.success) throw new ServerError(400, `INVALID_OPTIONS: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    const options = parsed.data;
    this.timings = { ...DEFAULT_TIMINGS, ...this.deps.timings };
    this.patchRate = 0;
    // Without a simulation interval the room clock only ticks on a patch; turn and vote timers
    // need it to run on its own (10 Hz is plenty for timers counted in seconds).
    this.setSimulationInterval(() => undefined, 100);
    await this.setPrivate(true);
    if (options.resume) await this.resume(options.resume);
    else if (options.fork) await this.fork(options.fork);
    else await this.begin(options);
    this.state = new CampaignState();
    this.state.code = this.roomId;
    this.render();
    this.registerMessages();
  }

  private async begin(options: CampaignCreateOptions): Promise<void> {
    const worldId = options.worldId!;
    this.world = this.requireWorld(worldId);
    this.roomId = await this.freshCode();
    const created: CampaignEvent = { type: 'created', worldId, mode: options.mode ?? 'turns', seed: options.seed ?? Math.floor(Math.random() * 2 ** 31), seats: options.seats ?? 6 };
    this.model = newCampaign(this.world, created);
    this.record = { code: this.roomId, worldId: created.worldId, mode: created.mode, seed: created.seed, seats: created.seats, hostUserId: null, forkOf: null };
    this.pendingEvents = [created];
  }

  private async resume(code: string): Promise<void> {
    const saved = await this.deps.log.load(code);
    if (!saved) throw new ServerError(404, `BAD_CODE: there is no campaign ${code}`);
    if ((await matchMaker.query({ roomId: code })).length > 0) throw new ServerError(409, `CAMPAIGN_RUNNING: campaign ${code} is already open; join it by its code`);
    this.world = this.requireWorld(saved.record.worldId);
    this.roomId = code;
    this.model = replay(this.world, saved.events);
    this.record = saved.record;
    this.seq = saved.events.length;
    this.logCreated = true;
  }

  private async fork(from: { code: string; atBeat: number }): Promise<void> {
    const saved = await this.deps.log.load(from.code);
    if (!saved) throw new ServerError(404, `BAD_CODE: there is no campaign ${from.code}`);
    const cut = saved.events.findIndex((e) => e.type === 'beat' && e.beat === from.atBeat);
    if (cut < 0) throw new ServerError(400, `NO_SUCH_BEAT: campaign ${from.code} has no beat ${from.atBeat}`);
    this.world = this.requireWorld(saved.record.worldId);
    this.roomId = await this.freshCode();
    // The fork's log is the original's up to beat N, with its own seats: everyone joins again.
    const prefix = saved.events.slice(0, cut + 1);
    const model = replay(this.world, prefix);
    const leaves: CampaignEvent[] = partyOf(model).map((p) => ({ type: 'left', playerId: p.id, kicked: false }));
    this.model = replay(this.world, [...prefix, ...leaves]);
    this.record = { ...saved.record, code: this.roomId, hostUserId: null, forkOf: { code: from.code, atBeat: from.atBeat } };
    // Rewinding is the host's call: the campaign's creator or its host now.
    this.forkHosts = new Set([saved.record.hostUserId, replay(this.world, saved.events).hostId ?? '']);
    this.pendingEvents = [...prefix, ...leaves];
  }

  private requireWorld(worldId: string): CampaignWorld {
    const world = this.deps.worlds.get(worldId);
    if (!world) throw new ServerError(404, `WORLD_NOT_FOUND: there is no world ${worldId}`);
    return world;
  }

  private async freshCode(): Promise<string> {
    for (let i = 0; i < 10; i++) {
      const code = newInviteCode();
      if ((await matchMaker.query({ roomId: code })).length === 0 && !(await this.deps.log.exists(code))) return code;
    }
    throw new ServerError(503, 'NO_CODE: could not find a free invite code; try again');
  }

  private registerMessages(): void {
    this.onMessage(CampaignMessage.start, (client, m: Parsed<unknown>) => this.receive(client, m, () => this.start(client)), validator(emptySchema));
    this.onMessage(CampaignMessage.action, (client, m: Parsed<{ text: string }>) => this.receive(client, m, (v) => this.act(client, v.text)), validator(actionSchema));
    this.onMessage(CampaignMessage.vote, (client, m: Parsed<{ choiceId: string }>) => this.receive(client, m, (v) => this.vote(client, v.choiceId)), validator(voteSchema));
    this.onMessage(CampaignMessage.kick, (client, m: Parsed<{ sessionId: string }>) => this.receive(client, m, (v) => this.kick(client, v.sessionId)), validator(targetSchema));
    this.onMessage(CampaignMessage.handover, (client, m: Parsed<{ sessionId: string }>) => this.receive(client, m, (v) => this.handOver(client, v.sessionId)), validator(targetSchema));
    this.onMessage(CampaignMessage.chat, (client, m: Parsed<{ text: string }>) => this.direct(client, m, (v) => this.chat(client, v.text)), validator(chatSchema));
    this.onMessage(CampaignMessage.typing, (client, m: Parsed<{ typing: boolean }>) => this.direct(client, m, (v) => this.setPresence(client, { typing: v.typing })), validator(typingSchema));
    this.onMessage(CampaignMessage.ready, (client, m: Parsed<{ ready: boolean }>) => this.direct(client, m, (v) => this.setPresence(client, { ready: v.ready })), validator(readySchema));
    this.onMessage('*', (client, type) => this.refuse(client, { code: 'UNKNOWN_MESSAGE', message: `The campaign room has no message "${String(type)}"` }));
  }

  override async onJoin(client: Client, options: unknown, auth: PlayerAuthData): Promise<void> {
    const wanted = joinOptionsSchema.safeParse(options ?? {});
    const name = wanted.success ? wanted.data.name : undefined;
    await this.inMailbox(async () => {
      const userId = auth.userId;
      if (this.model.kicked.includes(userId)) throw new ServerError(403, 'KICKED: the host removed you from this campaign');
      for (const [sessionId, playerId] of this.sessions) {
        if (playerId !== userId) continue;
        const waiting = this.reconnections.get(sessionId);
        if (!waiting) throw new ServerError(409, 'ALREADY_JOINED: you are already in this campaign in another window');
        // A reload while the old socket waits for reconnection: the new one takes the seat.
        this.reconnections.delete(sessionId);
        this.dropSession(sessionId);
        waiting.reject(new Error('replaced by a new session'));
      }
      if (this.record.hostUserId === null && this.forkHosts && !this.forkHosts.has(userId)) throw new ServerError(403, 'NOT_HOST: only the host of a campaign can fork it');
      if (this.record.hostUserId === null) this.record.hostUserId = userId;
      const player = playerOf(this.model, userId);
      if (!player?.inParty && partyOf(this.model).length >= this.model.seats) throw new ServerError(403, `CAMPAIGN_FULL: all ${this.model.seats} seats are taken`);
      await this.ensureLog();
      if (!player?.inParty) await this.commit({ type: 'joined', playerId: userId, name: uniqueName(this.model, userId, name ?? player?.name ?? `Player ${this.model.players.length + 1}`) });
      // No host with a seat in the room (a resumed or forked campaign): whoever comes first hosts.
      const host = this.model.hostId;
      if (host !== userId && (host === null || ![...this.sessions.values()].includes(host))) await this.commit({ type: 'host', playerId: userId });
      this.sessions.set(client.sessionId, userId);
      this.connected.add(client.sessionId);
      this.seatPresence.set(client.sessionId, { typing: false, ready: false });
      this.budgets.set(client.sessionId, new MessageBudget(20, 5, this.clock.currentTime));
      this.render();
      client.view = new StateView();
      client.view.add(this.sheetOf(userId));
      this.broadcastPatch();
      await this.keepPlayMoving();
    });
  }

  override async onLeave(client: Client, consented: boolean): Promise<void> {
    const userId = this.sessions.get(client.sessionId);
    // A process shutting down is not the party leaving: the log keeps them seated for the resume.
    if (userId === undefined || this.closing) return;
    this.connected.delete(client.sessionId);
    this.seatPresence.delete(client.sessionId);
    this.render();
    this.broadcastPatch();
    if (!consented) {
      // Hold the seat first (a quick reconnect must find it), then pass a turn they cannot play.
      const waiting = this.allowReconnection(client, this.timings.reconnectSeconds);
      this.reconnections.set(client.sessionId, waiting);
      void this.inMailbox(() => this.keepPlayMoving()).catch((error: unknown) => this.failed(error, 'onLeave'));
      try {
        await waiting;
        this.reconnections.delete(client.sessionId);
        this.connected.add(client.sessionId);
        this.seatPresence.set(client.sessionId, { typing: false, ready: false });
        this.render();
        this.broadcastPatch();
        await this.inMailbox(() => this.keepPlayMoving());
        return;
      } catch {
        this.reconnections.delete(client.sessionId);
        if (this.sessions.get(client.sessionId) !== userId) return; // replaced by a newer session
      }
    }
    await this.inMailbox(async () => {
      this.dropSession(client.sessionId);
      if (playerOf(this.model, userId)?.inParty) await this.commit({ type: 'left', playerId: userId, kicked: false });
      await this.handOverIfHostAway();
      await this.keepPlayMoving();
    });
  }

  override async onBeforeShutdown(): Promise<void> {
    this.closing = true;
    this.narration?.abort();
    await this.mailbox;
    super.onBeforeShutdown();
  }

  override onDispose(): void {
    this.narration?.abort();
    this.timer?.clear();
  }

  override onUncaughtException(error: Error, methodName: string): void {
    this.failed(error, methodName);
  }

  // ---- messages ---------------------------------------------------------------------------

  /** Game messages go through the mailbox, one at a time, in arrival order. */
  private receive<T>(client: Client, message: Parsed<T>, handle: (value: T) => Promise<void>): void {
    if (!this.budgets.get(client.sessionId)?.take(this.clock.currentTime)) return this.refuse(client, { code: 'RATE_LIMITED', message: 'Too many messages; slow down' });
    if (!message.ok) return this.refuse(client, { code: 'INVALID_MESSAGE', message: message.message });
    if (this.pendingMessages >= MAX_PENDING_MESSAGES) return this.refuse(client, { code: 'RATE_LIMITED', message: 'The table is busy; try again in a moment' });
    this.pendingMessages++;
    void this.inMailbox(() => handle(message.value))
      .catch((error: unknown) => this.failed(error, 'message'))
      .finally(() => this.pendingMessages--);
  }

  /** Chat and presence need no ordering with the game: handled at once. */
  private direct<T>(client: Client, message: Parsed<T>, handle: (value: T) => void): void {
    if (!this.budgets.get(client.sessionId)?.take(this.clock.currentTime)) return this.refuse(client, { code: 'RATE_LIMITED', message: 'Too many messages; slow down' });
    if (!message.ok) return this.refuse(client, { code: 'INVALID_MESSAGE', message: message.message });
    handle(message.value);
  }

  private async start(client: Client): Promise<void> {
    const userId = this.sessions.get(client.sessionId);
    if (userId !== this.model.hostId) return this.refuse(client, { code: 'NOT_HOST', message: 'Only the host can start the campaign' });
    if (this.model.phase !== 'lobby') return this.refuse(client, { code: 'ALREADY_STARTED', message: 'The campaign has already started' });
    await this.commit({ type: 'started' });
    // Vote mode opens with a narrated beat; turns mode is acting at once (see the 'started' event).
    if ((this.model.phase as string) === 'narrating') this.beginNarration();
    else await this.keepPlayMoving();
  }

  private async act(client: Client, text: string): Promise<void> {
    const userId = this.sessions.get(client.sessionId)!;
    if (this.model.mode !== 'turns') return this.refuse(client, { code: 'WRONG_MODE', message: 'This campaign is played by vote: vote for one of the choices' });
    const phaseRefusal = this.phaseRefusal('acting');
    if (phaseRefusal) return this.refuse(client, phaseRefusal);
    if (this.model.turn !== userId) return this.refuse(client, { code: 'NOT_YOUR_TURN', message: `It is ${playerOf(this.model, this.model.turn ?? '')?.name ?? 'someone else'}'s turn`, details: { turn: this.state.turn } });
    const allowance = await this.deps.meter.takeTurn(userId);
    if (!allowance.ok) return this.refuse(client, allowanceRefusal(allowance));
    this.setPresence(client, { typing: false });
    await this.commit({ type: 'action', playerId: userId, text });
    this.beginNarration();
  }

  private async vote(client: Client, choiceId: string): Promise<void> {
    const userId = this.sessions.get(client.sessionId)!;
    if (this.model.mode !== 'vote') return this.refuse(client, { code: 'WRONG_MODE', message: 'This campaign is played in turns: act when it is your turn' });
    const phaseRefusal = this.phaseRefusal('voting');
    if (phaseRefusal) return this.refuse(client, phaseRefusal);
    if (!this.model.choices.some((c) => c.id === choiceId)) return this.refuse(client, { code: 'INVALID_CHOICE', message: `"${choiceId}" is not one of the choices`, details: { choices: this.model.choices.map((c) => c.id) } });
    if (!this.spentThisBeat.has(userId)) {
      const allowance = await this.deps.meter.takeTurn(userId);
      if (!allowance.ok) return this.refuse(client, allowanceRefusal(allowance));
      this.spentThisBeat.add(userId);
    }
    await this.commit({ type: 'voted', playerId: userId, choiceId });
    await this.closeVoteIfDecided(false);
  }

  private async kick(client: Client, target: string): Promise<void> {
    const userId = this.sessions.get(client.sessionId);
    if (userId !== this.model.hostId) return this.refuse(client, { code: 'NOT_HOST', message: 'Only the host can remove players' });
    const targetId = this.sessions.get(target);
    if (targetId === undefined) return this.refuse(client, { code: 'NO_SUCH_PLAYER', message: 'That player is not here' });
    if (targetId === userId) return this.refuse(client, { code: 'INVALID_TARGET', message: 'The host cannot remove themselves; leave instead' });
    await this.commit({ type: 'left', playerId: targetId, kicked: true });
    const kicked = this.clients.find((c) => c.sessionId === target);
    this.dropSession(target);
    this.render();
    this.broadcastPatch();
    if (kicked) {
      this.refuse(kicked, { code: 'KICKED', message: 'The host removed you from this campaign' });
      kicked.leave(4003);
    }
    this.reconnections.get(target)?.reject(new Error('kicked'));
    await this.keepPlayMoving();
  }

  private async handOver(client: Client, target: string): Promise<void> {
    const userId = this.sessions.get(client.sessionId);
    if (userId !== this.model.hostId) return this.refuse(client, { code: 'NOT_HOST', message: 'Only the host can hand over' });
    const targetId = this.sessions.get(target);
    if (targetId === undefined || !this.connected.has(target)) return this.refuse(client, { code: 'NO_SUCH_PLAYER', message: 'That player is not here' });
    await this.commit({ type: 'host', playerId: targetId });
  }

  private chat(client: Client, text: string): void {
    const userId = this.sessions.get(client.sessionId);
    if (userId === undefined) return;
    const message: ChatMessage = { from: client.sessionId, name: playerOf(this.model, userId)?.name ?? 'Someone', text, at: Date.now() };
    this.setPresence(client, { typing: false });
    this.broadcast(CampaignMessage.chat, message);
  }

  private setPresence(client: Client, change: Partial<{ typing: boolean; ready: boolean }>): void {
    const current = this.seatPresence.get(client.sessionId);
    if (!current) return;
    if (Object.entries(change).every(([key, value]) => current[key as keyof typeof current] === value)) return;
    Object.assign(current, change);
    this.render();
    this.broadcastPatch();
  }

  private phaseRefusal(wanted: 'acting' | 'voting'): Refusal | null {
    switch (this.model.phase) {
      case wanted:
        return null;
      case 'lobby':
        return { code: 'NOT_STARTED', message: 'The host has not started the campaign yet' };
      case 'narrating':
        return { code: 'NARRATING', message: 'The game master is still telling the last beat; wait for it' };
      case 'ended':
        return { code: 'CAMPAIGN_ENDED', message: 'This campaign has ended' };
      default:
        return { code: 'WRONG_PHASE', message: `The campaign is ${this.model.phase}` };
    }
  }

  // ---- the game master ----------------------------------------------------------------------

  /** Narrates the pending beat outside the mailbox; the result is committed through it. */
  private beginNarration(): void {
    this.clearTimer();
    const request = beatRequest(this.world, this.model);
    const beat = request.beat;
    const controller = new AbortController();
    this.narration = controller;
    let restart = false;
    const sink = {
      chunk: (text: string) => {
        const message: StoryChunkMessage = restart ? { beat, text, restart: true } : { beat, text };
        restart = false;
        this.broadcast(CampaignMessage.chunk, message);
      },
      restart: () => {
        restart = true;
      },
    };
    const narrate = async (): Promise<NarratedBeat> => {
      try {
        // A game master that ignores the signal must not keep a disposed room waiting.
        const aborted = new Promise<never>((_, reject) => controller.signal.addEventListener('abort', () => reject(new Error('narration cancelled')), { once: true }));
        aborted.catch(() => undefined); // settled by the race, or never looked at
        const narrated = await Promise.race([this.deps.gameMaster.narrate(request, sink, controller.signal), aborted]);
        const valid = beatOutputSchema.safeParse(narrated.output);
        if (valid.success) return { ...narrated, output: valid.data };
        this.deps.logger.warn({ roomId: this.roomId, beat, issues: valid.error.issues }, 'campaign: game master output is malformed; the offline narrator tells this beat');
      } catch (error) {
        if (controller.signal.aborted) throw error;
        this.deps.logger.warn({ err: error, roomId: this.roomId, beat }, 'campaign: every game master failed; the offline narrator tells this beat');
      }
      sink.restart();
      return this.fallback.narrate(request, sink, controller.signal);
    };
    void narrate()
      .then((narrated) => this.inMailbox(() => this.finishBeat(beat, narrated)))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) this.failed(error, 'narration');
      })
      .finally(() => {
        if (this.narration === controller) this.narration = null;
      });
  }

  private async finishBeat(beat: number, narrated: NarratedBeat): Promise<void> {
    const output = narrated.output;
    const actorId = this.model.pending?.kind === 'action' ? this.model.pending.playerId : null;
    const view = rulesViewOf(this.model, (id) => this.isHere(id));
    const { accepted, rejected } = checkStateChanges(this.world, view, output.state_changes);
    if (rejected.length > 0) this.deps.logger.warn({ roomId: this.roomId, beat, provider: narrated.provider, rejected }, 'campaign: state changes refused by the rules');
    await this.commit({
      type: 'beat',
      beat,
      narrative: output.narrative,
      dialogue: output.dialogue,
      choices: output.choices,
      applied: accepted,
      rejected,
      provider: narrated.provider,
      usage: narrated.usage,
      actorId,
    });
    this.spentThisBeat.clear();
    if (narrated.usage) await this.deps.meter.recordUsage(this.roomId, actorId, narrated.usage).catch((error: unknown) => this.deps.logger.warn({ err: error }, 'campaign: usage not recorded'));
    const complete: StoryCompleteMessage = { beat, narrative: output.narrative, dialogue: output.dialogue, choices: this.model.choices };
    this.broadcast(CampaignMessage.complete, complete);
    await this.keepPlayMoving();
  }

  // ---- turns, votes and timers -------------------------------------------------------------

  /** After anything that changes who is here: pass turns that cannot be played, close decided votes, (re)arm timers. */
  private async keepPlayMoving(): Promise<void> {
    if (this.model.phase === 'acting') {
      const here = partyOf(this.model).filter((p) => this.isHere(p.id));
      if (here.length === 0) return this.clearTimer();
      // A dropped player's turn passes at once; one who has not come back since a resume keeps
      // it until the turn timer runs out (so a restarted campaign waits for its party).
      for (let i = 0; i < this.model.players.length && this.model.turn && this.hasDropped(this.model.turn); i++) {
        await this.commit({ type: 'turn_skipped', playerId: this.model.turn });
      }
      this.armTimer('turn');
    } else if (this.model.phase === 'voting') {
      if (!(await this.closeVoteIfDecided(false))) this.armTimer('vote');
    } else if (this.model.phase === 'narrating' && !this.narration && this.model.pending) {
      // Resumed from a log that stopped mid-beat: tell the beat now.
      this.beginNarration();
    }
  }

  private async closeVoteIfDecided(timedOut: boolean): Promise<boolean> {
    if (this.model.phase !== 'voting') return false;
    const voters = partyOf(this.model).filter((p) => this.isHere(p.id)).map((p) => p.id);
    if (voters.length === 0) return false;
    const winner = voteOutcome(this.model, voters, timedOut);
    if (winner === null) return false;
    await this.commit({ type: 'vote_closed', choiceId: winner });
    this.beginNarration();
    return true;
  }

  private armTimer(kind: 'turn' | 'vote'): void {
    const key = `${kind}:${this.model.beat}:${this.model.turn ?? ''}`;
    if (this.timerKey === key && this.timer) return;
    this.clearTimer();
    this.timerKey = key;
    const ms = (kind === 'turn' ? this.timings.turnSeconds : this.timings.voteSeconds) * 1000;
    this.deadline = Date.now() + ms;
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      void this.inMailbox(async () => {
        if (this.timerKey !== key) return;
        this.timerKey = '';
        if (kind === 'turn' && this.model.phase === 'acting' && this.model.turn) await this.commit({ type: 'turn_skipped', playerId: this.model.turn });
        if (kind === 'vote') await this.closeVoteIfDecided(true);
        await this.keepPlayMoving();
      }).catch((error: unknown) => this.failed(error, 'timer'));
    }, ms);
    this.render();
    this.broadcastPatch();
  }

  private timerKey = '';

  private clearTimer(): void {
    this.timer?.clear();
    this.timer = null;
    this.timerKey = '';
    this.deadline = 0;
  }

  private async handOverIfHostAway(): Promise<void> {
    if (this.model.hostId !== null && this.isHere(this.model.hostId)) return;
    const next = partyOf(this.model).find((p) => this.isHere(p.id));
    if (next && next.id !== this.model.hostId) await this.commit({ type: 'host', playerId: next.id });
  }

  // ---- the log and the state ------------------------------------------------------------------

  private async ensureLog(): Promise<void> {
    if (this.logCreated) return;
    const record: CampaignRecord = { ...this.record, hostUserId: this.record.hostUserId ?? '' };
    await this.deps.log.create(record, this.pendingEvents);
    this.seq = this.pendingEvents.length;
    this.pendingEvents = [];
    this.logCreated = true;
  }

  /** Persists an event, then applies it and sends the patch. Only called inside the mailbox. */
  private async commit(event: CampaignEvent): Promise<void> {
    await this.ensureLog();
    await this.deps.log.append(this.roomId, this.seq + 1, event);
    this.seq++;
    applyEvent(this.world, this.model, event);
    this.render();
    this.broadcastPatch();
  }

  private inMailbox<T>(job: () => Promise<T>): Promise<T> {
    const run = this.mailbox.then(job);
    this.mailbox = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private render(): void {
    if (!this.state) return;
    renderCampaign(this.state, this.world, this.model, {
      sessions: this.sessions,
      connected: (sessionId) => this.connected.has(sessionId),
      sheetOf: (playerId) => this.sheetOf(playerId),
      presence: (sessionId) => this.seatPresence.get(sessionId) ?? { typing: false, ready: false },
      deadline: this.deadline,
    });
  }

  private sheetOf(playerId: string): CharacterSheetState {
    let sheet = this.sheets.get(playerId);
    if (!sheet) {
      sheet = new CharacterSheetState();
      this.sheets.set(playerId, sheet);
    }
    return sheet;
  }

  private hasDropped(playerId: string): boolean {
    for (const [sessionId, id] of this.sessions) if (id === playerId) return !this.connected.has(sessionId);
    return false;
  }

  private isHere(playerId: string): boolean {
    for (const [sessionId, id] of this.sessions) if (id === playerId && this.connected.has(sessionId)) return true;
    return false;
  }

  private dropSession(sessionId: string): void {
    this.sessions.delete(sessionId);
    this.connected.delete(sessionId);
    this.seatPresence.delete(sessionId);
    this.budgets.delete(sessionId);
  }

  private refuse(client: Client, refusal: Refusal): void {
    const payload: CampaignErrorMessage = { error: { code: refusal.code, message: refusal.message, details: refusal.details ?? {}, request_id: `${this.roomId}-${++this.errorCount}` } };
    client.send(CampaignMessage.error, payload);
  }

  private failed(error: unknown, where: string): void {
    this.deps.logger.error({ err: error, roomId: this.roomId, where }, 'campaign room failure');
    for (const client of this.clients) this.refuse(client, { code: 'INTERNAL', message: 'Something went wrong on our side; the campaign is saved up to the last beat' });
  }
}

/** Two players may not share a name at one table: the second "Ann" becomes "Ann (2)". */
function uniqueName(model: CampaignModel, userId: string, wanted: string): string {
  const taken = new Set(partyOf(model).filter((p) => p.id !== userId).map((p) => p.name));
  if (!taken.has(wanted)) return wanted;
  for (let n = 2; ; n++) if (!taken.has(`${wanted} (${n})`)) return `${wanted} (${n})`;
}

function allowanceRefusal(outcome: { used: number; limit: number; resetsAt: string }): Refusal {
  return {
    code: 'TURN_ALLOWANCE_EXHAUSTED',
    message: `You have used all ${outcome.limit} turns of today's allowance; it renews at ${outcome.resetsAt}`,
    details: { used: outcome.used, limit: outcome.limit, resetsAt: outcome.resetsAt },
  };
}

/** The room class to define, bound to its services (the composition root calls this). */
export function campaignRoom(deps: CampaignRoomDeps) {
  return class ConfiguredCampaignRoom extends CampaignRoom {
    protected override readonly deps = deps;
    static override async onAuth(token: string): Promise<PlayerAuthData> {
      return authenticatePlayer(deps.auth, token);
    }
  };
}
