import { Client, getStateCallbacks, type Room } from 'colyseus.js';
import { READING_ROOM, ReadingMessage, type ReadingCommentMessage, type RoomErrorMessage } from '../rooms/reading/protocol';
import type { ReadingState } from '../rooms/reading/ReadingState';
import { STORY_ROOM } from '../rooms/story/protocol';
import type { StoryState } from '../rooms/story/StoryState';
import type { RunStats } from './run-stats';
import { JoinFailed } from './story-session';
import { GuestAccount } from './storyverse-api';

const JOIN_TIMEOUT_MS = 15_000;

/** A change a reader saw: the count of a paragraph's emoji, or a comment's text. */
export type Sighting = { kind: 'count'; key: string } | { kind: 'comment'; text: string };

/**
 * A guest who has opened the chapter (a story session on it, as a real reader does first — the
 * reading room lets in only readers who have), then sits in the chapter's reading room. Only
 * readers chosen as observers watch reaction counts through schema callbacks; every reader
 * receives comments (the server sends each to the whole chapter) and counts them.
 */
export class ReadingReader {
  private room: Room<ReadingState> | null = null;
  private gone = false;

  private constructor(
    private readonly client: Client,
    private readonly stats: RunStats,
  ) {}

  /** Preparation, not measured: a guest account and the chapter opened in a story session. */
  static async prepare(target: string, storyId: string, stats: RunStats): Promise<ReadingReader> {
    const guest = await GuestAccount.create(target);
    const client = new Client(target.replace(/^http/, 'ws'));
    client.auth.token = await guest.accessToken();
    const story = await client.create<StoryState>(STORY_ROOM, { storyId });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new JoinFailed('OPEN_TIMEOUT', 'the story session never showed its chapter')), JOIN_TIMEOUT_MS);
      story.onStateChange(() => {
        if (story.state.chapterId) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    await story.leave(true);
    return new ReadingReader(client, stats);
  }

  get roomId(): string {
    return this.room?.roomId ?? '';
  }

  get open(): boolean {
    return this.room !== null && !this.gone;
  }

  /** Measured: joinOrCreate('reading') → the first state. */
  async join(storyId: string, chapterId: string, onSighting: ((sighting: Sighting) => void) | null): Promise<void> {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      const room = await Promise.race([
        this.client.joinOrCreate<ReadingState>(READING_ROOM, { storyId, chapterId }).then(async (joined) => {
          // Handlers first: the room sends `mine` (and any comment) with the first state.
          this.listen(joined, onSighting);
          await new Promise<void>((resolve) => {
            if (joined.state?.chapterId) return resolve();
            joined.onStateChange.once(() => resolve());
          });
          return joined;
        }),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new JoinFailed('JOIN_TIMEOUT', `no reading room within ${JOIN_TIMEOUT_MS / 1000} s`)), JOIN_TIMEOUT_MS))),
      ]);
      this.room = room;
      this.stats.joinMs.record(performance.now() - started);
      this.stats.connected++;
      this.stats.playersConnected++;
      room.onLeave((code) => {
        if (this.gone) return;
        this.gone = true;
        this.stats.connected--;
        if (code !== 1000) this.stats.error('DISCONNECTED', `the reading room closed with ${code}`);
      });
    } catch (error) {
      if (error instanceof JoinFailed) throw error;
      const text = error instanceof Error ? error.message : String(error);
      throw new JoinFailed(/^([A-Z_]+):/.exec(text)?.[1] ?? 'JOIN_FAILED', text);
    } finally {
      clearTimeout(timer);
    }
  }

  send(type: 'position' | 'react' | 'comment', message: object): void {
    if (!this.open) return;
    this.room!.send(type, message);
    this.stats.messagesSent++;
  }

  async leave(): Promise<void> {
    if (!this.room || this.gone) return;
    this.gone = true;
    this.stats.connected--;
    await Promise.race([this.room.leave(true).catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 5000))]);
  }

  private listen(room: Room<ReadingState>, onSighting: ((sighting: Sighting) => void) | null): void {
    room.onMessage(ReadingMessage.comment, (comment: ReadingCommentMessage) => {
      this.stats.messagesReceived++;
      onSighting?.({ kind: 'comment', text: comment.text });
    });
    room.onMessage(ReadingMessage.commentDeleted, () => undefined);
    room.onMessage(ReadingMessage.mine, () => undefined);
    room.onMessage(ReadingMessage.error, (m: RoomErrorMessage) => this.stats.error(m.error.code, m.error.message));
    if (onSighting) this.watchCounts(room, onSighting);
  }

  /** Every emoji count of every paragraph, as `paragraphId|emoji` (observers only: it costs a callback per change). */
  private watchCounts(room: Room<ReadingState>, onSighting: (sighting: Sighting) => void): void {
    const $ = getStateCallbacks(room);
    $(room.state).reactions.onAdd((paragraph, paragraphId) => {
      $(paragraph).onChange(() => onSighting({ kind: 'count', key: String(paragraphId) }));
    });
  }
}
