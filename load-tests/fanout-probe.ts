import { LatencyHistogram } from './latency-histogram';
import type { Sighting } from './reading-reader';

/** How long observers get to see a probe before it counts as missed. */
const SIGHTING_TIMEOUT_MS = 5000;

interface OpenProbe {
  kind: Sighting['kind'];
  /** The paragraph (reactions) or the comment's text that marks this probe. */
  mark: string;
  sentAt: number;
  waiting: Set<number>;
  done: () => void;
}

/**
 * Fan-out latency, measured without guessing which change came from which send: one probe at a
 * time on a mark nobody else uses — a reaction on a paragraph the other readers leave alone, or a
 * comment with a unique text — and every observer (readers spread over the rooms, and so over the
 * processes) reports when it sees it. A sample is sent → seen by one observer.
 */
export class FanoutProbe {
  readonly reactionMs = new LatencyHistogram();
  readonly commentMs = new LatencyHistogram();
  /**
   * Observer sightings that did not come within 5 s, by kind: a missed count is a change lost (or
   * very late); a missed comment may also be one the live rate held back from that observer.
   */
  readonly missed = { count: 0, comment: 0 };
  private open: OpenProbe | null = null;

  /** Sends one probe and waits until every observer saw it (or the timeout). */
  async probe(kind: Sighting['kind'], mark: string, observers: readonly number[], send: () => void): Promise<void> {
    if (observers.length === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => finish(), SIGHTING_TIMEOUT_MS);
      const finish = () => {
        clearTimeout(timer);
        if (this.open?.mark === mark) {
          this.missed[kind] += this.open.waiting.size;
          this.open = null;
        }
        resolve();
      };
      this.open = { kind, mark, sentAt: performance.now(), waiting: new Set(observers), done: finish };
      send();
    });
  }

  /** The run is ending (observers are about to leave): the open probe ends without counting its missing sightings. */
  cancel(): void {
    const open = this.open;
    if (!open) return;
    open.waiting.clear();
    open.done();
  }

  /** An observer saw a change. */
  seen(observer: number, sighting: Sighting): void {
    const open = this.open;
    if (!open || open.kind !== sighting.kind) return;
    if ((sighting.kind === 'count' ? sighting.key : sighting.text) !== open.mark) return;
    if (!open.waiting.delete(observer)) return;
    (open.kind === 'count' ? this.reactionMs : this.commentMs).record(performance.now() - open.sentAt);
    if (open.waiting.size === 0) open.done();
  }
}
