import type { ArraySchema } from '@colyseus/schema';
import { syncArraySchema } from '../shared/sync-array-schema';
import { BeatState, CampaignChoiceState, CampaignPlayerState, type CharacterSheetState, DialogueLineState, type CampaignState } from './CampaignState';
import { partyOf, type CampaignModel } from './rules/model';
import { characterOf, locationOf, questOf, type CampaignWorld } from './rules/world';

export interface SeatView {
  /** session id → player id for the sessions in the room (connected or awaiting reconnection). */
  sessions: ReadonlyMap<string, string>;
  connected(sessionId: string): boolean;
  /** Sheets are kept per player, so a client's StateView keeps holding the same instance. */
  sheetOf(playerId: string): CharacterSheetState;
  presence(sessionId: string): { typing: boolean; ready: boolean };
  deadline: number;
}

/** Writes the model into the synced state, touching only what changed. */
export function renderCampaign(state: CampaignState, world: CampaignWorld, model: CampaignModel, seats: SeatView): void {
  state.worldId = model.worldId;
  state.worldTitle = world.title;
  state.mode = model.mode;
  state.phase = model.phase;
  state.beat = model.beat;
  state.seats = model.seats;
  state.deadline = seats.deadline;

  const sessionOf = new Map<string, string>();
  for (const [sessionId, playerId] of seats.sessions) sessionOf.set(playerId, sessionId);
  const party = new Map(partyOf(model).map((p) => [p.id, p]));
  for (const key of [...state.players.keys()]) {
    const playerId = seats.sessions.get(key);
    if (playerId === undefined || !party.has(playerId)) {
      state.players.delete(key);
      state.sheets.delete(key);
    }
  }
  for (const [sessionId, playerId] of seats.sessions) {
    const sheet = party.get(playerId);
    if (!sheet) continue;
    const seat = state.players.get(sessionId) ?? new CampaignPlayerState();
    seat.name = sheet.name;
    seat.connected = seats.connected(sessionId);
    seat.host = model.hostId === playerId;
    const presence = seats.presence(sessionId);
    seat.typing = presence.typing;
    seat.ready = presence.ready;
    seat.character = sheet.character ? (characterOf(world, sheet.character)?.name ?? '') : '';
    seat.vote = model.phase === 'voting' ? (model.votes[playerId] ?? '') : '';
    if (!state.players.has(sessionId)) state.players.set(sessionId, seat);
    const shown = seats.sheetOf(playerId);
    shown.name = sheet.name;
    for (const [stat, value] of Object.entries(sheet.stats)) if (shown.stats.get(stat) !== value) shown.stats.set(stat, value);
    const items = sheet.inventory.map((id) => world.items?.find((i) => i.id === id)?.name ?? id);
    syncStrings(shown.inventory, items);
    shown.goal = sheet.goal;
    if (state.sheets.get(sessionId) !== shown) state.sheets.set(sessionId, shown);
  }

  state.turn = model.phase === 'acting' && model.turn ? (sessionOf.get(model.turn) ?? '') : '';

  const scene = state.scene;
  const location = locationOf(world, model.scene.location);
  scene.location = model.scene.location;
  scene.locationName = location?.name ?? '';
  scene.art = location?.artUrl ?? '';
  scene.description = location?.description ?? '';
  syncStrings(scene.present, model.scene.present.map((id) => characterOf(world, id)?.name ?? id));
  syncStrings(scene.quests, model.scene.quests.map((id) => questOf(world, id)?.title ?? id));

  const tally = new Map<string, number>();
  for (const choiceId of Object.values(model.votes)) tally.set(choiceId, (tally.get(choiceId) ?? 0) + 1);
  const choices = model.phase === 'lobby' || model.phase === 'ended' ? [] : model.choices;
  syncArraySchema(state.choices, choices, () => new CampaignChoiceState(), (choice, c) => choice.assign({ id: c.id, text: c.text, votes: tally.get(c.id) ?? 0 }));

  const last = model.lastBeat;
  state.narrative = last?.narrative ?? '';
  syncArraySchema(state.dialogue, last?.dialogue ?? [], () => new DialogueLineState(), (line, d) => line.assign(d));
  syncArraySchema(state.recent, model.recent, () => new BeatState(), (beat, r) => beat.assign(r));
}

function syncStrings(target: ArraySchema<string>, values: readonly string[]): void {
  if (target.length === values.length && values.every((v, i) => target[i] === v)) return;
  target.clear();
  target.push(...values);
}
