import { h } from './dom';

/**
 * A story's cover, decorative (the title is always printed beside it). Without a cover — or if
 * it fails to load — a warm gradient seeded by the title stands in, so no card looks broken.
 */
export function coverArt(coverUrl: string | null, title: string, className = 'cover'): HTMLElement {
  const frame = h('div', { className: `${className} cover-fallback` }, [h('span', { className: 'cover-initial', text: title.trim().charAt(0).toUpperCase(), attrs: { 'aria-hidden': 'true' } })]);
  // Through the CSSOM, not a style="" attribute: the Content-Security-Policy refuses inline style attributes.
  frame.style.setProperty('--cover-hue', String(hueOf(title)));
  if (coverUrl) {
    const img = h('img', { className: 'cover-img', attrs: { src: coverUrl, alt: '', loading: 'lazy', decoding: 'async' } });
    img.addEventListener('load', () => frame.classList.add('cover-loaded'));
    img.addEventListener('error', () => img.remove());
    frame.appendChild(img);
  }
  return frame;
}

function hueOf(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (hash * 31 + text.charCodeAt(i)) | 0;
  // Warm range only: ambers, roses, plums.
  return 330 + (Math.abs(hash) % 70);
}
