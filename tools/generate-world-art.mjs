// Generates the location backgrounds (1280x720) of the campaign world "The Glass Orchard":
// one picture per location of content/the-glass-orchard/world.json, written to
// content/the-glass-orchard/assets/backgrounds/<location-id>.svg.
// All art is drawn here from plain shapes, in the style of tools/generate-art.mjs: no text, no images.
//
//   node tools/generate-world-art.mjs
//
// Output is deterministic (seeded randomness), so re-running it reproduces the same files byte for byte.
// Each picture's <title> is the location's name from world.json.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lights, linear, r1, radial, rng, scene, stars, WARM_GLOW } from './svg-art-kit.mjs';

const BLUE_GLOW = radial('blueglow', [[0, '#e6fbff', 0.95], [0.3, '#6fd0ff', 0.55], [1, '#2a6bff', 0]]);

// Vellmoor's glass: the tints of beads, bottles and (when it rang) the orchard's fruit.
const GLASS = ['#9fe3e0', '#b9d7ff', '#f3c7ff', '#c8f5b8', '#ffe6a3', '#f4f8ff'];

// Strands of glass beads hanging from y at each x of xs: dashed round-capped strokes, one path per tint,
// then one of white glints, so a stall of beads costs a few hundred bytes.
function beads(rand, xs, y, s) {
  const byTint = new Map();
  let threads = '';
  for (const x of xs) {
    const len = r1((30 + rand() * 70) * s);
    const c = GLASS[Math.floor(rand() * GLASS.length)];
    byTint.set(c, `${byTint.get(c) ?? ''}M ${r1(x)} ${r1(y + 9 * s)} v ${len} `);
    threads += `M ${r1(x)} ${r1(y)} v ${len} `;
  }
  const dash = `stroke-dasharray="0 ${r1(9 * s)}" stroke-linecap="round"`;
  let out = `<path d="${threads}" stroke="#2a1f1a" stroke-width="${r1(0.8 * s)}" opacity="0.6"/>`;
  for (const [c, d] of byTint) out += `<path d="${d}" stroke="${c}" stroke-width="${r1(6.8 * s)}" ${dash} opacity="0.85"/>`;
  const glints = [...byTint.values()].join('').replace(/M ([\d.]+) ([\d.]+)/g, (_, x, y) => `M ${r1(x - s)} ${r1(y - s)}`);
  return `${out}<path d="${glints}" stroke="#fff" stroke-width="${r1(2.2 * s)}" ${dash}/>`;
}

// Clear glass pears and apples, drawn once at radius 10 (stem at 0 0) and placed with <use>.
const FRUIT = `<g id="pear"><path d="M 0 0 C 5 0 4 9 10 15 C 13 24 -13 24 -10 15 C -4 9 -5 0 0 0 Z" fill="#dff4ff" fill-opacity="0.16" stroke="#eaf8ff" stroke-opacity="0.8" stroke-width="1.4"/><path d="M -4.5 11 q -2 5 1 9" stroke="#fff" stroke-width="1.6" fill="none" stroke-linecap="round" opacity="0.8"/></g>
  <g id="apple"><circle cx="0" cy="10" r="10" fill="#dff4ff" fill-opacity="0.16" stroke="#eaf8ff" stroke-opacity="0.8" stroke-width="1.4"/><path d="M -5 6 q -2 5 1 9" stroke="#fff" stroke-width="1.6" fill="none" stroke-linecap="round" opacity="0.8"/></g>`;

function glassFruit(x, y, r, round) {
  return `<use href="#${round ? 'apple' : 'pear'}" transform="translate(${r1(x)} ${r1(y)}) scale(${r1(r / 10)})"/>`;
}

// A standing figure in a long coat, feet at (x, y), s = scale (1 is about 150 px tall).
function figure(x, y, s, color) {
  const k = (n) => r1(n * s);
  return `<path d="M ${r1(x - 24 * s)} ${y} L ${r1(x - 18 * s)} ${r1(y - 96 * s)} Q ${x} ${r1(y - 116 * s)} ${r1(x + 18 * s)} ${r1(y - 96 * s)} L ${r1(x + 24 * s)} ${y} Z" fill="${color}"/><circle cx="${x}" cy="${r1(y - 126 * s)}" r="${k(17)}" fill="${color}"/>`;
}

// ---------------------------------------------------------------- the five locations

