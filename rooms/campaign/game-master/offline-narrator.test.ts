import { describe, expect, it } from 'vitest';
import { beatRequest } from '../rules/beat-request';
import { replay } from '../rules/apply-event';
import { rulesViewOf, type CampaignEvent } from '../rules/model';
import { checkStateChanges } from '../rules/state-changes';
import type { CampaignWorld } from '../rules/world';
import type { BeatOutput } from './game-master';
import { OfflineNarrator } from './offline-narrator';
import { readPlayerWords } from './player-words';

const world: CampaignWorld = {
  id: 'w',
  title: 'W',
  setting: 'A hill town of glassblowers.',
  locations: [
    { id: 'market-stair', name: 'The Market Stair', description: 'Steps worn into a bowl by a thousand years of feet.' },
    { id: 'orchard', name: 'The Glass Orchard', description: 'Trees of clear glass that no longer ring.' },
  ],
  characters: [
    { id: 'asha', name: 'Widow Asha', personality: 'Sharp-tongued, misses nothing.', location: 'market-stair' },
    { id: 'maren', name: 'Maren Stull', personality: 'Keeper of the orchard, grieving.', location: 'orchard' },
  ],
  quests: [{ id: 'silence', title: 'The Silent Orchard', description: 'Find out why the trees stopped ringing.' }],
  items: [{ id: 'tuning-fork', name: 'Brass Tuning Fork' }],
  lore: [],
};

function after(text: string, seed = 7, extra: CampaignEvent[] = []) {
  const model = replay(world, [
    { type: 'created', worldId: 'w', mode: 'turns', seed, seats: 4 },
    { type: 'joined', playerId: 'a', name: 'Ann' },
    { type: 'started' },
    ...extra,
    { type: 'action', playerId: 'a', text },
  ]);
  return { model, request: beatRequest(world, model) };
}

async function narrate(text: string, seed = 7): Promise<BeatOutput & { all: string }> {
  const { request } = after(text, seed);
  const { output } = await new OfflineNarrator().narrate(request, { chunk: () => undefined, restart: () => undefined }, new AbortController().signal);
  return { ...output, all: [output.narrative, ...output.dialogue.map((d) => d.text)].join(' ') };
}

describe('reading what the player wrote', () => {
  it('finds the verb, its intent, and the places, people and things named', () => {
    const words = readPlayerWords(world, 'I quietly ask Maren about the tuning fork in the orchard.', 'Ann');
    expect(words).toMatchObject({ verb: 'ask', intent: 'talk' });
    expect(words.characters.map((c) => c.id)).toEqual(['maren']);
    expect(words.items.map((i) => i.id)).toEqual(['tuning-fork']);
    expect(words.locations.map((l) => l.id)).toEqual(['orchard']);
    expect(words.retold).toBe('Ann quietly asks Maren about the tuning fork in the orchard.');
    expect(readPlayerWords(world, 'I push my way past the guard', 'Bo').retold).toBe('Bo pushes their way past the guard.');
    expect(readPlayerWords(world, 'Run!', 'Bo')).toMatchObject({ verb: 'run', intent: 'move', retold: null });
  });
});

describe('offline narrator', () => {
  it('moves the scene when the player goes somewhere, and speaks of the new place, never the old', async () => {
    const beat = await narrate('I walk up to the orchard to listen to the trees.');
    expect(beat.state_changes).toContainEqual({ type: 'move', location: 'orchard' });
    expect(beat.narrative).toContain('Ann walks up to the orchard');
    expect(beat.narrative).toContain('The Glass Orchard');
    expect(beat.dialogue.map((d) => d.character)).toEqual(['Maren Stull']);
  });

  it('does not move when the player only looks at a place', async () => {
    const beat = await narrate('I look at the orchard from the stair.');
    expect(beat.state_changes).not.toContainEqual({ type: 'move', location: 'orchard' });
  });

  it('answers with the character the player names, about the thing they name', async () => {
    const beat = await narrate('I ask Widow Asha about the tuning fork.');
    expect(beat.narrative).toContain('Widow Asha');
    expect(beat.dialogue).toHaveLength(1);
    expect(beat.dialogue[0]!.character).toBe('Widow Asha');
    expect(beat.dialogue[0]!.text).toContain('Brass Tuning Fork');
  });

  it('says where a named character is when they are not here', async () => {
    const beat = await narrate('I ask Maren what happened.');
    expect(beat.narrative).toContain('Maren Stull is not here');
    expect(beat.narrative).toContain('The Glass Orchard');
  });

  it('gives an item the player takes, as a change the rules accept', async () => {
    const { model } = after('I take the tuning fork.');
    const beat = await narrate('I take the tuning fork.');
    expect(beat.state_changes).toContainEqual({ type: 'give_item', player: 'a', item: 'tuning-fork' });
    expect(checkStateChanges(world, rulesViewOf(model, () => true), beat.state_changes).rejected).toEqual([]);
  });

  it('never repeats the place description on screen, nor pastes notes in brackets', async () => {
    for (const text of ['I wait.', 'I walk to the orchard.', 'I ask Widow Asha for news.', 'I sing loudly.']) {
      const beat = await narrate(text);
      for (const place of world.locations) expect(beat.all).not.toContain(place.description);
      for (const person of world.characters) expect(beat.all).not.toContain(person.personality);
      expect(beat.narrative).not.toMatch(/\(.*\)/);
    }
  });

  it('is deterministic by seed and varies its phrasing between seeds', async () => {
    const text = 'I sing loudly on the steps.';
    expect(await narrate(text, 3)).toEqual(await narrate(text, 3));
    const phrasings = new Set<string>();
    for (let seed = 1; seed <= 12; seed++) phrasings.add((await narrate(text, seed)).narrative);
    expect(phrasings.size).toBeGreaterThan(1);
  });
});
