import { describe, expect, it } from 'vitest';
import { chapterSourceSchema, storyManifestSchema } from './bundle-schema';
import { buildChapterBundle } from './chapter-bundle';
import { lintStory } from './lint';

const manifest = { id: 'tiny', title: 'Tiny', description: 'A tiny story.', genre: 'drama' };
const chapterWith = (gate: object[], end: object[] = [{ type: 'narration', text: 'Fin.' }]) => ({
  _id: 'tiny-ch1',
  storyId: 'tiny',
  chapterNumber: 1,
  scenes: { gate: { timeline: gate, nextSceneId: 'end' }, end: { timeline: end, end: true } },
});
const lintChapter = (doc: object) => lintStory({ manifestFile: 'tiny/story.json', manifest, chapters: [{ file: 'tiny/chapters/01.json', doc }], assetExists: () => true });

describe('paragraph ids', () => {
  it('gives every bundle line its authored id, else <sceneId>.<index>', () => {
    const source = chapterSourceSchema.parse(chapterWith([{ type: 'narration', text: 'One.' }, { type: 'narration', text: 'Two.', id: 'the-bell' }, { type: 'show', character: 'Ilse' }]));
    const bundle = buildChapterBundle(source, storyManifestSchema.parse(manifest));
    expect(bundle.scenes.gate!.timeline.map((line) => line.id)).toEqual(['gate.0', 'the-bell', 'gate.2']);
    expect(bundle.scenes.end!.timeline.map((line) => line.id)).toEqual(['end.0']);
    // The source document is not changed by the build.
    expect(source.scenes.gate!.timeline[0]).not.toHaveProperty('id');
  });

  it('is stable: building the same source twice gives the same ids', () => {
    const source = chapterSourceSchema.parse(chapterWith([{ type: 'narration', text: 'One.' }]));
    const once = buildChapterBundle(source, storyManifestSchema.parse(manifest));
    const twice = buildChapterBundle(source, storyManifestSchema.parse(manifest));
    expect(twice.scenes).toEqual(once.scenes);
  });

  it('reports an authored id used twice, or equal to another line’s derived id', () => {
    const twice = lintChapter(chapterWith([{ type: 'narration', text: 'A', id: 'x' }], [{ type: 'narration', text: 'B', id: 'x' }]));
    expect(twice.map((p) => p.code)).toContain('DUPLICATE_PARAGRAPH_ID');
    const clash = lintChapter(chapterWith([{ type: 'narration', text: 'A', id: 'gate.1' }, { type: 'narration', text: 'B' }]));
    expect(clash.filter((p) => p.code === 'DUPLICATE_PARAGRAPH_ID')).toHaveLength(1);
    expect(lintChapter(chapterWith([{ type: 'narration', text: 'A', id: 'a' }, { type: 'narration', text: 'B' }]))).toEqual([]);
  });

  it('refuses an id that is not a plain token', () => {
    const problems = lintChapter(chapterWith([{ type: 'narration', text: 'A', id: 'has space' }]));
    expect(problems.some((p) => p.severity === 'error')).toBe(true);
  });
});