// A stepped street of stalls climbing toward the hilltop, every awning hung with glass beads.
function marketStair(name) {
  const rand = rng(11);
  const top = 300;
  const edge = (y, side) => (side < 0 ? 600 - (y - top) * (240 / 420) : 680 + (y - top) * (240 / 420));
  let steps = '';
  for (let k = 0; k < 22; k++) {
    const ya = top + 420 * (k / 22) ** 1.6;
    const yb = top + 420 * ((k + 1) / 22) ** 1.6;
    steps += `<path d="M ${r1(edge(ya, -1))} ${r1(ya)} L ${r1(edge(ya, 1))} ${r1(ya)} L ${r1(edge(yb, 1))} ${r1(yb)} L ${r1(edge(yb, -1))} ${r1(yb)} Z" fill="${k % 2 ? '#8a6a58' : '#7a5c4c'}"/>`;
    steps += `<path d="M ${r1(edge(ya, -1))} ${r1(ya)} H ${r1(edge(ya, 1))}" stroke="#d9b48e" stroke-width="${r1(1 + (yb - ya) * 0.12)}" opacity="0.7"/>`;
  }
  let stalls = '';
  const awnings = [['#b8483a', '#f2e2c4'], ['#3f6f8a', '#f2e2c4'], ['#6a8a3f', '#efe0b8'], ['#8a4a7a', '#f4e4cc'], ['#c98a2e', '#f7ead0']];
  for (let i = 5; i >= 0; i--) {
    for (const side of [-1, 1]) {
      const yb = top + 420 * ((i + 0.6) / 5.8) ** 1.3;
      const s = (yb - top) / 420;
      const xi = edge(yb, side);
      const xo = xi + side * 330 * s;
      const w = Math.abs(xo - xi);
      const x0 = Math.min(xi, xo);
      const [a, b] = awnings[(i * 2 + (side > 0 ? 1 : 0)) % awnings.length];
      stalls += `<rect x="${r1(x0)}" y="${r1(yb - 260 * s)}" width="${r1(w)}" height="${r1(260 * s)}" fill="#3a2a30"/>`;
      stalls += `<ellipse cx="${r1((xi + xo) / 2)}" cy="${r1(yb - 120 * s)}" rx="${r1(w * 0.6)}" ry="${r1(110 * s)}" fill="url(#warmglow)" opacity="0.7"/>`;
      for (let j = 0, bx = x0 + w * 0.12; j < 5; j++, bx += w * 0.18) {
        stalls += `<path d="M ${r1(bx - 9 * s)} ${r1(yb - 92 * s)} q ${r1(-4 * s)} ${r1(-26 * s)} ${r1(5 * s)} ${r1(-34 * s)} v ${r1(-14 * s)} h ${r1(8 * s)} v ${r1(14 * s)} q ${r1(9 * s)} ${r1(8 * s)} ${r1(5 * s)} ${r1(34 * s)} Z" fill="${GLASS[Math.floor(rand() * GLASS.length)]}" opacity="0.8" stroke="#2a1f1a" stroke-width="${r1(1.2 * s)}"/>`;
      }
      stalls += `<rect x="${r1(x0)}" y="${r1(yb - 92 * s)}" width="${r1(w)}" height="${r1(92 * s)}" fill="#6b4a34" stroke="#2a1f1a" stroke-width="${r1(3 * s)}"/>`;
      stalls += `<path d="M ${r1(x0 + 6 * s)} ${r1(yb - 70 * s)} H ${r1(x0 + w - 6 * s)}" stroke="#8a6446" stroke-width="${r1(4 * s)}"/>`;
      const ay = yb - 270 * s;
      const lip = xi - side * 14 * s;
      const p = (q) => xo + (lip - xo) * q;
      for (let j = 0, ta = 0, tb = 1 / 6; j < 6; j++, ta = tb, tb = (j + 1) / 6) {
        stalls += `<path d="M ${r1(p(ta))} ${r1(ay - 40 * s * (1 - ta))} L ${r1(p(tb))} ${r1(ay - 40 * s * (1 - tb))} L ${r1(p(tb))} ${r1(ay + 34 * s)} L ${r1(p(ta))} ${r1(ay + 34 * s)} Z" fill="${j % 2 ? b : a}"/>`;
      }
      stalls += `<path d="M ${r1(lip)} ${r1(ay + 34 * s)} V ${r1(ay + 48 * s)}" stroke="${a}" stroke-width="${r1(6 * s)}"/>`;
      stalls += beads(rand, Array.from({ length: 10 }, (_, j) => xo + (lip - xo) * (0.05 + j * 0.1)), ay + 34 * s, s);
      stalls += `<path d="M ${r1(xi)} ${r1(yb)} V ${r1(ay + 30 * s)}" stroke="#2a1f1a" stroke-width="${r1(7 * s)}"/>`;
    }
  }
  let houses = '';
  for (let i = 0; i < 26; i++) {
    const x = 40 + rand() * 1200;
    const hy = 250 + Math.abs(x - 640) * 0.35 + rand() * 40;
    const w = 40 + rand() * 50;
    houses += `<path d="M ${r1(x)} 460 V ${r1(hy)} l ${r1(w / 2)} ${r1(-w * 0.45)} l ${r1(w / 2)} ${r1(w * 0.45)} V 460 Z" fill="${i % 2 ? '#33284a' : '#2c2242'}"/>`;
    houses += `<rect x="${r1(x + w * 0.3)}" y="${r1(hy + 14)}" width="${r1(w * 0.18)}" height="${r1(w * 0.22)}" fill="#ffcf7a" opacity="${r1(0.5 + rand() * 0.5)}"/>`;
  }
  let treeline = '';
  for (let i = 0; i < 14; i++) treeline += `M ${536 + i * 16} ${212 - (i % 3) * 2} v -12 l -5 -7 m 5 7 l 5 -8 m -5 4 v -6 `;
  const defs = [
    linear('sky', [[0, '#2b2150'], [0.45, '#7a4a78'], [0.8, '#e08a6a'], [1, '#f5c27a']]),
    radial('sun', [[0, '#fff1c9', 0.9], [0.35, '#ffc58a', 0.4], [1, '#ff9a6a', 0]]),
    WARM_GLOW,
  ].join('');
  const body = `
  <rect width="1280" height="720" fill="url(#sky)"/>
  ${stars(13, 30, { y1: 140 })}
  <circle cx="640" cy="200" r="260" fill="url(#sun)"/>
  <path d="M 0 400 C 260 330 420 230 640 205 C 860 230 1020 330 1280 380 L 1280 720 L 0 720 Z" fill="#4a3560"/>
  <path d="${treeline}" stroke="#d8eef4" stroke-width="1.6" fill="none" opacity="0.6"/>
  ${houses}
  ${lights(17, 40, { x0: 80, x1: 1200, y0: 320, y1: 440 })}
  ${steps}
  ${stalls}
  ${figure(612, 352, 0.3, '#2a1f30')}${figure(668, 392, 0.38, '#32243a')}${figure(600, 470, 0.55, '#241a2a')}${figure(730, 640, 0.9, '#1e1624')}`;
  return scene(`${name}, Vellmoor, at dusk`, defs, body);
}

