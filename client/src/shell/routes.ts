// The shell's hash routes. The hash holds everything, so a reload lands on the same screen.

export type Route =
  | { name: 'library' }
  | { name: 'auth' }
  | { name: 'story'; storyId: string }
  | { name: 'play'; storyId: string; chapterId?: string }
  | { name: 'store' }
  | { name: 'campaigns' }
  | { name: 'campaign'; code: string }
  /** Where Checkout sends the player back: paid (`success`) or abandoned (`cancel`). */
  | { name: 'store-return'; outcome: 'success' | 'cancel'; purchaseId: string };

export function parseRoute(hash: string): Route | null {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '');
  const parts = path.split('/').filter((part) => part !== '').map(safeDecode);
  const [head, first, second] = parts;
  if (parts.length === 0) return { name: 'library' };
  if (head === 'auth' && parts.length === 1) return { name: 'auth' };
  if (head === 'story' && first && parts.length === 2) return { name: 'story', storyId: first };
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
    case 'store':
      return '#/store';
    case 'campaigns':
      return '#/campaigns';
    case 'campaign':
      return `#/campaign/${encodeURIComponent(route.code)}`;
    case 'store-return':
      return `#/store/${route.outcome}/${encodeURIComponent(route.purchaseId)}`;
    case 'play':
      return `#/play/${encodeURIComponent(route.storyId)}${route.chapterId ? `/${encodeURIComponent(route.chapterId)}` : ''}`;
  }
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
