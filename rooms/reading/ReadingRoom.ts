import { ServerError, type Client } from '@colyseus/core';
import { SEPARATE_WRITES } from '../shared/client-writes';
import { configuredRoom } from '../shared/configured-room';
import { FrameBatch } from '../shared/frame-batch';
import { parseJoinOptions } from '../shared/join-options';
import { kitMessages, serialMessage, type KitMessages } from '../shared/kit-messages';
import { KitRoom, type RoomKitSettings } from '../shared/kit-room';
import type { PlayerAuthData } from '../shared/player-auth';
import { SerialQueue } from '../shared/serial-queue';
import { SpareRoom } from '../shared/spare-room';
import { LiveCommentShares } from './live-comment-shares';
import { ParagraphReactionsState } from './ParagraphReactionsState';
import { commentSchema, positionSchema, reactSchema, READING_ROOM, ReadingMessage, readingJoinOptionsSchema, type ReadingCommentDeletedMessage, type ReadingJoinOptions, type ReadingMineMessage } from './protocol';
import { ReaderState } from './ReaderState';
import type { ReadingEvent, ReadingRoomDeps } from './reading-room-deps';
import { ReadingState } from './ReadingState';
import type { ChapterParagraphs } from './rules/chapter-paragraphs';
import { checkCommentText } from './rules/comment-text';
import { checkEmoji } from './rules/emojis';
import type { LiveComment, LiveReader } from './rules/live-comments';
import { readReached, type ReadPlace } from './rules/read-place';
import { ReaderRateLimits } from './rules/reader-rate-limits';

/** HTTP-like statuses of the refusals that turn a join down (anything else: 400). */
const JOIN_REFUSAL_STATUS: Record<string, number> = { CHAPTER_LOCKED: 403, STORY_NOT_FOUND: 404, CHAPTER_NOT_FOUND: 404, READING_NOT_AVAILABLE: 409, DATABASE_UNAVAILABLE: 503 };

/** A reader's time and furthest paragraph are recorded at most this often while they move through it (and at the start, the end and the leave). */
const RECORD_EVERY_MS = 15_000;

/** One connected reader: who, how far they have read since joining, and what they are sent live. */
interface Reading extends ReadPlace, LiveReader {
  displayName: string;
}

const READING_ROOM_SETTINGS: RoomKitSettings = {
  kind: READING_ROOM,
  budget: { burst: 10, perSecond: 4 },
  capacity: 400,
  busyMessage: 'The room is busy; try again in a moment',
  failureMessage: 'Something went wrong on our side; what you sent before is saved',
};

/**
 * Readers of one chapter, together: presence in this room, and the chapter's reader count,
 * reactions and comments across every room and process (through ReadingFanout). Reactions and
 * comments are written (ReadingStore) before they are announced; the state changes only when the
 * announcement comes back, so every room of the chapter shows the same.
 */
export abstract class ReadingRoom extends KitRoom<ReadingState, ReadingRoomDeps> {
  private static readonly MESSAGES = kitMessages<ReadingRoom>({
    [ReadingMessage.position]: serialMessage(positionSchema, (room, client, m) => room.position(client, m.paragraphId)),
    [ReadingMessage.react]: serialMessage(reactSchema, (room, client, m) => room.react(client, m.paragraphId, m.emoji)),
    [ReadingMessage.comment]: serialMessage(commentSchema, (room, client, m) => room.comment(client, m.paragraphId, m.text, m.replyTo ?? null)),
  });

  protected get settings(): RoomKitSettings {
    return READING_ROOM_SETTINGS;
  }

  protected get messages(): KitMessages<ReadingRoom> {
    return ReadingRoom.MESSAGES;
  }

