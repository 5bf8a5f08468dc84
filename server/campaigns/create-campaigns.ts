import { randomInt } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import { loadWorldsDir, type WorldManifest } from '../../content-pipeline';
import type { CampaignLog, CampaignMeter, WorldCatalog } from '../../rooms/campaign/campaign-services';
import type { CampaignRoomDeps } from '../../rooms/campaign/campaign-room-deps';
import type { CampaignWorld } from '../../rooms/campaign/rules/world';
import type { PlayerAuthenticator } from '../../rooms/shared/player-auth';
import type { RoomTelemetry } from '../../rooms/shared/room-telemetry';
import type { Config } from '../config/config';
import { worldAssetUrl } from '../catalog/catalog-urls';
import { chooseGameMaster } from '../game-master/choose-game-master';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import { DatabaseCampaignMeter } from './campaign-meter';
import { DatabaseCampaignLog } from './database-campaign-log';

export interface CampaignsDeps {
  config: Config;
  orm: MikroORM;
  auth: PlayerAuthenticator;
  clock: Clock;
  logger: Logger;
  /** Messages and step latency for /metrics. */
  telemetry?: RoomTelemetry;
  /** Uniform in [0, 1): seeds and invite codes (default: cryptographic, so codes cannot be guessed). */
  random?: () => number;
}

/** 48 random bits as a number in [0, 1). */
const cryptoRandom = (): number => randomInt(2 ** 48 - 1) / 2 ** 48;

/**
 * Everything the `campaign` room needs, chosen from the configuration: the worlds of CONTENT_DIR,
 * the event log and meter, and the game master (an OpenAI-compatible server when OPENAI_BASE_URL
 * or OPENAI_API_KEY is set, failing over to the offline narrator; else the offline narrator).
 */
export async function createCampaigns(deps: CampaignsDeps): Promise<CampaignRoomDeps> {
  const { config, logger } = deps;
  const loaded = await loadWorldsDir(config.contentDir);
  for (const problem of loaded.problems) logger[problem.severity === 'error' ? 'error' : 'warn'](problem, `content: ${problem.message}`);
  const worlds = new Map<string, CampaignWorld>(loaded.worlds.map((w) => [w.manifest.id, withArtUrls(w.manifest)]));
  const catalog: WorldCatalog = { get: (id) => worlds.get(id) };
  const log: CampaignLog = new DatabaseCampaignLog({ em: deps.orm.em, clock: deps.clock });
  const meter: CampaignMeter = new DatabaseCampaignMeter({ em: deps.orm.em, clock: deps.clock, dailyTurns: config.campaigns.dailyTurns });
  const gameMaster = chooseGameMaster(config.openai, logger);
  logger.info({ worlds: [...worlds.keys()], gameMaster: gameMaster.name }, `campaigns: ${worlds.size} worlds, game master ${gameMaster.name}`);
  const timings = { turnSeconds: config.campaigns.turnSeconds, voteSeconds: config.campaigns.voteSeconds };
  return { worlds: catalog, log, meter, gameMaster, auth: deps.auth, logger, timings, clock: deps.clock, random: deps.random ?? cryptoRandom, ...(deps.telemetry ? { telemetry: deps.telemetry } : {}) };
}

/** Each location with a background gets the public URL the client loads it from. */
function withArtUrls(world: WorldManifest): CampaignWorld {
  return { ...world, locations: world.locations.map((l) => (l.background === undefined ? l : { ...l, artUrl: worldAssetUrl(world.id, l.background) })) };
}
