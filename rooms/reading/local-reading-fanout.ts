import type { ReadingEvent, ReadingFanout } from './reading-room-deps';

type Listener = (event: ReadingEvent) => void;

/**
 * Fan-out within one process (the embedded server, tests): events reach every room of the chapter
 * here at once, and the reader count is the sum of this process's rooms. RedisReadingFanout builds
 * on it for the cluster.
 */
export class LocalReadingFanout implements ReadingFanout {
  private readonly listeners = new Map<string, Set<Listener>>();
  /** Readers per room, per chapter. */
  private readonly rooms = new Map<string, Map<string, number>>();

  subscribe(chapterId: string, listener: Listener): () => void {
    const set = this.listeners.get(chapterId) ?? new Set<Listener>();
    this.listeners.set(chapterId, set);
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(chapterId);
    };
  }

  async publish(chapterId: string, event: ReadingEvent): Promise<void> {
    this.deliver(chapterId, event);
  }

  setRoomReaders(chapterId: string, roomId: string, count: number): void {
    this.setLocalRoomReaders(chapterId, roomId, count);
    this.deliver(chapterId, { type: 'readers', count: this.localReaders(chapterId) });
  }

  async close(): Promise<void> {
    this.listeners.clear();
    this.rooms.clear();
  }

  /** Tells this process's rooms of the chapter (a listener's failure does not stop the others). */
  deliver(chapterId: string, event: ReadingEvent): void {
    for (const listener of [...(this.listeners.get(chapterId) ?? [])]) {
      try {
        listener(event);
      } catch {
        // A room that failed on an event still gets the next one; the room kit logs its own failures.
      }
    }
  }

  setLocalRoomReaders(chapterId: string, roomId: string, count: number): void {
    const rooms = this.rooms.get(chapterId) ?? new Map<string, number>();
    if (count > 0) rooms.set(roomId, count);
    else rooms.delete(roomId);
    if (rooms.size > 0) this.rooms.set(chapterId, rooms);
    else this.rooms.delete(chapterId);
  }

  localReaders(chapterId: string): number {
    let total = 0;
    for (const count of this.rooms.get(chapterId)?.values() ?? []) total += count;
    return total;
  }

  /** The chapters this process has readers in. */
  chaptersWithReaders(): string[] {
    return [...this.rooms.keys()];
  }

  hasListeners(chapterId: string): boolean {
    return this.listeners.has(chapterId);
  }
}