  private options!: ReadingJoinOptions;
  private paragraphs: ChapterParagraphs | null = null;
  private readonly readings = new Map<string, Reading>();
  private readonly limits = new ReaderRateLimits();
  /** Chapter-wide messages (comments, deletions) sent with the next patch, each reader's share of them (`live`) in one write. */
  private chapterMessages: FrameBatch<LiveComment | null> | null = null;
  private live!: LiveCommentShares;
  private unsubscribe: (() => void) | null = null;
  /**
   * Each reader's writes in the order they were sent, readers side by side: a reaction, comment or
   * read record is written (then announced) after the same reader's earlier ones, but never waits
   * for another reader's. The mailbox only checks and orders; on release day a room of 100 readers
   * sends ~15 writes a second, and waiting in one line for each round trip filled the mailbox.
   */
  private readonly writing = new Map<string, SerialQueue>();
  /**
   * Read records on their way: beside the reader's writes, not before them — the store may hold a
   * record a while to share a commit with others (nobody waits on one), and their next reaction must
   * not wait for that. A reader's records still land in order (the store keeps one per reader in a commit).
   */
  private readonly recording = new Set<Promise<void>>();
  /** The chapter's stored reaction counts, read once (every join waits for them). */
  private countsRead: Promise<void> | null = null;
  /** Keeps a room of this chapter with free seats open once this one is half full (a release's join burst waits on none). */
  private spare: SpareRoom | null = null;

  override async onCreate(rawOptions: unknown): Promise<void> {
    this.options = parseJoinOptions(readingJoinOptionsSchema, rawOptions);
    this.initState(new ReadingState());
    this.state.storyId = this.options.storyId;
    this.state.chapterId = this.options.chapterId;
    this.maxClients = this.deps.roomSize;
    // Chapter-wide counts change on every reaction anywhere and comments go to every reader: each
    // patch is a write to every reader's socket (with the comments since the last), the unit of cost
    // on release day. Reading is not a twitch game: 2 a second (the default) keeps the fan-out inside
    // its 1 s target at a tenth of Colyseus' default 20.
    this.setPatchRate(this.deps.patchMs);
    this.live = new LiveCommentShares(this.deps.liveComments);
    this.chapterMessages = new FrameBatch(this.deps.writes ?? SEPARATE_WRITES, (client, tags) => this.live.share(this.readings.get(client.sessionId), tags, this.deps.clock.now().getTime()));
    const { storyId, chapterId } = this.options;
    const onError = (error: unknown) => this.deps.logger.warn({ err: error, roomId: this.roomId }, 'reading room: could not open a spare room');
    this.spare = new SpareRoom({ roomName: READING_ROOM, match: { chapterId }, createOptions: { storyId, chapterId }, onError });
    // Listening before the counts are read: an event in between is applied over them, not lost.
    this.unsubscribe = this.deps.fanout.subscribe(this.options.chapterId, (event) => this.announced(event));
    // Read while the room is announced and its first reader seated (their join waits for it), not
    // before: on release day every join that finds no free seat waits for a new room, and gives up
    // waiting (to open one of its own) after ~1 s — a room that waits on the database to open invites that.
    this.countsRead = this.readCounts();
    // A failure is the next join's to report (and to read again); not an unhandled rejection meanwhile.
    this.countsRead.catch(() => undefined);
  }

  override async onJoin(client: Client, _options: unknown, auth: PlayerAuthData): Promise<void> {
    // The reads at once: a join waits on one round trip, not several.
    const [opened, mine] = await Promise.all([
      this.deps.access.open(auth.userId, this.options.storyId, this.options.chapterId),
      this.deps.store.reactionsOf(auth.userId, this.options.chapterId),
      (this.countsRead ??= this.readCounts()),
    ]);
    if (!opened.ok) throw new ServerError(JOIN_REFUSAL_STATUS[opened.refusal.code] ?? 400, `${opened.refusal.code}: ${opened.refusal.message}`);
    this.paragraphs = opened.value.paragraphs;
    const now = this.deps.clock.now().getTime();
    this.readings.set(client.sessionId, { ...this.live.joined(auth.userId, now), displayName: opened.value.displayName, lastRecordedAt: now, furthestIndex: -1, furthestParagraph: null, completed: false });
    const reader = new ReaderState();
    reader.userId = auth.userId;
    reader.displayName = opened.value.displayName;
    this.state.present.set(client.sessionId, reader);
    this.countReaders();
    // Colyseus holds messages for a client until its join completes, so this arrives with the first state.
    client.send(ReadingMessage.mine, { reactions: mine } satisfies ReadingMineMessage);
    this.spare!.joined(this.roomId, this.clients.length + Object.keys(this.reservedSeats).length, this.maxClients, now);
  }