// A branching pale tree from (x, y) up to height h, glass fruit at the twig ends; one path per limb thickness.
function glassTree(rand, x, y, h, depth) {
  const limbs = [];
  let fruit = '';
  const grow = (bx, by, angle, len, d) => {
    const dx = Math.cos(angle) * len;
    const dy = -Math.sin(angle) * len;
    limbs[d] = `${limbs[d] ?? ''}M ${r1(bx)} ${r1(by)} q ${r1(dx / 2 + (rand() - 0.5) * len * 0.3)} ${r1(dy / 2)} ${r1(dx)} ${r1(dy)} `;
    if (d <= 1) {
      if (h > 100 && rand() < 0.8) fruit += glassFruit(bx + dx, by + dy + 1, h * (0.03 + rand() * 0.015), rand() < 0.4);
      return;
    }
    const turns = d >= 4 && rand() < 0.4 ? [-0.6, 0.05, 0.55] : [-0.45, 0.4];
    for (const turn of turns) grow(bx + dx, by + dy, angle + turn + (rand() - 0.5) * 0.5, len * (0.64 + rand() * 0.14), d - 1);
  };
  grow(x, y, Math.PI / 2 + (rand() - 0.5) * 0.15, h * 0.32, depth);
  const paths = limbs.map((d, i) => (d ? `<path d="${d}" stroke-width="${r1(Math.max(1, i * h * 0.011))}"/>` : '')).join('');
  return `<g fill="none" stroke="#dde3ea" stroke-linecap="round">${paths}</g>${fruit}`;
}

