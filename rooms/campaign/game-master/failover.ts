import type { BeatRequest, GameMaster, NarratedBeat, NarrationSink } from './game-master';

export interface FailoverOptions {
  /** A provider that sends nothing for this long (from the start or since its last chunk) has stalled. */
  idleTimeoutMs: number;
  /** No attempt may take longer than this in all. */
  attemptTimeoutMs: number;
  /** Retries per provider after its first failure (the issue asks for one). */
  retries: number;
  onFailure?: (failure: { provider: string; attempt: number; error: unknown }) => void;
}

/**
 * Tries each game master in order: every attempt under an idle timeout and an overall timeout,
 * each provider retried `retries` times, then the next one. Put the offline narrator last and a
 * beat always gets written. If an attempt had streamed text before failing, the sink is told to
 * start the beat again.
 */
export class FailoverGameMaster implements GameMaster {
  readonly name: string;

  constructor(private readonly providers: readonly GameMaster[], private readonly options: FailoverOptions) {
    if (providers.length === 0) throw new Error('FailoverGameMaster needs at least one provider');
    this.name = providers.map((p) => p.name).join(' → ');
  }

  async narrate(request: BeatRequest, sink: NarrationSink, signal: AbortSignal): Promise<NarratedBeat> {
    let lastError: unknown = new Error('no provider answered');
    for (const provider of this.providers) {
      for (let attempt = 0; attempt <= this.options.retries; attempt++) {
        if (signal.aborted) throw signal.reason ?? new Error('aborted');
        let streamed = false;
        try {
          return await this.attempt(provider, request, { chunk: (text) => ((streamed = true), sink.chunk(text)), restart: () => sink.restart() }, signal);
        } catch (error) {
          lastError = error;
          this.options.onFailure?.({ provider: provider.name, attempt, error });
          if (streamed) sink.restart();
        }
      }
    }
    throw lastError;
  }

  private attempt(provider: GameMaster, request: BeatRequest, sink: NarrationSink, outer: AbortSignal): Promise<NarratedBeat> {
    const controller = new AbortController();
    const { idleTimeoutMs, attemptTimeoutMs } = this.options;
    return new Promise<NarratedBeat>((resolve, reject) => {
      let idle: ReturnType<typeof setTimeout> | undefined;
      const fail = (error: Error) => {
        controller.abort(error);
        finish();
        reject(error);
      };
      const armIdle = () => {
        clearTimeout(idle);
        idle = setTimeout(() => fail(new Error(`${provider.name} sent nothing for ${idleTimeoutMs} ms`)), idleTimeoutMs);
      };
      const overall = setTimeout(() => fail(new Error(`${provider.name} took longer than ${attemptTimeoutMs} ms`)), attemptTimeoutMs);
      const onOuterAbort = () => fail(new Error('narration cancelled'));
      const finish = () => {
        clearTimeout(idle);
        clearTimeout(overall);
        outer.removeEventListener('abort', onOuterAbort);
      };
      outer.addEventListener('abort', onOuterAbort);
      armIdle();
      let settled = false;
      provider
        .narrate(
          request,
          {
            chunk: (text) => {
              if (settled || controller.signal.aborted) return; // a late chunk from an abandoned attempt
              armIdle();
              sink.chunk(text);
            },
            restart: () => sink.restart(),
          },
          controller.signal,
        )
        .then(
          (beat) => {
            settled = true;
            if (controller.signal.aborted) return;
            finish();
            resolve(beat);
          },
          (error: unknown) => {
            settled = true;
            if (controller.signal.aborted) return;
            finish();
            reject(error instanceof Error ? error : new Error(String(error)));
          },
        );
    });
  }
}
