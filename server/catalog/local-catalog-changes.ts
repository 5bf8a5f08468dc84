import type { CatalogChange, CatalogChangeListener, CatalogChanges } from './catalog-changes';

/** Catalog changes within one process: the embedded run, and the local half of the Redis one. */
export class LocalCatalogChanges implements CatalogChanges {
  private readonly listeners = new Set<CatalogChangeListener>();

  async publish(change: CatalogChange): Promise<void> {
    this.deliver(change);
  }

  /** Hands a change to this process's listeners, synchronously. */
  deliver(change: CatalogChange): void {
    for (const listener of [...this.listeners]) listener(change);
  }

  subscribe(listener: CatalogChangeListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
