// Drawing helpers shared by the art generators (generate-art.mjs, generate-world-art.mjs): an SVG
// document, seeded randomness, gradients, and scattered rain, stars and lights. Deterministic, so a
// generator re-run reproduces the same files byte for byte.

export function svgDoc(w, h, title, body, defs = '') {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}">
  <title>${title.replaceAll('&', '&amp;')}</title>
  <defs>${defs}</defs>
${body}
</svg>
`;
}

/** A 1280x720 background. */
export function scene(title, defs, body) {
  return svgDoc(1280, 720, title, body, defs);
}

/** A seeded pseudo-random source in [0, 1). */
export function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** One decimal: keeps the files small and stable. */
export const r1 = (n) => Math.round(n * 10) / 10;

const stops = (list) => list.map(([o, c, a = 1]) => `<stop offset="${o}" stop-color="${c}" stop-opacity="${a}"/>`).join('');
export const linear = (id, list, x2 = 0, y2 = 1) => `<linearGradient id="${id}" x1="0" y1="0" x2="${x2}" y2="${y2}">${stops(list)}</linearGradient>`;
export const radial = (id, list) => `<radialGradient id="${id}" cx="0.5" cy="0.5" r="0.5">${stops(list)}</radialGradient>`;

export const WARM_GLOW = radial('warmglow', [[0, '#ffe7a8', 0.85], [0.45, '#ffc35a', 0.35], [1, '#ffb347', 0]]);

export function rain(seed, count, { x0 = 0, x1 = 1280, y0 = 0, y1 = 720, color = '#a9bfd9', opacity = 0.35, len = 26 } = {}) {
  const rand = rng(seed);
  const lines = [];
  for (let i = 0; i < count; i++) {
    const x = x0 + rand() * (x1 - x0);
    const y = y0 + rand() * (y1 - y0);
    const l = len * (0.6 + rand() * 0.8);
    lines.push(`M ${r1(x)} ${r1(y)} l ${r1(-l * 0.28)} ${r1(l)}`);
  }
  return `<path d="${lines.join(' ')}" stroke="${color}" stroke-width="1.6" stroke-linecap="round" opacity="${opacity}"/>`;
}

export function stars(seed, count, { x0 = 0, x1 = 1280, y0 = 0, y1 = 300, color = '#f4ecd6' } = {}) {
  const rand = rng(seed);
  let out = '';
  for (let i = 0; i < count; i++) {
    out += `<circle cx="${r1(x0 + rand() * (x1 - x0))}" cy="${r1(y0 + rand() * (y1 - y0))}" r="${r1(0.6 + rand() * 1.4)}" fill="${color}" opacity="${r1(0.4 + rand() * 0.6)}"/>`;
  }
  return out;
}

export function lights(seed, count, { x0, x1, y0, y1, colors = ['#ffd37a', '#ffe9b0', '#f6b25a'] }) {
  const rand = rng(seed);
  let out = '';
  for (let i = 0; i < count; i++) {
    const c = colors[Math.floor(rand() * colors.length)];
    out += `<circle cx="${r1(x0 + rand() * (x1 - x0))}" cy="${r1(y0 + rand() * (y1 - y0))}" r="${r1(1 + rand() * 1.8)}" fill="${c}"/>`;
  }
  return out;
}
