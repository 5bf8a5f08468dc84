// Inline SVG icons (no icon font, no emoji: both render unevenly across devices).

const SVG_NS = 'http://www.w3.org/2000/svg';

const PATHS = {
  key: 'M14.5 3a6.5 6.5 0 0 0-6.2 8.5L3 16.8V21h4.2v-2.2h2.3v-2.3h2.2l1.3-1.3A6.5 6.5 0 1 0 14.5 3Zm1.8 3.2a1.8 1.8 0 1 1 0 3.6 1.8 1.8 0 0 1 0-3.6Z',
  diamond: 'M6.5 3h11L22 9l-10 12L2 9l4.5-6Zm1 2L5 8.5h3.6L10.3 5H7.5Zm5.2 0 1.7 3.5H19L16.5 5h-3.8Zm-1.7.6L9.3 8.5h5.4L13 5.6h-2ZM4.9 10.5l5.5 6.6-2-6.6H4.9Zm5.6 0 1.5 5.1 1.5-5.1h-3Zm5.1 0-2 6.6 5.5-6.6h-3.5Z',
  back: 'M15.4 4.6 8 12l7.4 7.4-1.8 1.8L4.4 12l9.2-9.2 1.8 1.8Z',
  lock: 'M12 2a5 5 0 0 0-5 5v3H5.5A1.5 1.5 0 0 0 4 11.5v9A1.5 1.5 0 0 0 5.5 22h13a1.5 1.5 0 0 0 1.5-1.5v-9a1.5 1.5 0 0 0-1.5-1.5H17V7a5 5 0 0 0-5-5Zm-3 5a3 3 0 1 1 6 0v3H9V7Zm3 6.5a1.8 1.8 0 0 1 1 3.3V19h-2v-2.2a1.8 1.8 0 0 1 1-3.3Z',
  check: 'M9.2 16.6 4.6 12l-1.8 1.8 6.4 6.4L21.2 8.2l-1.8-1.8L9.2 16.6Z',
  play: 'M7 4.5v15a1 1 0 0 0 1.5.9l12-7.5a1 1 0 0 0 0-1.8l-12-7.5A1 1 0 0 0 7 4.5Z',
  replay: 'M12 4V1L7.5 5.5 12 10V6.5a5.5 5.5 0 1 1-5.5 5.5H4a8 8 0 1 0 8-8Z',
  book: 'M5 3.5A2.5 2.5 0 0 1 7.5 1H20v18H7.5a1 1 0 0 0 0 2H20v2H7.5A3.5 3.5 0 0 1 4 19.5v-16h1Zm3 1.5v2h9V5H8Z',
  clock: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm0 2.2a7.8 7.8 0 1 1 0 15.6 7.8 7.8 0 0 1 0-15.6ZM11 6.5V13l5.2 3.1 1-1.7-4-2.4V6.5H11Z',
  signal: 'M2 9.5a14.5 14.5 0 0 1 20 0l-1.7 1.8a12 12 0 0 0-16.6 0L2 9.5Zm3.5 3.6a9.5 9.5 0 0 1 13 0l-1.7 1.7a7 7 0 0 0-9.6 0l-1.7-1.7ZM9 16.6a4.5 4.5 0 0 1 6 0L12 19.6l-3-3Z',
} as const;

export type IconName = keyof typeof PATHS;

/** Decorative by default (aria-hidden); the text beside it carries the meaning. */
export function icon(name: IconName, className = 'icon'): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', className);
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', PATHS[name]);
  path.setAttribute('fill', 'currentColor');
  svg.appendChild(path);
  return svg;
}
