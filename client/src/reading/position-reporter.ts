/** Positions are sent at most this often: the room's message budget is shared with reactions and comments. */
const EVERY_MS = 2000;

/**
 * Where the reader is: the first paragraph at least half on screen, sent when it changes (at most
 * every 2 s, the latest one winning), so the room shows it and the reading stats count it.
 */
export class PositionReporter {
  private readonly visible = new Map<Element, string>();
  private readonly order = new Map<Element, number>();
  private readonly observer: IntersectionObserver | null;
  private sent = '';
  private pending: ReturnType<typeof setTimeout> | null = null;
  private lastSentAt = 0;

  constructor(private readonly send: (paragraphId: string) => void) {
    this.observer = typeof IntersectionObserver === 'undefined' ? null : new IntersectionObserver((entries) => this.seen(entries), { threshold: 0.5 });
  }

  watch(element: Element, paragraphId: string): void {
    this.order.set(element, this.order.size);
    element.setAttribute('data-position-id', paragraphId);
    this.observer?.observe(element);
  }

  stop(): void {
    this.observer?.disconnect();
    if (this.pending) clearTimeout(this.pending);
  }

  private seen(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      const id = entry.target.getAttribute('data-position-id') ?? '';
      if (entry.isIntersecting) this.visible.set(entry.target, id);
      else this.visible.delete(entry.target);
    }
    const first = [...this.visible.keys()].sort((a, b) => (this.order.get(a) ?? 0) - (this.order.get(b) ?? 0))[0];
    if (first) this.schedule();
  }

  private schedule(): void {
    if (this.pending) return;
    const wait = Math.max(0, this.lastSentAt + EVERY_MS - Date.now());
    this.pending = setTimeout(() => {
      this.pending = null;
      const first = [...this.visible.keys()].sort((a, b) => (this.order.get(a) ?? 0) - (this.order.get(b) ?? 0))[0];
      const id = first ? this.visible.get(first) : undefined;
      if (!id || id === this.sent) return;
      this.sent = id;
      this.lastSentAt = Date.now();
      this.send(id);
    }, wait);
  }
}
