import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContentDir, type ChapterBundle } from './load-content';

// The stories the product ships with must always lint clean.
const SHIPPED_CONTENT = fileURLToPath(new URL('../../content', import.meta.url));

describe('shipped content', () => {
  it('loads with no problems at all, including The Lantern Keeper', async () => {
    const result = await loadContentDir(SHIPPED_CONTENT);
    expect(result.problems).toEqual([]);
    const lantern = result.stories.find((s) => s.manifest.id === 'the-lantern-keeper');
    expect(lantern?.manifest.genre).toBe('fantasy');
    expect(lantern?.chapters.map((c) => c.title)).toEqual(['The Lamp That Would Not Light']);

    const scenes = Object.values((lantern?.chapters[0]?.bundle as ChapterBundle | undefined)?.scenes ?? {});
    const options = scenes.flatMap((s) => s.choice?.options ?? []);
    expect(options).toHaveLength(3);
    expect(options.filter((o) => o.cost !== undefined)).toEqual([expect.objectContaining({ cost: 5, flag: 'gave_hearth_ember' })]);
    expect(scenes.some((s) => s.end === true)).toBe(true);
  });
});