// Rows of pale trees on the moonlit hilltop, heavy with transparent pears and apples, utterly still.
function orchard(name) {
  const rand = rng(23);
  let rows = '';
  for (const [y, h, n, shade] of [[392, 90, 8, 0.55], [450, 150, 6, 0.75], [560, 250, 4, 1]]) {
    for (let i = 0; i < n; i++) {
      const x = (1280 / n) * (i + 0.5) + (rand() - 0.5) * 60 + (n % 2 ? 40 : -20);
      rows += `<ellipse cx="${r1(x)}" cy="${y + 4}" rx="${r1(h * 0.35)}" ry="${r1(h * 0.05)}" fill="#0c1424" opacity="0.5"/>`;
      rows += `<g opacity="${shade}">${glassTree(rand, x, y, h, h > 100 ? 5 : 4)}</g>`;
    }
  }
  let grass = '';
  for (let i = 0; i < 90; i++) {
    const x = rand() * 1280;
    const y = 560 + rand() * 160;
    const l = 12 + ((y - 560) / 160) * 24;
    for (const lean of [-0.3, 0.1, 0.5]) grass += `M ${r1(x)} ${r1(y)} q ${r1(l * lean)} ${r1(-l * 0.6)} ${r1(l * (lean + 0.3))} ${r1(-l)} `;
  }
  let clouds = '';
  for (let i = 0; i < 7; i++) clouds += `<ellipse cx="${r1(rand() * 1280)}" cy="${r1(60 + rand() * 200)}" rx="${r1(120 + rand() * 160)}" ry="${r1(6 + rand() * 10)}" fill="#9fb0d6" opacity="0.18"/>`;
  const fallen = [[420, 660, 11], [470, 676, 9], [860, 690, 12]].map(([x, y, r]) => glassFruit(x, y, r, false)).join('');
  const defs = [
    linear('sky', [[0, '#070c1e'], [0.6, '#172750'], [1, '#2d4270']]),
    radial('moon', [[0, '#f2f6ff', 1], [0.2, '#dfe8ff', 0.45], [1, '#dfe8ff', 0]]),
    linear('hill', [[0, '#22304e'], [1, '#0c1222']]),
    linear('frost', [[0, '#dbe8ff', 0], [1, '#dbe8ff', 0.22]]),
    FRUIT,
  ].join('');
  const body = `
  <rect width="1280" height="720" fill="url(#sky)"/>
  ${stars(29, 90, { y1: 330 })}
  <circle cx="980" cy="140" r="190" fill="url(#moon)"/>
  <circle cx="980" cy="140" r="46" fill="#f2f6ff"/><circle cx="966" cy="130" r="9" fill="#dde4f2"/><circle cx="992" cy="156" r="6" fill="#dde4f2"/>
  ${clouds}
  <path d="M 0 420 Q 200 400 360 404 L 360 720 L 0 720 Z" fill="#0f1830"/>
  ${lights(31, 26, { x0: 20, x1: 330, y0: 420, y1: 470 })}
  <path d="M 0 440 C 300 370 900 360 1280 400 L 1280 720 L 0 720 Z" fill="url(#hill)"/>
  ${rows}
  <path d="${grass}" stroke="#7186b0" stroke-width="1.4" fill="none" stroke-linecap="round" opacity="0.6"/>
  <rect x="0" y="560" width="1280" height="160" fill="url(#frost)"/>
  ${fallen}`;
  return scene(`${name}, a silent night`, defs, body);
}

