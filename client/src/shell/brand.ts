import { h } from './dom';
import { icon } from './icons';

/** The StoryVerse wordmark; `large` on the auth screen, compact in headers. */
export function brandMark(size: 'large' | 'compact' = 'compact'): HTMLElement {
  return h('span', { className: `brand brand-${size}` }, [
    h('span', { className: 'brand-badge' }, [icon('book', 'brand-icon')]),
    h('span', { className: 'brand-name' }, ['Story', h('span', { className: 'brand-accent', text: 'Verse' })]),
  ]);
}
