import { describe, expect, it } from 'vitest';
import type { ChapterSource, StoryManifest } from '../bundle-schema';
import { checkWardrobe } from './wardrobe';

const manifest = (extra: Partial<StoryManifest> = {}): StoryManifest => ({ id: 's', title: 'S', description: '', genre: 'drama', ...extra }) as StoryManifest;
const chapter = (scene: Record<string, unknown>): { file: string; source: ChapterSource } => ({
  file: 'chapters/01.json',
  source: { _id: 'c1', storyId: 's', chapterNumber: 1, scenes: { start: { timeline: [], ...scene } } } as unknown as ChapterSource,
});
const codes = (problems: { code: string }[]) => problems.map((p) => p.code);

describe('the name and wardrobe rules', () => {
  it('asks a name only of a nameable protagonist, and a wardrobe only with outfits', () => {
    expect(codes(checkWardrobe('story.json', manifest(), [chapter({ nameEntry: true, wardrobe: true })]))).toEqual(['NAME_ENTRY_NOT_NAMEABLE', 'WARDROBE_WITHOUT_OUTFITS']);
    expect(codes(checkWardrobe('story.json', manifest({ protagonist: { defaultName: 'Rowan', nameable: false } }), [chapter({ nameEntry: true })]))).toEqual(['NAME_ENTRY_NOT_NAMEABLE']);
    const ready = manifest({ protagonist: { defaultName: 'Rowan', nameable: true }, outfits: [{ id: 'coat', name: 'Coat' }] });
    expect(checkWardrobe('story.json', ready, [chapter({ nameEntry: true, wardrobe: true })])).toEqual([]);
  });

  it('refuses two outfits with one id, and warns of {name} without a protagonist', () => {
    const twice = manifest({ outfits: [{ id: 'coat', name: 'Coat' }, { id: 'coat', name: 'Other coat', cost: 5 }] });
    expect(codes(checkWardrobe('story.json', twice, []))).toEqual(['DUPLICATE_OUTFIT_ID']);
    const named = checkWardrobe('story.json', manifest(), [chapter({ timeline: [{ type: 'narration', text: 'Hello, {name}.' }] })]);
    expect(named.map((p) => [p.code, p.severity])).toEqual([['NAME_WITHOUT_PROTAGONIST', 'warning']]);
  });
});