// A lane of brick furnaces at night; the fires that should be orange burn a cold, watchful blue.
function kilnRow(name) {
  const rand = rng(37);
  let kilns = '';
  for (let i = 4; i >= 0; i--) {
    for (const side of [-1, 1]) {
      const s = 0.3 + i * 0.22;
      const base = 400 + 300 * (i / 4) ** 1.2;
      const cx = 640 + side * (120 + 470 * (i / 4) ** 1.15);
      const w = 230 * s;
      const h = 260 * s;
      let bricks = '';
      for (let row = 0; row * 20 * s < h; row++) {
        bricks += `M ${r1(cx - w / 2)} ${r1(base - row * 20 * s)} H ${r1(cx + w / 2)} `;
        for (let c = 0; c < 6; c++) bricks += `M ${r1(cx - w / 2 + (c + (row % 2) * 0.5) * (w / 6))} ${r1(base - row * 20 * s)} v ${r1(-20 * s)} `;
      }
      const mouth = `M ${r1(cx - w * 0.24)} ${r1(base - 30 * s)} V ${r1(base - 110 * s)} Q ${r1(cx)} ${r1(base - 170 * s)} ${r1(cx + w * 0.24)} ${r1(base - 110 * s)} V ${r1(base - 30 * s)} Z`;
      kilns += `<rect x="${r1(cx + w * 0.12 * side - 18 * s)}" y="${r1(base - h - 150 * s)}" width="${r1(36 * s)}" height="${r1(160 * s)}" fill="#4a2a22" stroke="#1a0e0a" stroke-width="${r1(3 * s)}"/>`;
      kilns += `<path d="M ${r1(cx + w * 0.12 * side)} ${r1(base - h - 150 * s)} c ${r1(-30 * s)} ${r1(-40 * s)} ${r1(40 * s)} ${r1(-70 * s)} ${r1(10 * s)} ${r1(-120 * s)} c ${r1(-20 * s)} ${r1(-30 * s)} ${r1(30 * s)} ${r1(-50 * s)} ${r1(20 * s)} ${r1(-90 * s)}" fill="none" stroke="#8fb8e0" stroke-width="${r1(22 * s)}" stroke-linecap="round" opacity="0.14"/>`;
      kilns += `<path d="M ${r1(cx - w / 2)} ${r1(base)} V ${r1(base - h + 40 * s)} Q ${r1(cx)} ${r1(base - h - 40 * s)} ${r1(cx + w / 2)} ${r1(base - h + 40 * s)} V ${r1(base)} Z" fill="#7a3e2e" stroke="#1a0e0a" stroke-width="${r1(4 * s)}"/>`;
      kilns += `<clipPath id="k${i}${side > 0 ? 'r' : 'l'}"><path d="M ${r1(cx - w / 2)} ${r1(base)} V ${r1(base - h + 40 * s)} Q ${r1(cx)} ${r1(base - h - 40 * s)} ${r1(cx + w / 2)} ${r1(base - h + 40 * s)} V ${r1(base)} Z"/></clipPath>`;
      kilns += `<path d="${bricks}" clip-path="url(#k${i}${side > 0 ? 'r' : 'l'})" stroke="#4a2219" stroke-width="${r1(2 * s)}" fill="none"/>`;
      kilns += `<path d="${mouth}" fill="#0a1a3a" stroke="#2a1410" stroke-width="${r1(8 * s)}"/>`;
      kilns += `<ellipse cx="${r1(cx)}" cy="${r1(base - 80 * s)}" rx="${r1(w * 0.8)}" ry="${r1(150 * s)}" fill="url(#blueglow)" opacity="0.85"/>`;
      for (let f = 0; f < 4; f++) {
        const fx = cx - w * 0.15 + f * w * 0.1;
        kilns += `<path d="M ${r1(fx - 8 * s)} ${r1(base - 32 * s)} Q ${r1(fx + (rand() - 0.5) * 20 * s)} ${r1(base - (70 + rand() * 40) * s)} ${r1(fx + 8 * s)} ${r1(base - 32 * s)} Z" fill="#bff0ff" opacity="0.85"/>`;
      }
      kilns += `<ellipse cx="${r1(cx - side * 60 * s)}" cy="${r1(base + 14 * s)}" rx="${r1(w * 0.7)}" ry="${r1(18 * s)}" fill="#6fd0ff" opacity="0.16"/>`;
    }
  }
  let cobbles = '';
  for (let row = 0; row < 14; row++) {
    const y = 404 + 316 * (row / 14) ** 1.5;
    const hw = 60 + (y - 400) * 1.9;
    for (let c = -6; c <= 6; c++) cobbles += `<ellipse cx="${r1(640 + (c + (row % 2) * 0.5) * (hw / 6))}" cy="${r1(y)}" rx="${r1(hw / 14)}" ry="${r1(2 + (y - 400) * 0.03)}" fill="#3a4658" opacity="0.6"/>`;
  }
  const pipe = `<path d="M 560 720 L 700 520" stroke="#3a3a44" stroke-width="8" stroke-linecap="round"/><circle cx="704" cy="514" r="16" fill="#bff0ff"/><circle cx="704" cy="514" r="60" fill="url(#blueglow)"/>`;
  const defs = [
    linear('sky', [[0, '#03060f'], [0.7, '#0c1830'], [1, '#172a4a']]),
    linear('lane', [[0, '#1a2230'], [1, '#0a0d14']]),
    BLUE_GLOW,
  ].join('');
  const body = `
  <rect width="1280" height="720" fill="url(#sky)"/>
  ${stars(41, 70, { y1: 260 })}
  <path d="M 380 420 L 380 320 L 430 290 L 480 320 L 480 360 L 540 330 L 600 360 L 640 300 L 700 340 L 760 320 L 820 350 L 880 300 L 900 420 Z" fill="#0a0f1c"/>
  ${lights(43, 14, { x0: 420, x1: 860, y0: 330, y1: 400, colors: ['#6fd0ff', '#bff0ff'] })}
  <path d="M 0 400 L 1280 400 L 1280 720 L 0 720 Z" fill="url(#lane)"/>
  ${cobbles}
  ${kilns}
  ${figure(610, 430, 0.26, '#0a0e18')}
  ${pipe}`;
  return scene(`${name}, burning blue`, defs, body);
}

