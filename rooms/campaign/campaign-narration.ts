import type { BeatRequest, GameMaster, NarratedBeat } from './game-master/game-master';
import type { StoryChunkMessage } from './protocol';

export interface NarrationOutlet {
  /** A piece of narration for the players (restart: drop this beat's earlier chunks). */
  chunk(message: StoryChunkMessage): void;
  /** The whole beat, to commit. */
  told(narrated: NarratedBeat): Promise<void>;
  /** Telling (or committing) the beat failed for a reason other than being cancelled. */
  failed(error: unknown): void;
}

/**
 * The game master's side of a beat, told outside the room's mailbox while chat and presence go on.
 * The game master is the configured chain (game-master/failover.ts): it validates every provider's
 * output and ends in the offline narrator, so what it resolves with is trusted as it is.
 */
export class CampaignNarration {
  private controller: AbortController | null = null;

  constructor(private readonly gameMaster: GameMaster) {}

  get running(): boolean {
    return this.controller !== null;
  }

  begin(request: BeatRequest, outlet: NarrationOutlet): void {
    const beat = request.beat;
    const controller = new AbortController();
    this.controller = controller;
    let restart = false;
    const sink = {
      chunk: (text: string) => {
        outlet.chunk(restart ? { beat, text, restart: true } : { beat, text });
        restart = false;
      },
      restart: () => {
        restart = true;
      },
    };
    // A game master that ignores the signal must not keep a disposed room waiting.
    const cancelled = new Promise<never>((_, reject) => controller.signal.addEventListener('abort', () => reject(new Error('narration cancelled')), { once: true }));
    cancelled.catch(() => undefined); // settled by the race, or never looked at
    void Promise.race([this.gameMaster.narrate(request, sink, controller.signal), cancelled])
      .then((narrated) => outlet.told(narrated))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) outlet.failed(error);
      })
      .finally(() => {
        if (this.controller === controller) this.controller = null;
      });
  }

  /** Cancels the beat being told (the room is closing). */
  abort(): void {
    this.controller?.abort();
  }
}
