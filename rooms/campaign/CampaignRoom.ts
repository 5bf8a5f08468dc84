import { matchMaker, ServerError, type Client } from '@colyseus/core';
import { StateView } from '@colyseus/schema';
import { configuredRoom } from '../shared/configured-room';
import { parseJoinOptions } from '../shared/join-options';
import { directMessage, kitMessages, serialMessage, type KitMessage, type KitMessages } from '../shared/kit-messages';
import { KitRoom, type RoomKitSettings } from '../shared/kit-room';
import type { SafeParser } from '../shared/message-validator';
import type { PlayerAuthData } from '../shared/player-auth';
import type { CampaignJournal } from './campaign-journal';
import { CampaignNarration } from './campaign-narration';
import { checkCharacter, checkDisplayName } from './player-choices';
import { openCampaign } from './campaign-opening';
import { CAMPAIGN_ROOM_SETTINGS, DEFAULT_TIMINGS, type CampaignRoomDeps, type CampaignTimings } from './campaign-room-deps';
import { CampaignSeats } from './campaign-seats';
import { CampaignTurns } from './campaign-turns';
import { CampaignState } from './CampaignState';
import type { NarratedBeat } from './game-master/game-master';
import { actionSchema, CampaignMessage, chatSchema, createOptionsSchema, emptySchema, joinOptionsSchema, readySchema, targetSchema, typingSchema, voteSchema, type ChatMessage, type StoryCompleteMessage } from './protocol';
import { renderCampaign } from './render-state';
import { beatEvent } from './rules/beat-outcome';
import { beatRequest } from './rules/beat-request';
import { decide, type CampaignCommand } from './rules/commands';
import { playerOf, type CampaignEvent, type CampaignModel } from './rules/model';

/**
 * One campaign: a room actor holding the authoritative world state of a party. Every change is
 * an event (rules/model.ts) the journal persists before it is applied, so the campaign can be
 * replayed after a restart or forked from any beat. Player commands are decided by the pure rules
 * (rules/commands.ts); the game master narrates outside the mailbox while chat and presence go on,
 * and its proposed state changes pass the rules before they are committed.
 */
export abstract class CampaignRoom extends KitRoom<CampaignState, CampaignRoomDeps> {
  /** A player's command, decided by the rules (rules/commands.ts) in the mailbox. */
  private static command<T>(schema: SafeParser<T>, toCommand: (room: CampaignRoom, playerId: string, value: T) => CampaignCommand): KitMessage<CampaignRoom> {
    return serialMessage<CampaignRoom, T>(schema, (room, client, value) => room.run(client, (playerId) => toCommand(room, playerId, value)));
  }

  private static readonly MESSAGES = kitMessages<CampaignRoom>({
    [CampaignMessage.start]: CampaignRoom.command(emptySchema, (_room, playerId) => ({ type: 'start', playerId })),
    [CampaignMessage.action]: CampaignRoom.command(actionSchema, (_room, playerId, v) => ({ type: 'action', playerId, text: v.text })),
    [CampaignMessage.vote]: CampaignRoom.command(voteSchema, (room, playerId, v) => ({ type: 'vote', playerId, choiceId: v.choiceId, paid: room.paidThisBeat.has(playerId) })),
    [CampaignMessage.kick]: CampaignRoom.command(targetSchema, (room, playerId, v) => ({ type: 'kick', playerId, target: room.seats.target(v.sessionId) })),
    [CampaignMessage.handover]: CampaignRoom.command(targetSchema, (room, playerId, v) => ({ type: 'handover', playerId, target: room.seats.target(v.sessionId) })),
    [CampaignMessage.chat]: directMessage(chatSchema, (room, client, v) => room.chat(client, v.text)),
    [CampaignMessage.typing]: directMessage(typingSchema, (room, client, v) => room.setPresence(client, { typing: v.typing })),
    [CampaignMessage.ready]: directMessage(readySchema, (room, client, v) => room.setPresence(client, { ready: v.ready })),
  });

  protected get settings(): RoomKitSettings {
    return CAMPAIGN_ROOM_SETTINGS;
  }

  protected get messages(): KitMessages<CampaignRoom> {
    return CampaignRoom.MESSAGES;
  }

