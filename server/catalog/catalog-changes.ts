/**
 * "What readers see of a story changed": told to every process so each drops what it caches about
 * that story (the catalog's pages and details, the story layouts sessions read). A release, a
 * publish and a content sync publish one. The local implementation serves one process (the
 * embedded run); the Redis one a cluster (server/composition.ts chooses by REDIS_URL).
 */
export interface CatalogChange {
  /** The story that changed, or null: anything may have changed (forget everything, re-check schedules). */
  storyId: string | null;
}

export type CatalogChangeListener = (change: CatalogChange) => void;

export interface CatalogChanges {
  /** Tells this process at once, and every other one as soon as the transport carries it. */
  publish(change: CatalogChange): Promise<void>;
  /** Every change, this process's own included; returns the way to stop listening. */
  subscribe(listener: CatalogChangeListener): () => void;
  close(): Promise<void>;
}
