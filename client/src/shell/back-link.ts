import { h } from './dom';
import { icon } from './icons';

/** A labelled "back" link (a real <a>, so it also opens in a new tab and shows its target). */
export function backLink(href: string, label: string, className = 'back-link'): HTMLAnchorElement {
  return h('a', { className, attrs: { href } }, [icon('back', 'icon'), h('span', { text: label })]);
}