  private journal!: CampaignJournal;
  private seats!: CampaignSeats;
  private turns!: CampaignTurns;
  private narration!: CampaignNarration;
  private timings!: CampaignTimings;
  /** Players whose allowance paid for this beat already (changing a vote is free). */
  private readonly paidThisBeat = new Set<string>();
  private closing = false;

  private get model(): CampaignModel {
    return this.journal.model;
  }

  override async onCreate(rawOptions: unknown): Promise<void> {
    const options = parseJoinOptions(createOptionsSchema, rawOptions);
    this.timings = { ...DEFAULT_TIMINGS, ...this.deps.timings };
    this.patchRate = 0;
    // Without a simulation interval the room clock only ticks on a patch; turn and vote timers
    // need it to run on its own (10 Hz is plenty for timers counted in seconds).
    this.setSimulationInterval(() => undefined, 100);
    await this.setPrivate(true);
    const isOpen = async (code: string) => (await matchMaker.query({ roomId: code })).length > 0;
    const opening = await openCampaign(options, { worlds: this.deps.worlds, log: this.deps.log, random: this.deps.random, isOpen });
    this.journal = opening.journal;
    this.roomId = this.journal.code;
    this.seats = new CampaignSeats(opening.forkHosts);
    this.narration = new CampaignNarration(this.deps.gameMaster);
    const table = {
      model: () => this.model,
      narrating: () => this.narration.running,
      seats: this.seats,
      commit: (event: CampaignEvent) => this.commit(event),
      narrate: () => this.narrate(),
      inMailbox: (job: () => Promise<void>) => this.post(job, 'timer'),
      show: () => this.show(),
    };
    this.turns = new CampaignTurns(table, this.clock, () => this.deps.clock.now().getTime(), this.timings);
    this.initState(new CampaignState().assign({ code: this.roomId }));
    this.render();
  }

  override async onJoin(client: Client, options: unknown, auth: PlayerAuthData): Promise<void> {
    const wanted = parseJoinOptions(joinOptionsSchema, options);
    const named = checkDisplayName(wanted.name);
    if ('refusal' in named) throw new ServerError(400, `${named.refusal.code}: ${named.refusal.message}`);
    await this.inMailbox(async () => {
      const userId = auth.userId;
      const cast = checkCharacter(this.journal.world, this.model, userId, wanted.character);
      if ('refusal' in cast) throw new ServerError(cast.refusal.code === 'CHARACTER_TAKEN' ? 409 : 400, `${cast.refusal.code}: ${cast.refusal.message}`);
      this.seats.admit(this.model, userId, this.journal.record.hostUserId === null);
      this.journal.claimHost(userId);
      await this.journal.ensureCreated();
      for (const event of this.seats.arrivalEvents(this.model, userId, named.name, cast.character)) await this.commit(event);
      this.seats.sit(client.sessionId, userId);
      this.render();
      client.view = new StateView();
      client.view.add(this.seats.sheetOf(userId));
      this.broadcastPatch();
      await this.turns.keepPlayMoving();
    });
  }

  override async onLeave(client: Client, consented: boolean): Promise<void> {
    const seat = client.sessionId;
    const userId = this.seats.playerAt(seat);
    // A process shutting down is not the party leaving: the log keeps them seated for the resume.
    if (userId === undefined || this.closing) return this.forgetClient(client);
    this.seats.disconnect(seat);
    this.show();
    if (!consented) {
      // Hold the seat first (a quick reconnect must find it), then pass a turn they cannot play.
      const back = this.seats.holdUntilBack(seat, this.allowReconnection(client, this.timings.reconnectSeconds));
      this.post(() => this.turns.keepPlayMoving(), 'onLeave');
      if (await back) {
        this.show();
        return this.post(() => this.turns.keepPlayMoving(), 'reconnect');
      }
    }
    this.forgetClient(client);
    if (this.seats.playerAt(seat) !== userId) return; // replaced by a newer client (or kicked)
    await this.inMailbox(async () => {
      this.seats.leave(seat);
      if (playerOf(this.model, userId)?.inParty) await this.commit({ type: 'left', playerId: userId, kicked: false });
      await this.turns.handOverIfHostAway();
      await this.turns.keepPlayMoving();
    });
  }

  override async onBeforeShutdown(): Promise<void> {
    this.closing = true;
    this.narration?.abort();
    await super.onBeforeShutdown();
  }

