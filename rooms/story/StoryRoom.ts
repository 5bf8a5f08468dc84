import { ServerError, type Client } from '@colyseus/core';
import { configuredRoom } from '../shared/configured-room';
import { parseJoinOptions } from '../shared/join-options';
import { kitMessages, serialMessage, type KitMessages } from '../shared/kit-messages';
import { KitRoom, type KitDeps, type RoomKitSettings } from '../shared/kit-room';
import type { PlayerAuthData } from '../shared/player-auth';
import { RECONNECT_SECONDS } from '../shared/reconnect-window';
import type { Refusal } from '../shared/room-error';
import type { RoomRecorder, RoomRecording } from '../shared/room-recorder';
import { nameCharacter, rulesFor, wearOutfit, type AnyChapter, type StoryAction, type StoryProgress } from './engine';
import { advanceSchema, chooseSchema, joinOptionsSchema, nameSchema, nextSchema, STORY_ROOM, StoryMessage, wearSchema, type StoryJoinOptions } from './protocol';
import { renderSession } from './render-state';
import { StoryState } from './StoryState';
import type { OpenedSession, StepCharge, StorySessions } from './story-sessions';

/** HTTP-like statuses of the refusals that can turn a preview's join down (anything else: 400). */
const JOIN_REFUSAL_STATUS: Record<string, number> = { NOT_YOUR_STORY: 403, CHAPTER_NOT_FOUND: 404, CONTENT_INVALID: 422, DATABASE_UNAVAILABLE: 503 };

export interface StoryRoomDeps extends KitDeps {
  sessions: StorySessions;
  /** A writer's preview (`preview: true`): sessions that save nothing, spend nothing and refuse anyone but the story's owner. */
  previews?: StorySessions;
  clock: { now(): Date };
  recorder: RoomRecorder;
}

const STORY_ROOM_SETTINGS: RoomKitSettings = {
  kind: STORY_ROOM,
  // Patches go out right after each message, so a client that waits for each answer (auto-play,
  // the load tool) steps at its own pace; the budget stops floods, not a fast serial reader.
  budget: { burst: 20, perSecond: 100 },
  capacity: 8,
  busyMessage: 'Still working on your earlier messages',
  failureMessage: 'Something went wrong on our side; your progress up to the last step is saved',
};

/**
 * One player's story session in one story: a private room actor. It validates each message, asks
 * the pure engine what it means, saves the result (with any charge) through StorySessions, and
 * only then changes its state — so a refused or failed action leaves the state exactly as it was.
 */
export abstract class StoryRoom extends KitRoom<StoryState, StoryRoomDeps> {
  private static readonly MESSAGES = kitMessages<StoryRoom>({
    [StoryMessage.advance]: serialMessage(advanceSchema, (room, client) => room.step(client, { type: 'advance' })),
    [StoryMessage.choose]: serialMessage(chooseSchema, (room, client, m) => room.step(client, { type: 'choose', choiceId: m.choiceId })),
    [StoryMessage.next]: serialMessage(nextSchema, (room, client) => room.goOn(client)),
    [StoryMessage.name]: serialMessage(nameSchema, (room, client, m) => room.restyle(client, (chapter, progress) => nameCharacter(chapter, progress, m.name))),
    [StoryMessage.wear]: serialMessage(wearSchema, (room, client, m) =>
      room.restyle(client, (chapter, progress) => {
        const worn = wearOutfit(chapter, progress, m.outfitId);
        if (!worn.ok) return worn;
        if (worn.value === null) return { ok: true, value: null };
        return { ok: true, value: worn.value.progress, charge: { diamonds: worn.value.diamonds, choiceId: null, outfitId: worn.value.outfitId } };
      }),
    ),
  });

  protected get settings(): RoomKitSettings {
    return STORY_ROOM_SETTINGS;
  }

  protected get messages(): KitMessages<StoryRoom> {
    return StoryRoom.MESSAGES;
  }

  private options!: StoryJoinOptions;
  /** The chapter this room opens: the join's, then each next one the player went on to. */
  private chapterId: string | undefined;
  private ownerId: string | null = null;
  private session: OpenedSession | null = null;
  private recording: RoomRecording | null = null;

  override async onCreate(rawOptions: unknown): Promise<void> {
    this.options = parseJoinOptions(joinOptionsSchema, rawOptions);
    const preview = this.options.preview === true;
    if (preview && !this.deps.previews) throw new ServerError(400, 'INVALID_OPTIONS: previews are not available on this server');
    this.chapterId = this.options.chapterId;
    // A preview's story is checked at join, against the player: only its owner learns whether it exists.
    if (!preview && !(await this.deps.sessions.storyExists(this.options.storyId))) throw new ServerError(404, `STORY_NOT_FOUND: there is no story ${this.options.storyId}`);
    this.initState(new StoryState());
    this.state.storyId = this.options.storyId;
    this.state.preview = preview;
    this.maxClients = 1;
    // Message-driven: a patch goes out right after each applied message, not on a timer.
    this.patchRate = 0;
    await this.setPrivate(true);
  }

  /** The player's sessions, or a writer's preview ones (the state says which, from creation on). */
  private get sessions(): StorySessions {
    return this.state.preview ? this.deps.previews! : this.deps.sessions;
  }

