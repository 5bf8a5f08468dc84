import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash, type Route } from './routes';

describe('hash routes', () => {
  it('reads the studio’s routes', () => {
    expect(parseRoute('#/studio')).toEqual({ name: 'studio' });
    expect(parseRoute('#/studio/')).toEqual({ name: 'studio' });
    expect(parseRoute('#/studio/earnings')).toEqual({ name: 'studio-earnings' });
    expect(parseRoute('#/studio/stories/harbor-bells')).toEqual({ name: 'studio-story', storyId: 'harbor-bells' });
  });

  it('keeps a story called "earnings" reachable', () => {
    expect(parseRoute('#/studio/stories/earnings')).toEqual({ name: 'studio-story', storyId: 'earnings' });
  });

  it('refuses studio addresses it does not know', () => {
    expect(parseRoute('#/studio/stories')).toBeNull();
    expect(parseRoute('#/studio/harbor-bells')).toBeNull();
    expect(parseRoute('#/studio/stories/a/b')).toBeNull();
  });

  it('reads a preview of a chapter, and only of a chapter', () => {
    expect(parseRoute('#/play/harbor/harbor-ch2?preview')).toEqual({ name: 'play', storyId: 'harbor', chapterId: 'harbor-ch2', preview: true });
    expect(parseRoute('#/play/harbor/harbor-ch2')).toEqual({ name: 'play', storyId: 'harbor', chapterId: 'harbor-ch2' });
    expect(parseRoute('#/play/harbor?preview')).toEqual({ name: 'play', storyId: 'harbor' });
    expect(parseRoute('#/play/harbor/harbor-ch2?other')).toEqual({ name: 'play', storyId: 'harbor', chapterId: 'harbor-ch2' });
  });

  it('decodes ids and survives broken escapes', () => {
    expect(parseRoute('#/studio/stories/a%20b')).toEqual({ name: 'studio-story', storyId: 'a b' });
    expect(parseRoute('#/studio/stories/%E0%A4%A')).toEqual({ name: 'studio-story', storyId: '%E0%A4%A' });
  });

  it('still reads the reader’s routes', () => {
    expect(parseRoute('')).toEqual({ name: 'library' });
    expect(parseRoute('#/story/harbor')).toEqual({ name: 'story', storyId: 'harbor' });
    expect(parseRoute('#/play/harbor')).toEqual({ name: 'play', storyId: 'harbor' });
    expect(parseRoute('#/store/success/p1')).toEqual({ name: 'store-return', outcome: 'success', purchaseId: 'p1' });
    expect(parseRoute('#/nowhere')).toBeNull();
  });

  it('writes every route so that reading it back gives the same route', () => {
    const routes: Route[] = [
      { name: 'studio' },
      { name: 'studio-earnings' },
      { name: 'studio-story', storyId: 'earnings' },
      { name: 'studio-story', storyId: 'odd/id?x' },
      { name: 'play', storyId: 'harbor', chapterId: 'ch 1?', preview: true },
      { name: 'play', storyId: 'harbor', chapterId: 'ch1' },
      { name: 'play', storyId: 'harbor' },
      { name: 'library' },
      { name: 'campaign', code: 'ABCD' },
    ];
    for (const route of routes) expect(parseRoute(routeHash(route)), routeHash(route)).toEqual(route);
    expect(routeHash({ name: 'play', storyId: 'harbor', chapterId: 'ch1', preview: true })).toBe('#/play/harbor/ch1?preview');
  });
});
