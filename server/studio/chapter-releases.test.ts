import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeOnEngines } from '../../testing/test-database';
import type { CatalogChange } from '../catalog/catalog-changes';
import { LocalCatalogChanges } from '../catalog/local-catalog-changes';
import { Chapter, ChapterVersion } from '../database/entities';
import { ManualClock } from '../shared/clock';
import { silentLogger } from '../shared/logger';
import { ManualScheduler } from '../shared/manual-scheduler';
import { ChapterReleases } from './chapter-releases';
import { createStudioStory, createWriter, insertVersion } from './release-test-kit';

const POLL_MS = 30_000;

describeOnEngines('ChapterReleases', (db) => {
  const em = () => db().orm.em;
  let clock: ManualClock;
  let scheduler: ManualScheduler;
  let changes: LocalCatalogChanges;
  let told: CatalogChange[];
  let releases: ChapterReleases;
  let storyId: string;
  let n = 0;
  const later = (seconds: number) => new Date(clock.now().getTime() + seconds * 1000);
  const sha = async (chapterId: string) => (await em().fork().findOne(Chapter, { id: chapterId }))?.sha256 ?? null;
  /** Moves time on and waits for the runs the timers started. */
  const advance = async (seconds: number) => {
    scheduler.advance(seconds);
    await releases.idle();
  };

  beforeEach(async () => {
    // Each test starts with nothing pending (versions of earlier tests are released or dropped).
    await em().fork().nativeUpdate(ChapterVersion, { releasedAt: null }, { releasedAt: new Date(0) });
    clock = new ManualClock(new Date(Date.UTC(2026, 5, 1 + n, 12)));
    scheduler = new ManualScheduler(clock);
    changes = new LocalCatalogChanges();
    told = [];
    changes.subscribe((change) => told.push(change));
    releases = new ChapterReleases({ em: em(), clock, changes, logger: silentLogger, scheduler, pollMs: POLL_MS });
    storyId = `sched-${++n}`;
    await createStudioStory(em(), (await createWriter(em())).id, storyId);
  });
  afterEach(async () => {
    await releases.stop();
  });

  it('on start releases what is due and arms one timer for the earliest pending release; each firing releases and re-arms', async () => {
    const due = await insertVersion(em(), { storyId, chapterId: `${storyId}-ch1`, version: 1, releaseAt: later(-60) });
    const soon = await insertVersion(em(), { storyId, chapterId: `${storyId}-ch2`, number: 2, version: 1, releaseAt: later(90) });
    await insertVersion(em(), { storyId, chapterId: `${storyId}-ch3`, number: 3, version: 1, releaseAt: later(3600) });

    await releases.start();

    expect(await sha(`${storyId}-ch1`)).toBe(due.sha256);
    expect(told).toEqual([{ storyId }]);
    // The release timer and the safety poll, nothing else.
    expect(scheduler.pending()).toEqual([later(30), later(90)]);

    await advance(89);
    expect(await sha(`${storyId}-ch2`)).toBeNull();
    await advance(1);
    expect(await sha(`${storyId}-ch2`)).toBe(soon.sha256);
    expect(told.filter((c) => c.storyId === storyId)).toHaveLength(2);
    expect(scheduler.pending().filter((at) => at.getTime() === later(3510).getTime())).toHaveLength(1);
  });

  it('published(): a chapter published for now is readable when it resolves, a later one re-arms the timer, and every process is told', async () => {
    await releases.start();
    expect(scheduler.pending()).toEqual([later(30)]);

    const now = await insertVersion(em(), { storyId, chapterId: `${storyId}-ch1`, version: 1, releaseAt: clock.now() });
    await releases.published();
    expect(await sha(`${storyId}-ch1`)).toBe(now.sha256);
    expect(told).toEqual([{ storyId }, { storyId: null }]);

    await insertVersion(em(), { storyId, chapterId: `${storyId}-ch2`, number: 2, version: 1, releaseAt: later(10) });
    await releases.published();
    await releases.idle();
    expect(scheduler.pending()).toEqual([later(10), later(30)]);
    await advance(10);
    expect(await sha(`${storyId}-ch2`)).not.toBeNull();
  });

  it('re-arms when another process says it published, and the safety poll releases what nobody told it about', async () => {
    await releases.start();
    await insertVersion(em(), { storyId, chapterId: `${storyId}-ch1`, version: 1, releaseAt: later(5) });
    await changes.publish({ storyId: null });
    await releases.idle();
    expect(scheduler.pending()).toEqual([later(5), later(30)]);

    // Published elsewhere with no word reaching this process, and already due.
    await insertVersion(em(), { storyId, chapterId: `${storyId}-ch2`, number: 2, version: 1, releaseAt: later(1) });
    await advance(5);
    expect(await sha(`${storyId}-ch1`)).not.toBeNull();
    await insertVersion(em(), { storyId, chapterId: `${storyId}-ch3`, number: 3, version: 1, releaseAt: later(1) });
    await advance(24);
    expect(await sha(`${storyId}-ch3`)).toBeNull();
    await advance(1);
    expect(await sha(`${storyId}-ch3`)).not.toBeNull();
  });

  it('stops cleanly: no timer left, and nothing runs afterwards', async () => {
    await insertVersion(em(), { storyId, chapterId: `${storyId}-ch1`, version: 1, releaseAt: later(60) });
    await releases.start();
    expect(scheduler.pending()).toHaveLength(2);

    await releases.stop();

    expect(scheduler.pending()).toEqual([]);
    await changes.publish({ storyId: null });
    await advance(120);
    expect(await sha(`${storyId}-ch1`)).toBeNull();
  });

  it('a failed run is logged, not thrown (the publish is already committed), and the safety poll tries again', async () => {
    let down = true;
    const flaky = new Proxy(em(), { get: (target, key, receiver) => (key === 'fork' && down ? () => { throw new Error('database down'); } : Reflect.get(target, key, receiver)) });
    const errors: string[] = [];
    const logger = { ...silentLogger, info: () => undefined, error: (_details: object, message: string) => void errors.push(message) } as unknown as typeof silentLogger;
    const own = new ChapterReleases({ em: flaky, clock, changes, logger, scheduler, pollMs: POLL_MS });
    await own.start();
    await insertVersion(em(), { storyId, chapterId: `${storyId}-ch1`, version: 1, releaseAt: later(1) });
    await advance(1);
    await expect(own.published()).resolves.toBeUndefined();
    expect(errors.length).toBeGreaterThan(0);

    down = false;
    scheduler.advance(29);
    await own.idle();
    expect(await sha(`${storyId}-ch1`)).not.toBeNull();
    await own.stop();
  });
});
