import { deviceStorage, readItem, writeItem, type DeviceStorage } from './device-storage';

/** One line of the History: who said it ('' for narration) and what. */
export interface LoggedLine {
  speaker: string;
  text: string;
}

interface StoredLog {
  chapterId: string;
  /** Where the reader is: the scene visit (chapter/scene/step) and the line index in its timeline. */
  place: { visit: string; line: number } | null;
  history: LoggedLine[];
}

const HISTORY_LIMIT = 400;
const READ_LIMIT = 5000;

/**
 * What this device remembers of a story's reading: the exact line of the current scene visit (so a
 * reload, a reconnect or a trip to the store comes back to it), the chapter's History, and which
 * lines were ever shown (for "skip lines already read"). The server keeps the scene; this keeps the line.
 */
export class ReadingLog {
  private log: StoredLog;
  private readonly read: Set<string>;
  /** Lines up to this index of the current visit are already in the History (a resumed visit). */
  private loggedUpTo = -1;

  constructor(
    private readonly storyId: string,
    private readonly storage: DeviceStorage | null = deviceStorage(),
  ) {
    this.log = parseLog(readItem(storage, this.logKey));
    this.read = new Set(parseStrings(readItem(storage, this.readKey)));
  }

  get history(): readonly LoggedLine[] {
    return this.log.history;
  }

  /**
   * A scene visit starts; returns the line index to start it at (0, or where the reader was in this
   * very visit). A new chapter, or its start scene read afresh, starts a new History.
   */
  beginVisit(chapterId: string, sceneId: string, step: number, chapterStart: boolean): number {
    const visit = `${chapterId}/${sceneId}/${step}`;
    const resumed = this.log.chapterId === chapterId && this.log.place?.visit === visit ? this.log.place.line : null;
    if (resumed === null && (this.log.chapterId !== chapterId || chapterStart)) this.log = { chapterId, place: null, history: [] };
    this.loggedUpTo = resumed ?? -1;
    this.log.place = { visit, line: resumed ?? 0 };
    this.save();
    return resumed ?? 0;
  }

  /**
   * The saved step moved while the scene stayed on screen (a name or an outfit is a saved step):
   * it is the same visit, so a reload must still find its line.
   */
  stepMoved(chapterId: string, sceneId: string, step: number): void {
    const place = this.log.place;
    if (!place || !place.visit.startsWith(`${chapterId}/${sceneId}/`)) return;
    const visit = `${chapterId}/${sceneId}/${step}`;
    if (place.visit === visit) return;
    place.visit = visit;
    this.save();
  }

  /** Whether this device showed the scene's line `index` before (in any visit). */
  wasRead(chapterId: string, sceneId: string, index: number): boolean {
    return this.read.has(`${chapterId}/${sceneId}#${index}`);
  }

  /** The line `index` of the current visit is on screen. */
  lineShown(chapterId: string, sceneId: string, index: number, line: LoggedLine): void {
    if (this.log.place) this.log.place.line = index;
    if (index > this.loggedUpTo) {
      this.log.history.push(line);
      if (this.log.history.length > HISTORY_LIMIT) this.log.history.splice(0, this.log.history.length - HISTORY_LIMIT);
      this.loggedUpTo = index;
    }
    this.markRead(`${chapterId}/${sceneId}#${index}`);
    this.save();
  }

  /** The visit was read through to `index` (its choices or its end): come back there, not to a line. */
  reachedEnd(index: number): void {
    if (!this.log.place) return;
    this.log.place.line = index;
    this.save();
  }

  private markRead(key: string): void {
    if (this.read.has(key)) return;
    this.read.add(key);
    // Oldest first out: a Set keeps insertion order.
    if (this.read.size > READ_LIMIT) this.read.delete(this.read.values().next().value as string);
    writeItem(this.storage, this.readKey, JSON.stringify([...this.read]));
  }

  private save(): void {
    writeItem(this.storage, this.logKey, JSON.stringify(this.log));
  }

  private get logKey(): string {
    return `storyverse.reading.${this.storyId}`;
  }

  private get readKey(): string {
    return `storyverse.read.${this.storyId}`;
  }
}

function parseLog(raw: string | null): StoredLog {
  const empty: StoredLog = { chapterId: '', place: null, history: [] };
  try {
    const value = raw === null ? null : (JSON.parse(raw) as Partial<StoredLog> | null);
    if (value === null || typeof value !== 'object' || typeof value.chapterId !== 'string') return empty;
    const place = value.place && typeof value.place.visit === 'string' && Number.isInteger(value.place.line) && value.place.line >= 0 ? value.place : null;
    const history = Array.isArray(value.history) ? value.history.filter((l): l is LoggedLine => typeof l?.speaker === 'string' && typeof l.text === 'string') : [];
    return { chapterId: value.chapterId, place, history };
  } catch {
    return empty;
  }
}

function parseStrings(raw: string | null): string[] {
  try {
    const value: unknown = raw === null ? [] : JSON.parse(raw);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