// A shuttered mansion at the edge of town; light leaks from under its doors in the wrong colours.
function mirrorHouse(name) {
  const rand = rng(53);
  const wrong = ['#4dff9a', '#ff4fd8', '#9a6bff', '#3fe6ff'];
  let windows = '';
  for (const [y, xs] of [[250, [400, 480, 760, 840]], [380, [400, 480, 760, 840]]]) {
    for (const x of xs) {
      windows += `<rect x="${x}" y="${y}" width="56" height="86" fill="#151020" stroke="#07050c" stroke-width="4"/>`;
      windows += `<path d="M ${x + 28} ${y} V ${y + 86}" stroke="#07050c" stroke-width="3"/>`;
      for (let k = 1; k < 9; k++) windows += `<path d="M ${x + 2} ${y + k * 9.5} H ${x + 54}" stroke="#2c2238" stroke-width="4"/>`;
      windows += `<path d="M ${x + 28} ${y + 3} V ${y + 83}" stroke="${wrong[Math.floor(rand() * wrong.length)]}" stroke-width="1.6" opacity="0.8"/>`;
    }
  }
  const spill = wrong.map((c, i) => `<polygon points="${590 + i * 25},600 ${615 + i * 25},600 ${500 + i * 90},720 ${410 + i * 90},720" fill="${c}" opacity="0.22"/>`).join('');
  const crack = wrong.map((c, i) => `<rect x="${590 + i * 25}" y="594" width="25" height="6" fill="${c}"/>`).join('');
  let mirrors = '';
  for (const [x, y, w, h, rot] of [[200, 640, 70, 150, -8], [262, 646, 60, 120, 6], [1040, 650, 80, 170, 4]]) {
    mirrors += `<g transform="rotate(${rot} ${x} ${y})"><rect x="${x - w / 2}" y="${y - h}" width="${w}" height="${h}" rx="6" fill="#8a7a5a" stroke="#1a120c" stroke-width="4"/><rect x="${x - w / 2 + 7}" y="${y - h + 7}" width="${w - 14}" height="${h - 14}" rx="3" fill="url(#glass)"/><path d="M ${x - w / 4} ${y - h + 20} l ${w / 3} ${h / 3}" stroke="#fff" stroke-width="3" opacity="0.5"/></g>`;
  }
  let fence = '';
  for (let x = 0; x <= 1280; x += 22) if (x < 470 || x > 810) fence += `M ${x} 690 V 600 l 5 -10 l 5 10 `;
  let branches = '';
  for (const [x, dir] of [[110, 1], [1170, -1]]) {
    branches += `M ${x} 720 L ${x + dir * 10} 300 M ${x + dir * 8} 420 q ${dir * 60} -40 ${dir * 130} -70 M ${x + dir * 9} 360 q ${dir * -40} -40 ${dir * -80} -60 M ${x + dir * 10} 320 l ${dir * 40} -100 M ${x + dir * 70} 370 l ${dir * 20} -50 `;
  }
  const defs = [
    linear('sky', [[0, '#0a0814'], [0.6, '#1d1a34'], [1, '#3a2f4a']]),
    linear('glass', [[0, '#3a5a6a'], [0.5, '#b8a0d8'], [1, '#2a2440']], 1, 1),
    linear('ground', [[0, '#1a1622'], [1, '#08060c']]),
    radial('haze', [[0, '#c9b8ff', 0.35], [1, '#c9b8ff', 0]]),
    radial('leak', [[0, '#e8fff0', 0.7], [0.3, '#4dff9a', 0.35], [0.7, '#ff4fd8', 0.15], [1, '#9a6bff', 0]]),
    WARM_GLOW,
  ].join('');
  const body = `
  <rect width="1280" height="720" fill="url(#sky)"/>
  ${stars(59, 60, { y1: 240 })}
  <circle cx="220" cy="110" r="30" fill="#e8e4f4"/><circle cx="232" cy="104" r="28" fill="#0f0c1c"/>
  <path d="M 0 520 L 120 500 L 160 470 L 220 490 L 280 460 L 330 500 L 360 520 Z" fill="#14101e"/>
  ${lights(61, 12, { x0: 20, x1: 340, y0: 490, y1: 520 })}
  <ellipse cx="640" cy="330" rx="420" ry="300" fill="url(#haze)"/>
  <path d="M 340 600 V 220 L 440 140 L 540 220 L 640 120 L 740 220 L 840 140 L 940 220 V 600 Z" fill="#221a2e" stroke="#07050c" stroke-width="6"/>
  <path d="M 720 150 V 80 h 34 v 90" fill="#1a1424" stroke="#07050c" stroke-width="5"/>
  <circle cx="640" cy="190" r="26" fill="#151020" stroke="#07050c" stroke-width="5"/><circle cx="640" cy="190" r="18" fill="url(#glass)" opacity="0.8"/>
  ${windows}
  <path d="M 580 600 V 470 Q 640 420 700 470 V 600 Z" fill="#120d1a" stroke="#07050c" stroke-width="6"/>
  <path d="M 640 446 V 600" stroke="#07050c" stroke-width="4"/>
  <circle cx="628" cy="530" r="4" fill="#8a7a5a"/><circle cx="652" cy="530" r="4" fill="#8a7a5a"/>
  <path d="M 0 600 L 1280 600 L 1280 720 L 0 720 Z" fill="url(#ground)"/>
  <path d="M 540 600 H 740 L 760 620 H 520 Z M 500 620 H 780 L 800 640 H 480 Z" fill="#2a2236" stroke="#07050c" stroke-width="3"/>
  ${crack}
  ${spill}
  <ellipse cx="640" cy="602" rx="150" ry="26" fill="url(#leak)"/>
  <path d="${fence}" stroke="#06040a" stroke-width="4" fill="none"/><path d="M 0 640 H 470 M 810 640 H 1280" stroke="#06040a" stroke-width="4"/>
  <rect x="456" y="570" width="20" height="130" fill="#06040a"/><rect x="804" y="570" width="20" height="130" fill="#06040a"/>
  ${mirrors}
  ${figure(920, 690, 0.9, '#3a3a42')}<g transform="rotate(-10 965 600)"><rect x="936" y="550" width="58" height="96" rx="4" fill="#8a7a5a" stroke="#1a120c" stroke-width="3"/><rect x="942" y="556" width="46" height="84" fill="url(#glass)"/></g>
  <path d="${branches}" stroke="#05030a" stroke-width="9" fill="none" stroke-linecap="round"/>`;
  return scene(`${name}, shuttered`, defs, body);
}