  override async onLeave(client: Client): Promise<void> {
    this.state.present.delete(client.sessionId);
    this.forgetClient(client);
    // Behind what the reader sent before leaving (a reaction, then closing the tab): that still counts.
    try {
      const reading = await this.inMailbox(async () => {
        const left = this.readings.get(client.sessionId);
        this.readings.delete(client.sessionId);
        if (left) this.live.left(left);
        this.countReaders();
        return left;
      });
      if (reading) await this.afterReader(client.sessionId, () => this.record(reading));
    } catch (error) {
      this.deps.logger.warn({ err: error, roomId: this.roomId }, 'reading room: could not record a read');
    } finally {
      // The leave's record was the reader's last write.
      this.writing.delete(client.sessionId);
    }
  }

  /** Graceful stop: the messages already in the mailbox, then every reader's writes, then the kit's (clients let go). */
  override async onBeforeShutdown(): Promise<void> {
    await this.inMailbox(async () => undefined);
    await Promise.all([...[...this.writing.values()].map((queue) => queue.drained()), ...this.recording]);
    await super.onBeforeShutdown();
  }

  override onDispose(): void {
    this.unsubscribe?.();
    this.deps.fanout.setRoomReaders(this.options.chapterId, this.roomId, 0);
  }

  private async position(client: Client, paragraphId: string): Promise<void | false> {
    const reading = this.readings.get(client.sessionId);
    const found = this.paragraphs!.check(paragraphId);
    if (!reading || !found.ok) return this.refused(client, found.ok ? null : found.refusal);
    // Gone from the room already when this was sent just before leaving: still recorded below.
    const shown = this.state.present.get(client.sessionId);
    if (shown) shown.paragraphId = paragraphId;
    reading.paragraphId = paragraphId;
    const reached = readReached(reading, { index: found.value, paragraphId, last: this.paragraphs!.isLast(found.value) }, this.deps.clock.now().getTime(), RECORD_EVERY_MS);
    Object.assign(reading, reached.place);
    if (reached.record) this.recordAside(reading);
  }

  private async react(client: Client, paragraphId: string, emojiSent: string): Promise<void | false> {
    const reading = this.readings.get(client.sessionId);
    if (!reading) return false;
    const emoji = checkEmoji(emojiSent);
    if (!emoji.ok) return this.refused(client, emoji.refusal);
    const found = this.paragraphs!.check(paragraphId);
    if (!found.ok) return this.refused(client, found.refusal);
    const allowed = this.limits.take(reading.userId, 'react', this.deps.clock.now().getTime());
    if (!allowed.ok) return this.refused(client, allowed.refusal);
    this.write(client, async () => {
      const count = await this.deps.store.toggleReaction(reading.userId, this.options.chapterId, paragraphId, emoji.value);
      await this.deps.fanout.publish(this.options.chapterId, { type: 'reaction', paragraphId, emoji: emoji.value, count });
    });
  }

  private async comment(client: Client, paragraphId: string, textSent: string, replyTo: string | null): Promise<void | false> {
    const reading = this.readings.get(client.sessionId);
    if (!reading) return false;
    const found = this.paragraphs!.check(paragraphId);
    if (!found.ok) return this.refused(client, found.refusal);
    const text = checkCommentText(textSent);
    if (!text.ok) return this.refused(client, text.refusal);
    const allowed = this.limits.take(reading.userId, 'comment', this.deps.clock.now().getTime());
    if (!allowed.ok) return this.refused(client, allowed.refusal);
    this.write(client, async () => {
      const saved = await this.deps.store.addComment({ author: { id: reading.userId, displayName: reading.displayName }, chapterId: this.options.chapterId, paragraphId, text: text.value, replyTo });
      if (!saved.ok) return void this.refused(client, saved.refusal);
      await this.deps.fanout.publish(this.options.chapterId, { type: 'comment', comment: saved.value });
    });
  }

