import type { Clock } from './clock';

export interface TtlCacheOptions {
  /** How long a loaded value is served before the next read loads it again; 0 turns caching off. */
  ttlMs: number;
  /** Past this many keys the oldest entry goes, so varied keys (cursors, unknown ids) cannot grow it without bound. */
  maxEntries: number;
  clock: Clock;
}

interface Entry<V> {
  value: Promise<V>;
  expiresAt: number;
}

/**
 * A small read-through cache for data that changes rarely and may be a little stale (catalog
 * pages, story layouts). Concurrent misses of one key share one load; a failed load is not kept.
 */
export class TtlCache<K, V> {
  private readonly entries = new Map<K, Entry<V>>();

  constructor(private readonly options: TtlCacheOptions) {}

  get(key: K, load: () => Promise<V>): Promise<V> {
    if (this.options.ttlMs <= 0) return load();
    const now = this.options.clock.now().getTime();
    const cached = this.entries.get(key);
    if (cached && cached.expiresAt > now) return cached.value;
    if (cached) this.entries.delete(key);
    const value = load();
    this.entries.set(key, { value, expiresAt: now + this.options.ttlMs });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    if (this.entries.size > this.options.maxEntries) this.entries.delete(this.entries.keys().next().value as K);
    return value;
  }

  /** Forgets one key: the next read loads it again. */
  delete(key: K): void {
    this.entries.delete(key);
  }

  /** Forgets everything, e.g. after this process published new content. */
  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
