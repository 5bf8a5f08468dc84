import type { BeatRequest } from '../game-master/game-master';
import { triggeredLore } from './lore';
import { partyOf, playerOf, type CampaignModel } from './model';
import { characterOf, locationOf, type CampaignWorld } from './world';

/** What the game master is told for the pending beat of `model`. */
export function beatRequest(world: CampaignWorld, model: CampaignModel): BeatRequest {
  const pending = model.pending ?? { kind: 'opening' as const };
  const prompt = pending.kind === 'action' ? { ...pending, playerName: playerOf(model, pending.playerId)?.name ?? 'Someone' } : pending;
  const promptText = pending.kind === 'opening' ? '' : pending.text;
  const sceneWords = [
    locationOf(world, model.scene.location)?.name ?? '',
    ...model.scene.present.map((id) => characterOf(world, id)?.name ?? ''),
    ...model.recent.slice(-2).map((b) => b.narrative),
  ];
  // The prompt's own keywords come first: they matter most for this beat.
  const lore = [...triggeredLore(world, [promptText]), ...triggeredLore(world, sceneWords)].filter((entry, i, all) => all.indexOf(entry) === i).slice(0, 4);
  return {
    world,
    mode: model.mode,
    seed: model.seed,
    beat: model.beat + 1,
    scene: structuredClone(model.scene),
    party: partyOf(model).map((p) => ({ id: p.id, name: p.name, character: p.character, stats: { ...p.stats }, inventory: [...p.inventory] })),
    prompt,
    recent: model.recent.map((r) => ({ ...r })),
    summary: model.summary,
    lore,
  };
}