  /** A reader's write, after their earlier ones (see `writing`); a failure is the room's (logged, and readers told). */
  private write(client: Client, job: () => Promise<void>): void {
    this.afterReader(client.sessionId, job).catch((error: unknown) => this.failed(error, 'write'));
  }

  private recordAside(reading: Reading): void {
    const recorded: Promise<void> = this.record(reading)
      .catch((error: unknown) => this.failed(error, 'write'))
      .finally(() => this.recording.delete(recorded));
    this.recording.add(recorded);
  }

  private afterReader<T>(sessionId: string, job: () => Promise<T>): Promise<T> {
    let queue = this.writing.get(sessionId);
    if (!queue) {
      // Only `run` is used (unrefused: the mailbox and the reader's rate limits bound what comes), so no capacity and no error hook.
      queue = new SerialQueue(0, () => undefined);
      this.writing.set(sessionId, queue);
    }
    return queue.run(job);
  }

  private refused(client: Client, refusal: { code: string; message: string; details?: Record<string, unknown> } | null): false {
    if (refusal) this.refuse(client, refusal);
    return false;
  }

  /** Something happened in the chapter (in this room, another, or another process). */
  private announced(event: ReadingEvent): void {
    if (event.type === 'readers') this.state.readers = event.count;
    else if (event.type === 'reaction') this.setCount(event.paragraphId, event.emoji, event.count);
    else if (event.type === 'comment') this.chapterMessages!.push(ReadingMessage.comment, event.comment, this.live.tag(event.comment));
    else this.chapterMessages!.push(ReadingMessage.commentDeleted, { id: event.id, paragraphId: event.paragraphId } satisfies ReadingCommentDeletedMessage, null);
  }

  /**
   * The patch and the comments since the last one, each reader's in one write. A busy chapter's ~80
   * comments a second would otherwise be ~80 writes a second to every reader's socket; gathered,
   * they ride with the five patches, within the 1 s the fan-out may take.
   */
  override broadcastPatch(): boolean {
    return this.chapterMessages ? this.chapterMessages.patchAndFlush(this) : super.broadcastPatch();
  }

  /** The chapter's stored counts into the state; on failure the next join reads them again. */
  private readCounts(): Promise<void> {
    return this.deps.store.reactionCounts(this.options.chapterId).then(
      (counts) => {
        for (const [paragraphId, emojis] of Object.entries(counts)) {
          for (const [emoji, count] of Object.entries(emojis)) {
            // A count announced while these were read is newer than them.
            if (!this.state.reactions.get(paragraphId)?.[emoji]) this.setCount(paragraphId, emoji, count);
          }
        }
      },
      (error: unknown) => {
        this.countsRead = null;
        throw error;
      },
    );
  }

  private setCount(paragraphId: string, emoji: string, count: number): void {
    const { reactions } = this.state;
    if (!reactions.has(paragraphId)) reactions.set(paragraphId, new ParagraphReactionsState());
    reactions.get(paragraphId)!.setCount(emoji, count);
  }

  private countReaders(): void {
    this.deps.fanout.setRoomReaders(this.options.chapterId, this.roomId, this.readings.size);
  }

  private async record(reading: Reading): Promise<void> {
    const now = this.deps.clock.now().getTime();
    const seconds = Math.max(0, Math.floor((now - reading.lastRecordedAt) / 1000));
    // Whole seconds only: the remainder stays on the clock for the next record.
    reading.lastRecordedAt += seconds * 1000;
    const { furthestIndex, furthestParagraph, completed } = reading;
    await this.deps.store.recordRead(reading.userId, this.options.storyId, this.options.chapterId, { seconds, furthestIndex, furthestParagraph, completed });
  }
}

/** The room class to define, bound to its services (the composition root calls this). */
export const readingRoom = (deps: ReadingRoomDeps) => configuredRoom(ReadingRoom, deps);
