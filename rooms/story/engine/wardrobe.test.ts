import { describe, expect, it } from 'vitest';
import type { PlayableChapter } from './playable-chapter';
import { startChapter } from './chapter-start';
import type { StoryProgress } from './story-progress';
import { checkPlayerName, nameCharacter, playerNameOf, wearOutfit, withPlayerName } from './wardrobe';

const chapter: PlayableChapter = {
  id: 'c1',
  storyId: 's',
  number: 1,
  title: 'One',
  startSceneId: 'dressing',
  protagonist: { defaultName: 'Rowan', nameable: true },
  outfits: [{ id: 'coat', name: 'Storm coat' }, { id: 'gown', name: 'Silver gown', cost: 12 }],
  scenes: {
    dressing: { timeline: [{ type: 'narration', text: 'Choose well, {name}.' }], nameEntry: true, wardrobe: true, nextSceneId: 'street' },
    street: { timeline: [], end: true },
  },
};
const start = (): StoryProgress => startChapter(chapter, null);
const value = <T>(result: { ok: true; value: T } | { ok: false }): T => {
  if (!result.ok) throw new Error('refused');
  return result.value;
};

describe('a name', () => {
  it('takes letters of any script, spaces, apostrophes and hyphens, 1–24 after trimming', () => {
    expect(value(checkPlayerName('  Ione  '))).toBe('Ione');
    expect(value(checkPlayerName("Ló-Ann  O'Neil"))).toBe("Ló-Ann O'Neil");
    expect(value(checkPlayerName('Мария'))).toBe('Мария');
    for (const bad of ['', '   ', '<b>x</b>', 'R2D2', 'x'.repeat(25), "'-'"]) expect(checkPlayerName(bad)).toMatchObject({ ok: false, refusal: { code: 'INVALID_NAME' } });
  });

  it('is given where the scene asks, saved as a step, and stands for {name}', () => {
    const before = start();
    expect(playerNameOf(chapter, before)).toBe('Rowan');
    const after = value(nameCharacter(chapter, before, ' Ione '))!;
    expect(after).toMatchObject({ playerName: 'Ione', step: before.step + 1 });
    expect(withPlayerName('Choose well, {name}. {name}!', playerNameOf(chapter, after))).toBe('Choose well, Ione. Ione!');
    expect(value(nameCharacter(chapter, after, 'Ione'))).toBeNull();
    expect(nameCharacter(chapter, { ...after, sceneId: 'street' }, 'Ada')).toMatchObject({ ok: false, refusal: { code: 'NAME_NOT_ASKED' } });
    expect(nameCharacter({ ...chapter, protagonist: { defaultName: 'Rowan', nameable: false } }, before, 'Ada')).toMatchObject({ ok: false, refusal: { code: 'NAME_NOT_ASKED' } });
  });

  it('carries over to the next chapter, with the outfits', () => {
    const next = startChapter({ ...chapter, id: 'c2' }, { ...start(), playerName: 'Ione', outfit: 'gown', ownedOutfits: ['gown'] });
    expect(next).toMatchObject({ chapterId: 'c2', playerName: 'Ione', outfit: 'gown', ownedOutfits: ['gown'] });
  });
});

describe('the wardrobe', () => {
  it('charges a premium outfit once; wearing a free or owned one costs nothing', () => {
    const bought = value(wearOutfit(chapter, start(), 'gown'))!;
    expect(bought).toMatchObject({ diamonds: 12, outfitId: 'gown', progress: { outfit: 'gown', ownedOutfits: ['gown'] } });
    expect(value(wearOutfit(chapter, bought.progress, 'gown'))).toBeNull();
    const coat = value(wearOutfit(chapter, bought.progress, 'coat'))!;
    expect(coat).toMatchObject({ diamonds: 0, progress: { outfit: 'coat', ownedOutfits: ['gown'] } });
    const again = value(wearOutfit(chapter, coat.progress, 'gown'))!;
    expect(again).toMatchObject({ diamonds: 0, progress: { outfit: 'gown', ownedOutfits: ['gown'] } });
  });

  it('opens only in a wardrobe scene, and knows only the story’s outfits', () => {
    expect(wearOutfit(chapter, start(), 'cape')).toMatchObject({ ok: false, refusal: { code: 'UNKNOWN_OUTFIT' } });
    expect(wearOutfit(chapter, { ...start(), sceneId: 'street' }, 'coat')).toMatchObject({ ok: false, refusal: { code: 'WARDROBE_CLOSED' } });
  });
});
