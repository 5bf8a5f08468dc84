import { beforeEach, expect, it } from 'vitest';
import { Chapter, Story } from '../database/entities';
import { ManualClock } from '../shared/clock';
import { describeOnEngines } from '../../testing/test-database';
import { CatalogService } from './catalog-service';
import { loadedStory } from './loaded-story-builder';
import { StoryDirectory } from './story-directory';

const TTL_MS = 2000;

describeOnEngines('catalog caching', (db) => {
  let clock: ManualClock;
  let directory: StoryDirectory;
  let catalog: CatalogService;

  beforeEach(async () => {
    clock = new ManualClock();
    directory = new StoryDirectory({ em: db().orm.em, clock, ttlMs: TTL_MS });
    catalog = new CatalogService({ em: db().orm.em, clock, cacheTtlMs: TTL_MS, directory });
    await catalog.publish([loadedStory({ id: 'cache-a', chapters: [1, 2] }), loadedStory({ id: 'cache-b' })]);
  });

  const popular = async () => (await catalog.listStories({ sort: 'popular', limit: 20 })).items.map((s) => s.id);

  it('serves the listing from memory within the TTL and re-reads popularity after it', async () => {
    expect(await popular()).toEqual(['cache-a', 'cache-b']);
    await db().orm.em.fork().nativeUpdate(Story, { id: 'cache-b' }, { plays: 10 });
    expect(await popular()).toEqual(['cache-a', 'cache-b']);
    clock.advance(TTL_MS / 1000);
    expect(await popular()).toEqual(['cache-b', 'cache-a']);
  });

  it('shows a publish of this process at once: listing, story detail and session layouts', async () => {
    expect((await catalog.getStory('cache-a')).chapters).toHaveLength(2);
    expect(await directory.chaptersOf('cache-a')).toHaveLength(2);
    await catalog.publish([loadedStory({ id: 'cache-a', chapters: [1, 2, 3] })]);
    expect(await popular()).toEqual(['cache-a']);
    expect((await catalog.getStory('cache-a')).chapters).toHaveLength(3);
    expect((await directory.chaptersOf('cache-a'))?.map((c) => c.number)).toEqual([1, 2, 3]);
    expect(await directory.chaptersOf('cache-b')).toBeNull();
  });

  it('shows a change made elsewhere (another process publishing) once the TTL has passed', async () => {
    expect(await directory.chaptersOf('cache-b')).toHaveLength(1);
    await db().orm.em.fork().nativeUpdate(Chapter, { story: 'cache-b' }, { listed: false });
    expect(await directory.chaptersOf('cache-b')).toHaveLength(1);
    clock.advance(TTL_MS / 1000);
    expect(await directory.chaptersOf('cache-b')).toBeNull();
  });

  it('drops one story at once when told it changed elsewhere, keeping what it caches about the others', async () => {
    expect((await catalog.getStory('cache-a')).chapters).toHaveLength(2);
    expect((await catalog.getStory('cache-b')).chapters).toHaveLength(1);
    expect(await directory.chaptersOf('cache-b')).toHaveLength(1);
    // Another process changes both stories; only cache-b is told.
    await db().orm.em.fork().nativeUpdate(Chapter, { story: { $in: ['cache-a', 'cache-b'] }, number: 1 }, { listed: false });
    await db().orm.em.fork().nativeUpdate(Story, { id: 'cache-b' }, { plays: 10 });

    catalog.forget('cache-b');
    directory.forget('cache-b');

    await expect(catalog.getStory('cache-b')).resolves.toMatchObject({ chapters: [] });
    expect(await directory.chaptersOf('cache-b')).toBeNull();
    expect(await popular()).toEqual(['cache-b', 'cache-a']);
    expect((await catalog.getStory('cache-a')).chapters).toHaveLength(2);
    catalog.forget(null);
    expect((await catalog.getStory('cache-a')).chapters).toHaveLength(1);
  });

  it('answers null for a story that does not exist', async () => {
    expect(await directory.chaptersOf('no-such-story')).toBeNull();
  });
});
