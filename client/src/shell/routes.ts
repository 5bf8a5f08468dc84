// The shell's hash routes. The hash holds everything, so a reload lands on the same screen.

export type Route =
  | { name: 'library' }
  | { name: 'auth' }
  | { name: 'story'; storyId: string }
  /** `preview`: the story's writer opens a draft or scheduled chapter (nothing spent, nothing saved). */
  | { name: 'play'; storyId: string; chapterId?: string; preview?: boolean }
  /** Read together: a chapter the reader has opened, as text, with everyone reading it live. */
  | { name: 'read'; storyId: string; chapterId: string }
  | { name: 'store' }
  | { name: 'campaigns' }
  | { name: 'campaign'; code: string }
  /** The writer's studio: my stories, one story, earnings. */
  | { name: 'studio' }
  | { name: 'studio-story'; storyId: string }
  | { name: 'studio-earnings' }
  /** Where Checkout sends the player back: paid (`success`) or abandoned (`cancel`). */
  | { name: 'store-return'; outcome: 'success' | 'cancel'; purchaseId: string };

export function parseRoute(hash: string): Route | null {
  const [address = '', query = ''] = hash.replace(/^#/, '').split('?', 2);
  const path = address.replace(/\/+$/, '');
  const parts = path.split('/').filter((part) => part !== '').map(safeDecode);
  const [head, first, second] = parts;
  if (parts.length === 0) return { name: 'library' };
  if (head === 'studio') return studioRoute(parts.slice(1));
  // Only a chapter can be previewed: the draft is one chapter, not "wherever the reader is".
  if (head === 'play' && first && second && parts.length === 3 && new URLSearchParams(query).has('preview')) return { name: 'play', storyId: first, chapterId: second, preview: true };
  if (head === 'auth' && parts.length === 1) return { name: 'auth' };
  if (head === 'story' && first && parts.length === 2) return { name: 'story', storyId: first };
  if (head === 'read' && first && second && parts.length === 3) return { name: 'read', storyId: first, chapterId: second };
  if (head === 'store' && parts.length === 1) return { name: 'store' };
  if (head === 'campaigns' && parts.length === 1) return { name: 'campaigns' };
  if (head === 'campaign' && first && parts.length === 2) return { name: 'campaign', code: first.toUpperCase() };
  if (head === 'store' && (first === 'success' || first === 'cancel') && second && parts.length === 3) return { name: 'store-return', outcome: first, purchaseId: second };
  if (head === 'play' && first && parts.length <= 3) return second ? { name: 'play', storyId: first, chapterId: second } : { name: 'play', storyId: first };
  return null;
}

export function routeHash(route: Route): string {
  switch (route.name) {
    case 'library':
      return '#/';
    case 'auth':
      return '#/auth';
    case 'story':
      return `#/story/${encodeURIComponent(route.storyId)}`;
    case 'read':
      return `#/read/${encodeURIComponent(route.storyId)}/${encodeURIComponent(route.chapterId)}`;
    case 'store':
      return '#/store';
    case 'campaigns':
      return '#/campaigns';
    case 'campaign':
      return `#/campaign/${encodeURIComponent(route.code)}`;
    case 'store-return':
      return `#/store/${route.outcome}/${encodeURIComponent(route.purchaseId)}`;
    case 'play':
      if (route.preview && route.chapterId) return `#/play/${encodeURIComponent(route.storyId)}/${encodeURIComponent(route.chapterId)}?preview`;
      return `#/play/${encodeURIComponent(route.storyId)}${route.chapterId ? `/${encodeURIComponent(route.chapterId)}` : ''}`;
    case 'studio':
      return '#/studio';
    case 'studio-story':
      return `#/studio/stories/${encodeURIComponent(route.storyId)}`;
    case 'studio-earnings':
      return '#/studio/earnings';
  }
}

/** `#/studio`, `#/studio/earnings`, `#/studio/stories/<storyId>` (a story id may be any slug, "earnings" too). */
function studioRoute(rest: string[]): Route | null {
  const [first, second] = rest;
  if (rest.length === 0) return { name: 'studio' };
  if (first === 'earnings' && rest.length === 1) return { name: 'studio-earnings' };
  if (first === 'stories' && second && rest.length === 2) return { name: 'studio-story', storyId: second };
  return null;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
