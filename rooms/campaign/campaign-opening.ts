import { ServerError } from '@colyseus/core';
import { CampaignJournal } from './campaign-journal';
import type { CampaignLog, WorldCatalog } from './campaign-services';
import { newInviteCode } from './invite-code';
import type { CampaignCreateOptions } from './protocol';
import { replay } from './rules/apply-event';
import { newCampaign, partyOf, type CampaignEvent } from './rules/model';
import type { CampaignWorld } from './rules/world';

export interface OpeningDeps {
  worlds: WorldCatalog;
  log: CampaignLog;
  random(): number;
  /** Whether a room with this id is open somewhere in the cluster. */
  isOpen(code: string): Promise<boolean>;
}

export interface Opening {
  journal: CampaignJournal;
  /** A fork may only be taken up by the original's creator or its host now; null for any other campaign. */
  forkHosts: ReadonlySet<string> | null;
}

/** Opens the campaign a create asks for: a new one, one resumed from its log, or a fork of another's log. */
export async function openCampaign(options: CampaignCreateOptions, deps: OpeningDeps): Promise<Opening> {
  if (options.resume) return resume(options.resume, deps);
  if (options.fork) return fork(options.fork, deps);
  return begin(options, deps);
}

async function begin(options: CampaignCreateOptions, deps: OpeningDeps): Promise<Opening> {
  const worldId = options.worldId!;
  const world = requireWorld(deps, worldId);
  const code = await freshCode(deps);
  const created: CampaignEvent = { type: 'created', worldId, mode: options.mode ?? 'turns', seed: options.seed ?? Math.floor(deps.random() * 2 ** 31), seats: options.seats ?? 6 };
  const record = { code, worldId, mode: created.mode, seed: created.seed, seats: created.seats, hostUserId: null, forkOf: null };
  return { journal: new CampaignJournal(deps.log, world, newCampaign(world, created), record, { pending: [created] }), forkHosts: null };
}

async function resume(code: string, deps: OpeningDeps): Promise<Opening> {
  const saved = await deps.log.load(code);
  if (!saved) throw new ServerError(404, `BAD_CODE: there is no campaign ${code}`);
  if (await deps.isOpen(code)) throw new ServerError(409, `CAMPAIGN_RUNNING: campaign ${code} is already open; join it by its code`);
  const world = requireWorld(deps, saved.record.worldId);
  return { journal: new CampaignJournal(deps.log, world, replay(world, saved.events), saved.record, { seq: saved.events.length }), forkHosts: null };
}

async function fork(from: { code: string; atBeat: number }, deps: OpeningDeps): Promise<Opening> {
  const saved = await deps.log.load(from.code);
  if (!saved) throw new ServerError(404, `BAD_CODE: there is no campaign ${from.code}`);
  const cut = saved.events.findIndex((e) => e.type === 'beat' && e.beat === from.atBeat);
  if (cut < 0) throw new ServerError(400, `NO_SUCH_BEAT: campaign ${from.code} has no beat ${from.atBeat}`);
  const world = requireWorld(deps, saved.record.worldId);
  const code = await freshCode(deps);
  // The fork's log is the original's up to beat N, with its own seats: everyone joins again.
  const prefix = saved.events.slice(0, cut + 1);
  const leaves: CampaignEvent[] = partyOf(replay(world, prefix)).map((p) => ({ type: 'left', playerId: p.id, kicked: false }));
  const events = [...prefix, ...leaves];
  const record = { ...saved.record, code, hostUserId: null, forkOf: { code: from.code, atBeat: from.atBeat } };
  // Rewinding is the host's call: the campaign's creator or its host now.
  const forkHosts = new Set([saved.record.hostUserId, replay(world, saved.events).hostId ?? '']);
  return { journal: new CampaignJournal(deps.log, world, replay(world, events), record, { pending: events }), forkHosts };
}

function requireWorld(deps: OpeningDeps, worldId: string): CampaignWorld {
  const world = deps.worlds.get(worldId);
  if (!world) throw new ServerError(404, `WORLD_NOT_FOUND: there is no world ${worldId}`);
  return world;
}

async function freshCode(deps: OpeningDeps): Promise<string> {
  for (let i = 0; i < 10; i++) {
    const code = newInviteCode(deps.random);
    if (!(await deps.isOpen(code)) && !(await deps.log.exists(code))) return code;
  }
  throw new ServerError(503, 'NO_CODE: could not find a free invite code; try again');
}