// The dry, vaulted reservoir under the town hall, its walls etched with the orchard-keepers' songs.
function cistern(name) {
  const rand = rng(71);
  // Seven arch rings, near to far; behind each, the barrel vault and the etched side walls of its bay.
  const ring = (i) => {
    const s = 0.62 ** i;
    return { s, fy: 380 + 380 * s, ph: 470 * s, hw: 475 * s, pw: 70 * s };
  };
  const arch = (hw, fy, ph) => `M ${r1(640 - hw)} ${r1(fy)} V ${r1(fy - ph)} A ${r1(hw)} ${r1(hw * 0.9)} 0 0 1 ${r1(640 + hw)} ${r1(fy - ph)} V ${r1(fy)} Z`;
  let bays = '';
  let rings = '';
  for (let i = 0; i < 7; i++) {
    const { s, fy, ph, hw } = ring(i);
    const next = ring(i + 1);
    const tone = ['#4a3c32', '#40342c', '#372d27', '#2e2622', '#26201c', '#1f1a17', '#191512'][i];
    bays += `<path d="${arch(hw, fy, ph)}" fill="${tone}"/><path d="${arch(hw, fy, ph)}" fill="url(#vaultshade)"/>`;
    let song = '';
    for (const side of [-1, 1]) {
      const x0 = 640 + side * (next.hw + next.pw + 14 * s);
      const x1 = 640 + side * (hw - 16 * s);
      for (let line = 0; line < 6; line++) {
        const y = (f) => f.fy - f.ph * 0.8 + line * f.ph * 0.15;
        const ya = y(ring(i));
        const yb = y(next);
        const at = (t) => [x0 + (x1 - x0) * t, yb + (ya - yb) * t];
        song += `M ${r1(at(0)[0])} ${r1(at(0)[1])} `;
        for (let k = 1; k <= 8; k++) {
          const [qx, qy] = at((k - 0.5) / 8);
          const [ex, ey] = at(k / 8);
          song += `Q ${r1(qx)} ${r1(qy + (rand() - 0.5) * 20 * s)} ${r1(ex)} ${r1(ey)} `;
        }
        for (let k = 0; k < 5; k++) {
          const [tx, ty] = at(rand());
          song += `M ${r1(tx)} ${r1(ty - 10 * s)} v ${r1(8 * s)} `;
        }
      }
    }
    bays += `<path d="${song}" stroke="#d8c6a0" stroke-width="${r1(1.8 * s)}" fill="none" opacity="${r1(0.3 + s * 0.3)}"/>`;
  }
  for (let i = 6; i >= 0; i--) {
    const { s, fy, ph, hw, pw } = ring(i);
    const tone = ['#6a5646', '#5a4a3e', '#4c3f35', '#40352d', '#352c26', '#2b2420', '#221d1a'][i];
    const outer = i === 0 ? `M -10 730 V -10 H 1290 V 730 Z` : arch(hw + pw, fy + 30 * s, ph);
    rings += `<path fill-rule="evenodd" d="${outer} ${arch(hw, fy, ph)}" fill="${tone}" stroke="#15100c" stroke-width="${r1(5 * s)}"/>`;
    rings += `<path d="M ${r1(640 - hw)} ${r1(fy - ph)} A ${r1(hw)} ${r1(hw * 0.9)} 0 0 1 ${r1(640 + hw)} ${r1(fy - ph)}" fill="none" stroke="#8a7460" stroke-width="${r1(14 * s)}" stroke-dasharray="${r1(30 * s)} ${r1(5 * s)}"/>`;
  }
  let courses = '';
  for (let y = 30; y < 720; y += 46) courses += `M 0 ${y} H 160 M 1120 ${y} H 1280 M ${80 + ((y / 46) % 2) * 40} ${y} v 46 M ${1180 + ((y / 46) % 2) * 40} ${y} v 46 `;
  const vault = `${bays}${rings}<path d="${courses}" stroke="#4a3c32" stroke-width="3" opacity="0.7"/>`;
  let cracks = '';
  for (let i = 0; i < 18; i++) {
    let y = 560 + rand() * 150;
    let x = 640 + (rand() - 0.5) * (y - 475) * 2.4;
    cracks += `M ${r1(x)} ${r1(y)} `;
    for (let k = 0; k < 4; k++) {
      x += (rand() - 0.5) * 60;
      y += (rand() - 0.3) * 14;
      cracks += `L ${r1(x)} ${r1(y)} `;
    }
  }
  let dust = '';
  for (let i = 0; i < 60; i++) dust += `<circle cx="${r1(560 + rand() * 260)}" cy="${r1(rand() * 640)}" r="${r1(0.8 + rand() * 1.6)}" fill="#fff1c9" opacity="${r1(0.3 + rand() * 0.5)}"/>`;
  const defs = [
    linear('deep', [[0, '#0e0b0a'], [1, '#1c1612']]),
    linear('vaultshade', [[0, '#000', 0.55], [0.45, '#000', 0.1], [1, '#000', 0]]),
    linear('floor', [[0, '#2a221c'], [1, '#5a4838']]),
    linear('shaft', [[0, '#fff1c9', 0.55], [1, '#fff1c9', 0]]),
    radial('pool', [[0, '#ffe2a0', 0.45], [1, '#ffe2a0', 0]]),
    WARM_GLOW,
  ].join('');
  const body = `
  <rect width="1280" height="720" fill="url(#deep)"/>
  ${vault}
  <path d="M 165 760 L 607 475 L 673 475 L 1115 760 Z" fill="url(#floor)"/>
  <path d="${cracks}" stroke="#1a1410" stroke-width="2" fill="none" opacity="0.7"/>
  <path d="M 600 520 h 80 v 14 h -80 Z" fill="#15100c"/><path d="M 606 520 v 14 M 620 520 v 14 M 634 520 v 14 M 648 520 v 14 M 662 520 v 14" stroke="#3a2e24" stroke-width="3"/>
  <polygon points="610,0 700,0 880,640 520,640" fill="url(#shaft)" opacity="0.7"/>
  <ellipse cx="690" cy="640" rx="220" ry="46" fill="url(#pool)"/>
  ${dust}
  <path d="M 1280 720 L 1280 420 L 1200 420 L 1200 460 L 1140 460 L 1140 500 L 1080 500 L 1080 540 L 1020 540 L 1020 580 L 960 580 L 960 720 Z" fill="#2e2620" stroke="#15100c" stroke-width="4"/>
  <path d="M 1200 420 H 1280 M 1140 460 H 1200 M 1080 500 H 1140 M 1020 540 H 1080 M 960 580 H 1020" stroke="#6a5646" stroke-width="4"/>
  <path d="M 120 720 V 560 M 120 560 l -12 -20 h 24 Z" stroke="#15100c" stroke-width="5" fill="#3a2e24"/>
  <circle cx="120" cy="532" r="9" fill="#ffd37a"/><circle cx="120" cy="532" r="90" fill="url(#warmglow)" opacity="0.8"/>`;
  return scene(`${name}, dry for a century`, defs, body);
}

// ---------------------------------------------------------------- write everything

const WORLD = fileURLToPath(new URL('../content/the-glass-orchard', import.meta.url));
const SCENES = { 'market-stair': marketStair, orchard, 'kiln-row': kilnRow, 'mirror-house': mirrorHouse, cistern };

const world = JSON.parse(readFileSync(join(WORLD, 'world.json'), 'utf8'));
const out = join(WORLD, 'assets', 'backgrounds');
mkdirSync(out, { recursive: true });
for (const [id, draw] of Object.entries(SCENES)) {
  const location = world.locations.find((l) => l.id === id);
  if (!location) throw new Error(`world.json has no location "${id}"`);
  writeFileSync(join(out, `${id}.svg`), draw(location.name));
}
console.log('world art written under', out);