  override onDispose(): void {
    this.narration?.abort();
    this.turns?.clear();
  }

  /**
   * Decides a player's command by the rules (asking the meter when they say so) and applies it;
   * false when nothing was applied (not a step for the telemetry).
   */
  private async run(client: Client, toCommand: (playerId: string) => CampaignCommand): Promise<void | false> {
    const playerId = this.seats.playerAt(client.sessionId);
    if (playerId === undefined) return false; // a kicked player's last messages
    const command = toCommand(playerId);
    let decision = decide(this.model, command, this.seats);
    if (decision.kind === 'needs-allowance') decision = decide(this.model, command, this.seats, await this.deps.meter.takeTurn(decision.playerId));
    if (decision.kind === 'refused') {
      this.refuse(client, decision.refusal);
      return false;
    }
    if (decision.charged) this.paidThisBeat.add(playerId);
    if (command.type === 'action') this.setPresence(client, { typing: false });
    for (const event of decision.events) await this.commit(event);
    if (command.type === 'kick' && command.target) this.removeKicked(command.target.playerId);
    await this.turns.keepPlayMoving();
  }

  private removeKicked(playerId: string): void {
    const seat = this.seats.evict(playerId);
    const kicked = this.clients.find((c) => c.sessionId === seat);
    this.show();
    if (kicked) {
      this.refuse(kicked, { code: 'KICKED', message: 'The host removed you from this campaign' });
      kicked.leave(4003);
    }
  }

  private chat(client: Client, text: string): void {
    const userId = this.seats.playerAt(client.sessionId);
    if (userId === undefined) return;
    const message: ChatMessage = { from: client.sessionId, name: playerOf(this.model, userId)?.name ?? 'Someone', text, at: this.deps.clock.now().getTime() };
    this.setPresence(client, { typing: false });
    this.broadcast(CampaignMessage.chat, message);
  }

  private setPresence(client: Client, change: Partial<{ typing: boolean; ready: boolean }>): void {
    if (this.seats.setPresence(client.sessionId, change)) this.show();
  }

  /** Narrates the pending beat outside the mailbox; the result is committed through it. */
  private narrate(): void {
    this.turns.clear();
    this.narration.begin(beatRequest(this.journal.world, this.model), {
      chunk: (message) => this.broadcast(CampaignMessage.chunk, message),
      told: (narrated) => this.inMailbox(() => this.finishBeat(narrated)),
      failed: (error) => this.failed(error, 'narration'),
    });
  }

  private async finishBeat(narrated: NarratedBeat): Promise<void> {
    const event = beatEvent(this.journal.world, this.model, this.model.beat + 1, narrated, (id) => this.seats.isHere(id));
    if (event.rejected.length > 0) this.deps.logger.warn({ roomId: this.roomId, beat: event.beat, provider: narrated.provider, rejected: event.rejected }, 'campaign: state changes refused by the rules');
    await this.commit(event);
    this.paidThisBeat.clear();
    if (narrated.usage) await this.deps.meter.recordUsage(this.roomId, event.actorId, narrated.usage).catch((error: unknown) => this.deps.logger.warn({ err: error }, 'campaign: usage not recorded'));
    const complete: StoryCompleteMessage = { beat: event.beat, narrative: event.narrative, dialogue: event.dialogue, choices: this.model.choices };
    this.broadcast(CampaignMessage.complete, complete);
    await this.turns.keepPlayMoving();
  }

  /** Persists an event, then applies it and sends the patch. Only called inside the mailbox. */
  private async commit(event: CampaignEvent): Promise<void> {
    await this.journal.commit(event);
    this.show();
  }

  private render(): void {
    if (this.state) renderCampaign(this.state, this.journal.world, this.model, this.seats.view(this.turns.deadline));
  }

  private show(): void {
    this.render();
    this.broadcastPatch();
  }

  /** The room's own work for someone who does not wait for it: a failure goes to `failed(where)`. */
  private post(job: () => Promise<void>, where: string): void {
    this.inMailbox(job).catch((error: unknown) => this.failed(error, where));
  }
}

/** The room class to define, bound to its services (the composition root calls this). */
export const campaignRoom = (deps: CampaignRoomDeps) => configuredRoom(CampaignRoom, deps);