  override async onJoin(client: Client, _options: unknown, auth: PlayerAuthData): Promise<void> {
    if (this.ownerId !== null && this.ownerId !== auth.userId) throw new ServerError(403, 'FORBIDDEN: this story session belongs to another player');
    this.ownerId = auth.userId;
    if (this.options.preview) return this.openPreview();
    this.recording ??= this.deps.recorder.start(STORY_ROOM, { userId: auth.userId, options: { ...this.options } });
    await this.openSession(client);
  }

  override async onLeave(client: Client, consented: boolean): Promise<void> {
    if (consented) return this.endRecording('left');
    try {
      // Progress is saved on every step; this only keeps the room warm for a dropped socket.
      await this.allowReconnection(client, RECONNECT_SECONDS);
    } catch {
      this.forgetClient(client);
    }
  }

  override onDispose(): void {
    this.endRecording('disposed');
  }

  /** Refusals of messages the guard turned away (flooding, garbage) stay out of the recording. */
  protected override messageAccepted(_client: Client, type: string, value: unknown): void {
    this.recording?.input(type, value);
  }

  /** Refusals of the story's rules (and failures) are recorded; the guard's own ones are not. */
  protected override refuse(client: Client, refusal: Refusal): void {
    super.refuse(client, refusal);
    this.recording?.output({ kind: 'error', code: refusal.code });
  }

  private step(client: Client, action: StoryAction): Promise<void> {
    return this.session ? this.play(client, action) : this.openSession(client);
  }

  /**
   * From a chapter's end into the next chapter, in this room: the reader keeps the connection, and
   * the server is spared a new room and a join. The opening is a join's (the key, the locks).
   */
  private goOn(client: Client): Promise<void> {
    const next = this.state.nextChapterId;
    if (!this.session || this.state.status !== 'ended' || !next) {
      return Promise.resolve(this.refuse(client, { code: 'NO_NEXT_CHAPTER', message: 'There is no next chapter to go on to from here', details: { status: this.state.status } }));
    }
    this.chapterId = next;
    this.session = null;
    return this.openSession(client);
  }

  /** Opens (or, while locked, retries opening) the chapter; a refusal leaves the session locked. */
  private async openSession(client: Client): Promise<void> {
    const opened = await this.sessions.open(this.ownerId!, this.options.storyId, this.chapterId);
    if (!opened.ok) {
      this.state.status = 'locked';
      this.state.chapterId = this.chapterId ?? '';
      this.broadcastPatch();
      return this.refuse(client, opened.refusal);
    }
    this.session = opened.value;
    renderSession(this.state, this.session);
    this.broadcastPatch();
    this.recordScene();
  }

  /** A preview that cannot open (not the owner, no such chapter, nothing clean to play) refuses the join itself. */
  private async openPreview(): Promise<void> {
    const opened = await this.sessions.open(this.ownerId!, this.options.storyId, this.options.chapterId);
    if (!opened.ok) throw new ServerError(JOIN_REFUSAL_STATUS[opened.refusal.code] ?? 400, `${opened.refusal.code}: ${opened.refusal.message}`);
    this.session = opened.value;
    renderSession(this.state, this.session);
    this.broadcastPatch();
  }

  private async play(client: Client, action: StoryAction): Promise<void> {
    const session = this.session!;
    const before = session.progress;
    const outcome = rulesFor(session.chapter).act(before, action, this.deps.clock.now());
    if (!outcome.ok) return this.refuse(client, outcome.refusal);
    if (await this.commit(client, before, outcome.progress, { diamonds: outcome.diamonds, choiceId: outcome.choice?.id ?? null })) this.recordScene();
  }

  /**
   * A change of who the player is (a name, an outfit): saved like a step — with a premium outfit's
   * charge in the same transaction — then shown. Null from the rule: nothing to change.
   */
  private async restyle(client: Client, rule: (chapter: AnyChapter, progress: StoryProgress) => LookChange): Promise<void> {
    if (!this.session) return this.openSession(client);
    const before = this.session.progress;
    const outcome = rule(this.session.chapter, before);
    if (!outcome.ok) return this.refuse(client, outcome.refusal);
    if (outcome.value === null) return;
    await this.commit(client, before, outcome.value, outcome.charge ?? { diamonds: 0, choiceId: null });
  }

  /** Saves what the rules allowed (with its charge) and shows it; false when the save was refused (nothing changed). */
  private async commit(client: Client, before: StoryProgress, after: StoryProgress, charge: StepCharge): Promise<boolean> {
    const session = this.session!;
    const saved = await this.sessions.save(this.ownerId!, before, after, charge);
    if (!saved.ok) {
      this.refuse(client, saved.refusal);
      // Another story session of this player moved the story on: show where it stands now.
      if (saved.refusal.code === 'PROGRESS_CONFLICT') await this.openSession(client);
      return false;
    }
    session.progress = after;
    if (saved.value) session.wallet = saved.value;
    renderSession(this.state, session);
    this.broadcastPatch();
    return true;
  }

  private recordScene(): void {
    this.recording?.output({ kind: 'scene', chapterId: this.state.chapterId, sceneId: this.state.sceneId, status: this.state.status });
  }

  private endRecording(reason: 'left' | 'disposed'): void {
    this.recording?.end(reason);
    this.recording = null;
  }
}

/** The room class to define, bound to its services (the composition root calls this). */
export const storyRoom = (deps: StoryRoomDeps) => configuredRoom(StoryRoom, deps);

type LookChange = { ok: true; value: StoryProgress | null; charge?: StepCharge } | { ok: false; refusal: Refusal };
