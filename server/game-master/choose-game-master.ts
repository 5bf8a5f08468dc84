import { FailoverGameMaster } from '../../rooms/campaign/game-master/failover';
import type { GameMaster } from '../../rooms/campaign/game-master/game-master';
import { OfflineNarrator } from '../../rooms/campaign/game-master/offline-narrator';
import type { Logger } from '../shared/logger';
import { OpenAiGameMaster } from './openai-game-master';

export interface OpenAiSettings {
  apiKey?: string | undefined;
  baseUrl?: string | undefined;
  model?: string | undefined;
}

export const DEFAULT_GM_MODEL = 'gpt-4o-mini';

export interface GameMasterTimeouts {
  idleTimeoutMs: number;
  attemptTimeoutMs: number;
}

/**
 * The game master chain: an OpenAI-compatible server first when OPENAI_BASE_URL or
 * OPENAI_API_KEY is set (each attempt under a short idle timeout, retried once), always ending
 * with the offline narrator, which is all there is when nothing is configured.
 */
export function chooseGameMaster(openai: OpenAiSettings, logger: Logger, timeouts: GameMasterTimeouts = { idleTimeoutMs: 8000, attemptTimeoutMs: 60_000 }): GameMaster {
  const providers: GameMaster[] = [];
  if (openai.baseUrl !== undefined || openai.apiKey !== undefined) {
    providers.push(new OpenAiGameMaster({ baseUrl: openai.baseUrl, apiKey: openai.apiKey, model: openai.model ?? DEFAULT_GM_MODEL }));
  }
  providers.push(new OfflineNarrator());
  return new FailoverGameMaster(providers, {
    ...timeouts,
    retries: 1,
    onFailure: ({ provider, attempt, error }) => logger.warn({ err: error, provider, attempt }, `game master ${provider} failed (attempt ${attempt + 1})`),
  });
}
