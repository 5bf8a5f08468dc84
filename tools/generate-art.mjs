// Generates every picture of the two StoryVerse originals, "Dead Air" and "Petal & Thorn":
// covers, backgrounds (1280x720) and character sprites (400x560 busts, one file per mood) — and the
// wardrobe of all three originals: the protagonist in each outfit (`sprites/outfit-<id>.svg`).
// All art is drawn here from plain shapes: no fonts beyond generic families, no images.
//
//   npm run art        (node tools/generate-art.mjs)
//
// Output is deterministic (seeded randomness), so re-running it only changes the files whose
// drawing code changed. The chapters and story.json reference the files by path.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lights, linear, r1, radial, rain, rng, scene, stars, svgDoc, WARM_GLOW } from './svg-art-kit.mjs';

// ---------------------------------------------------------------- sprites (400x560 busts)

const INK = '#2a1f1a';

// Eye outlines per shape; x is the eye centre, y its midline, outer is -1 (left eye) or 1.
function eyeShape(shape, x, y, outer) {
  const o = x + 18 * outer;
  const i = x - 18 * outer;
  switch (shape) {
    case 'wide':
      return `M ${x - 19} ${y} Q ${x} ${y - 20} ${x + 19} ${y} Q ${x} ${y + 17} ${x - 19} ${y} Z`;
    case 'narrow':
      return `M ${x - 18} ${y + 1} Q ${x} ${y - 7} ${x + 18} ${y + 1} Q ${x} ${y + 9} ${x - 18} ${y + 1} Z`;
    case 'sad':
      return `M ${o} ${y + 4} Q ${x} ${y - 12} ${i} ${y - 2} Q ${x} ${y + 11} ${o} ${y + 4} Z`;
    default:
      return `M ${x - 18} ${y} Q ${x} ${y - 15} ${x + 18} ${y} Q ${x} ${y + 12} ${x - 18} ${y} Z`;
  }
}

function eye(id, shape, x, y, outer, iris, look) {
  if (shape === 'happy') {
    return `<path d="M ${x - 16} ${y + 4} Q ${x} ${y - 12} ${x + 16} ${y + 4}" fill="none" stroke="${INK}" stroke-width="5" stroke-linecap="round"/>`;
  }
  if (shape === 'closed') {
    return `<path d="M ${x - 16} ${y} Q ${x} ${y + 8} ${x + 16} ${y}" fill="none" stroke="${INK}" stroke-width="4.5" stroke-linecap="round"/>
    <path d="M ${x + 12 * outer} ${y + 3} l ${6 * outer} 4" stroke="${INK}" stroke-width="3" stroke-linecap="round"/>`;
  }
  const d = eyeShape(shape, x, y, outer);
  const small = shape === 'wide';
  const r = small ? 6.5 : 9;
  const cx = x + look;
  const cy = y + (shape === 'narrow' ? 1 : 1);
  // Upper lid: the top half of the outline, drawn heavier.
  return `<clipPath id="${id}"><path d="${d}"/></clipPath>
    <path d="${d}" fill="#fbf7f2"/>
    <g clip-path="url(#${id})">
      <circle cx="${cx}" cy="${cy}" r="${r}" fill="${iris}"/>
      <circle cx="${cx}" cy="${cy}" r="${r * 0.5}" fill="#15110f"/>
      <circle cx="${cx + 3}" cy="${cy - 3.5}" r="${small ? 1.8 : 2.6}" fill="#fff"/>
    </g>
    <path d="${d}" fill="none" stroke="${INK}" stroke-width="2"/>
    <path d="${d.split('Q').slice(0, 2).join('Q').replace(/ Z$/, '')}" fill="none" stroke="${INK}" stroke-width="4.5" stroke-linecap="round"/>`;
}

// Brow heights: [inner, outer] offsets for the left and right brow (negative is up).
const BROWS = {
  flat: [[0, 0], [0, 0]],
  up: [[-7, -4], [-7, -4]],
  worried: [[-11, 3], [-11, 3]],
  angry: [[9, -4], [9, -4]],
  raised: [[3, 3], [-10, -9]],
  high: [[-13, -9], [-13, -9]],
  knit: [[5, 0], [5, 0]],
};

function brows(kind, color, y = 194) {
  const [[li, lo], [ri, ro]] = BROWS[kind];
  const left = `M 142 ${y + lo} Q 164 ${y + Math.min(li, lo) - 5} 186 ${y + li}`;
  const right = `M 214 ${y + ri} Q 236 ${y + Math.min(ri, ro) - 5} 258 ${y + ro}`;
  return `<path d="${left}" fill="none" stroke="${color}" stroke-width="7" stroke-linecap="round"/>
    <path d="${right}" fill="none" stroke="${color}" stroke-width="7" stroke-linecap="round"/>`;
}

function mouth(kind) {
  const s = `fill="none" stroke="${INK}" stroke-width="4" stroke-linecap="round" stroke-linejoin="round"`;
  switch (kind) {
    case 'smile':
      return `<path d="M 182 266 Q 200 282 218 266" ${s}/>`;
    case 'grin':
      return `<path d="M 180 263 Q 200 294 220 263 Z" fill="#7b2f33" stroke="${INK}" stroke-width="3" stroke-linejoin="round"/>
    <path d="M 183 265 Q 200 271 217 265 L 215 270 Q 200 275 185 270 Z" fill="#fff"/>`;
    case 'frown':
      return `<path d="M 185 276 Q 200 264 215 276" ${s}/>`;
    case 'o':
      return `<ellipse cx="200" cy="273" rx="8" ry="10" fill="#5a2226" stroke="${INK}" stroke-width="3"/>`;
    case 'smirk':
      return `<path d="M 184 271 Q 204 274 218 261" ${s}/>`;
    case 'grit':
      return `<rect x="182" y="263" width="36" height="14" rx="5" fill="#fff" stroke="${INK}" stroke-width="3"/>
    <path d="M 183 270 L 217 270 M 194 264 L 194 276 M 206 264 L 206 276" stroke="${INK}" stroke-width="1.5"/>`;
    case 'wobble':
      return `<path d="M 184 271 q 6 -5 11 0 q 5 5 10 0 q 5 -5 10 0" ${s}/>`;
    case 'firm':
      return `<path d="M 186 270 L 214 269" fill="none" stroke="${INK}" stroke-width="5" stroke-linecap="round"/>`;
    case 'small-frown':
      return `<path d="M 189 273 Q 200 267 211 273" ${s}/>`;
    default:
      return `<path d="M 186 269 Q 200 272 214 268" ${s}/>`;
  }
}

const TORSO = 'M 30 560 C 36 432 112 372 200 366 C 288 372 364 432 370 560 Z';

function clothing(kind, c) {
  const stroke = `stroke="${INK}" stroke-width="3" stroke-linejoin="round"`;
  switch (kind) {
    case 'raincoat':
      return `<path d="${TORSO}" fill="${c.main}" ${stroke}/>
    <path d="M 200 366 L 200 560" stroke="${c.dark}" stroke-width="5"/>
    <path d="M 200 380 L 200 560" stroke="#d9d2c5" stroke-width="2" stroke-dasharray="4 5"/>
    <path d="M 150 356 L 200 418 L 176 440 L 134 378 Z" fill="${c.light}" ${stroke}/>
    <path d="M 250 356 L 200 418 L 224 440 L 266 378 Z" fill="${c.light}" ${stroke}/>
    <rect x="80" y="470" width="60" height="10" rx="4" fill="${c.dark}"/>
    <rect x="260" y="470" width="60" height="10" rx="4" fill="${c.dark}"/>`;
    case 'cardigan':
      return `<path d="${TORSO}" fill="${c.main}" ${stroke}/>
    <path d="M 164 368 L 200 470 L 236 368 Z" fill="${c.shirt}" ${stroke}/>
    <path d="M 164 368 L 200 470 L 200 560 M 236 368 L 200 470" fill="none" stroke="${c.dark}" stroke-width="6"/>
    <circle cx="200" cy="500" r="6" fill="${c.dark}" ${stroke}/>
    <circle cx="200" cy="535" r="6" fill="${c.dark}" ${stroke}/>
    <path d="M 70 470 Q 90 520 80 560 M 330 470 Q 310 520 320 560" fill="none" stroke="${c.dark}" stroke-width="3" opacity="0.5"/>`;
    case 'uniform':
      return `<path d="${TORSO}" fill="${c.main}" ${stroke}/>
    <path d="M 200 372 L 200 560" stroke="${c.dark}" stroke-width="3"/>
    <path d="M 162 360 L 200 404 L 186 424 L 146 380 Z" fill="${c.light}" ${stroke}/>
    <path d="M 238 360 L 200 404 L 214 424 L 254 380 Z" fill="${c.light}" ${stroke}/>
    <rect x="108" y="452" width="62" height="44" rx="4" fill="${c.light}" ${stroke}/>
    <rect x="230" y="452" width="62" height="44" rx="4" fill="${c.light}" ${stroke}/>
    <path d="M 139 418 l 7 14 l 16 2 l -12 11 l 3 16 l -14 -8 l -14 8 l 3 -16 l -12 -11 l 16 -2 Z" fill="#e6c35a" stroke="#7a5c16" stroke-width="2"/>
    <path d="M 48 470 Q 60 440 86 428 L 96 470 Z" fill="${c.patch}" ${stroke}/>
    <rect x="242" y="432" width="40" height="8" rx="2" fill="#e9e3d4" stroke="${INK}" stroke-width="1.5"/>`;
    case 'hoodie':
      return `<path d="${TORSO}" fill="${c.main}" ${stroke}/>
    <path d="M 120 392 Q 200 452 280 392 Q 270 366 200 366 Q 130 366 120 392 Z" fill="${c.dark}" ${stroke}/>
    <path d="M 182 420 L 178 500 M 218 420 L 222 500" stroke="#efe9dc" stroke-width="4" stroke-linecap="round"/>
    <path d="M 130 500 L 270 500 L 286 560 L 114 560 Z" fill="${c.dark}" opacity="0.45"/>
    <path d="M 118 382 Q 200 460 282 382" fill="none" stroke="#2b2b2e" stroke-width="12" stroke-linecap="round"/>
    <rect x="96" y="360" width="40" height="56" rx="16" fill="#36363c" ${stroke}/>
    <rect x="264" y="360" width="40" height="56" rx="16" fill="#36363c" ${stroke}/>
    <circle cx="116" cy="388" r="9" fill="${c.accent}"/>
    <circle cx="284" cy="388" r="9" fill="${c.accent}"/>`;
    case 'apron':
      return `<path d="${TORSO}" fill="${c.shirt}" ${stroke}/>
    <path d="M 168 366 L 200 398 L 232 366" fill="none" stroke="${INK}" stroke-width="3"/>
    <path d="M 60 470 Q 80 450 100 470 M 300 470 Q 320 450 340 470" fill="none" stroke="#b9b2a3" stroke-width="3"/>
    <path d="M 138 440 L 262 440 L 280 560 L 120 560 Z" fill="${c.main}" ${stroke}/>
    <path d="M 142 442 L 112 382 M 258 442 L 288 382" stroke="${c.main}" stroke-width="12" stroke-linecap="round"/>
    <rect x="168" y="478" width="64" height="46" rx="4" fill="${c.dark}" ${stroke}/>
    <path d="M 186 478 L 180 448 M 200 478 L 206 446" stroke="#9aa3a8" stroke-width="5" stroke-linecap="round"/>
    <circle cx="178" cy="444" r="6" fill="none" stroke="#c04b4b" stroke-width="3"/>
    <circle cx="208" cy="442" r="6" fill="none" stroke="#c04b4b" stroke-width="3"/>`;
    case 'tee':
      return `<path d="${TORSO}" fill="${c.main}" ${stroke}/>
    <path d="M 156 372 Q 200 430 244 372" fill="${c.skin}" ${stroke}/>
    <path d="M 174 398 Q 200 424 226 398" fill="none" stroke="#caa04a" stroke-width="2"/>
    <circle cx="200" cy="423" r="6" fill="#f0c44c" stroke="${INK}" stroke-width="2"/>
    <ellipse cx="128" cy="500" rx="22" ry="12" fill="#fffaf0" opacity="0.7"/>
    <ellipse cx="270" cy="470" rx="12" ry="7" fill="#fffaf0" opacity="0.6"/>
    <ellipse cx="290" cy="520" rx="18" ry="9" fill="#fffaf0" opacity="0.55"/>`;
    case 'silk':
      return `<path d="${TORSO}" fill="${c.main}" ${stroke}/>
    <path d="M 150 366 L 200 470 L 250 366 Z" fill="${c.skin}" ${stroke}/>
    <path d="M 90 420 Q 130 480 120 560 M 310 420 Q 270 480 280 560" fill="none" stroke="${c.dark}" stroke-width="3" opacity="0.6"/>
    <path d="M 164 380 Q 200 430 236 380" fill="none" stroke="#fffdf7" stroke-width="9" stroke-dasharray="0.1 12" stroke-linecap="round"/>
    <circle cx="200" cy="420" r="8" fill="#fffdf7" stroke="#c8bba6" stroke-width="1.5"/>`;
    case 'suit':
      return `<path d="${TORSO}" fill="${c.main}" ${stroke}/>
    <path d="M 160 366 L 200 480 L 240 366 Z" fill="#f4f1ea" ${stroke}/>
    <path d="M 190 392 L 210 392 L 216 470 L 200 490 L 184 470 Z" fill="${c.accent}" ${stroke}/>
    <path d="M 186 376 L 214 376 L 208 394 L 192 394 Z" fill="${c.accent}" ${stroke}/>
    <path d="M 160 366 L 200 480 L 150 440 L 172 420 L 140 400 Z" fill="${c.dark}" ${stroke}/>
    <path d="M 240 366 L 200 480 L 250 440 L 228 420 L 260 400 Z" fill="${c.dark}" ${stroke}/>
    <path d="M 270 470 l 26 -6 l -4 12 Z" fill="#f4f1ea" ${stroke}/>
    <path d="M 118 440 q 8 -10 16 -4 q -4 6 6 4 l -10 10 Z" fill="#cfd6de" stroke="#5b6470" stroke-width="1.5"/>`;
    default:
      return `<path d="${TORSO}" fill="${c.main}" ${stroke}/>`;
  }
}

function circles(list, fill, extra = '') {
  return list.map(([x, y, r]) => `<circle cx="${x}" cy="${y}" r="${r}" fill="${fill}" ${extra}/>`).join('');
}

// Hair: [behind the head, in front of the head].
function hair(kind, h) {
  const stroke = `stroke="${INK}" stroke-width="3" stroke-linejoin="round"`;
  switch (kind) {
    case 'messy':
      return [
        `<path d="M 116 240 C 96 150 150 96 206 98 C 266 98 306 150 284 240 Z" fill="${h.main}" ${stroke}/>`,
        `<path d="M 114 214 C 104 128 166 96 210 100 C 270 102 300 150 288 214 L 276 186 L 262 156 L 246 184 L 232 148 L 214 178 L 198 146 L 180 180 L 162 150 L 150 184 L 134 162 L 124 198 Z" fill="${h.main}" ${stroke}/>
    <path d="M 170 112 Q 200 104 236 116" fill="none" stroke="${h.light}" stroke-width="5" stroke-linecap="round"/>`,
      ];
    case 'hood':
      return [
        `<path d="M 200 96 C 70 96 60 300 84 380 L 316 380 C 340 300 330 96 200 96 Z" fill="${h.hood}" ${stroke}/>
    <path d="M 200 112 C 96 112 92 280 106 350 L 294 350 C 308 280 304 112 200 112 Z" fill="${h.hoodDark}"/>
    <path d="M 124 210 C 110 140 290 140 276 210 L 286 360 L 114 360 Z" fill="${h.main}"/>`,
        `<path d="M 118 218 C 112 132 288 118 284 206 C 262 166 206 154 154 178 C 138 188 126 202 118 218 Z" fill="${h.main}" ${stroke}/>
    <path d="M 100 352 C 76 44 324 44 300 352" fill="none" stroke="${h.hoodEdge}" stroke-width="14" stroke-linecap="round"/>`,
      ];
    case 'afro':
      return [
        circles([[200, 120, 58], [140, 140, 50], [260, 140, 50], [112, 196, 42], [288, 196, 42], [164, 104, 44], [236, 104, 44]], h.main, stroke) +
          circles([[200, 120, 54], [140, 140, 46], [260, 140, 46], [112, 196, 38], [288, 196, 38], [164, 104, 40], [236, 104, 40]], h.main) +
          circles([[176, 96, 6], [232, 118, 5], [146, 140, 5], [262, 160, 6], [118, 196, 4], [206, 90, 4]], h.light),
        `<path d="M 122 204 C 126 156 274 156 278 204 C 256 176 144 176 122 204 Z" fill="${h.main}"/>`,
      ];
    case 'neat':
      return [
        `<path d="M 122 230 C 108 150 292 150 278 230 Z" fill="${h.main}"/>`,
        `<path d="M 114 214 C 100 84 300 76 286 214 C 282 178 270 162 250 156 C 214 142 178 162 150 156 C 134 162 120 182 114 214 Z" fill="${h.main}" ${stroke}/>
    <path d="M 160 118 Q 200 104 250 120" fill="none" stroke="${h.light}" stroke-width="4" stroke-linecap="round"/>`,
      ];
    case 'hat':
      return [
        `<path d="M 118 236 C 106 176 294 176 282 236 Z" fill="${h.main}" ${stroke}/>`,
        `<path d="M 122 214 C 122 186 140 172 150 170 L 250 170 C 262 172 278 186 278 214 C 270 196 250 186 200 186 C 150 186 130 196 122 214 Z" fill="${h.main}" ${stroke}/>
    <ellipse cx="200" cy="168" rx="138" ry="24" fill="${h.hat}" ${stroke}/>
    <path d="M 132 166 C 130 96 168 78 200 90 C 232 78 270 96 268 166 Z" fill="${h.hat}" ${stroke}/>
    <path d="M 200 92 L 200 120" stroke="${h.hatDark}" stroke-width="4"/>
    <path d="M 134 150 Q 200 162 266 150 L 267 164 Q 200 176 133 164 Z" fill="${h.hatDark}"/>
    <path d="M 192 150 l 8 -10 l 8 10 l -8 10 Z" fill="#e6c35a" stroke="#7a5c16" stroke-width="1.5"/>`,
      ];
    case 'curly':
      return [
        circles([[200, 118, 60], [136, 140, 52], [264, 140, 52], [104, 200, 46], [296, 200, 46], [108, 262, 40], [292, 262, 40], [120, 312, 30], [280, 312, 30]], h.main, stroke) +
          circles([[200, 118, 56], [136, 140, 48], [264, 140, 48], [104, 200, 42], [296, 200, 42], [108, 262, 36], [292, 262, 36], [120, 312, 26], [280, 312, 26]], h.main) +
          circles([[150, 130, 6], [250, 126, 5], [98, 210, 5], [302, 230, 5], [116, 290, 4], [288, 288, 4]], h.light),
        `<path d="M 118 182 C 126 120 274 120 282 182 C 252 156 148 156 118 182 Z" fill="${h.scarf}" ${stroke}/>
    <path d="M 124 166 C 150 150 250 150 276 166" fill="none" stroke="${h.scarfDark}" stroke-width="3" stroke-dasharray="2 9" stroke-linecap="round"/>
    <path d="M 280 160 l 34 -22 l -4 30 Z M 282 166 l 30 18 l -22 14 Z" fill="${h.scarf}" ${stroke}/>
    <circle cx="284" cy="164" r="9" fill="${h.scarfDark}" ${stroke}/>
    ${circles([[134, 196, 14], [266, 196, 14], [150, 176, 12], [250, 176, 12]], h.main)}`,
      ];
    case 'bob':
      return [
        `<path d="M 100 300 C 80 56 320 56 300 300 Q 200 312 100 300 Z" fill="${h.main}" ${stroke}/>`,
        `<path d="M 114 210 C 104 76 296 76 286 210 C 274 178 242 164 206 168 C 172 158 138 174 114 210 Z" fill="${h.main}" ${stroke}/>
    <path d="M 146 120 Q 200 100 256 122" fill="none" stroke="${h.light}" stroke-width="6" stroke-linecap="round"/>
    <ellipse cx="162" cy="116" rx="30" ry="16" fill="#2b2630" ${stroke}/>
    <ellipse cx="238" cy="116" rx="30" ry="16" fill="#2b2630" ${stroke}/>
    <path d="M 190 114 Q 200 108 210 114" fill="none" stroke="${INK}" stroke-width="4"/>
    <path d="M 150 110 q 10 -6 20 0" fill="none" stroke="#8a7f96" stroke-width="3"/>`,
      ];
    case 'slick':
      return [
        `<path d="M 116 240 C 100 150 300 150 284 240 Z" fill="${h.main}"/>`,
        `<path d="M 112 214 C 98 70 302 70 288 214 C 284 168 262 146 200 144 C 140 146 118 168 112 214 Z" fill="${h.main}" ${stroke}/>
    <path d="M 146 128 Q 196 104 256 126 M 128 162 Q 200 122 274 158 M 160 110 Q 200 98 240 108" fill="none" stroke="${h.light}" stroke-width="3" stroke-linecap="round"/>`,
      ];
    default:
      return ['', ''];
  }
}

function bust(ch, mood, id) {
  const m = ch.moods[mood];
  const [hairBack, hairFront] = hair(ch.hair, ch.hairColors);
  const skin = ch.skin;
  const extras = [];
  if (m.blush) extras.push(`<ellipse cx="150" cy="252" rx="17" ry="8" fill="#ff6f7d" opacity="0.35"/><ellipse cx="250" cy="252" rx="17" ry="8" fill="#ff6f7d" opacity="0.35"/>`);
  if (m.sweat) extras.push(`<path d="M 274 168 q 10 16 0 24 q -10 -8 0 -24 Z" fill="#bfe3ff" stroke="${INK}" stroke-width="2"/>`);
  if (m.tear) extras.push(`<path d="M 240 236 q 6 12 0 18 q -6 -6 0 -18 Z" fill="#bfe3ff" stroke="${INK}" stroke-width="1.5"/>`);
  if (m.vein) extras.push(`<path d="M 262 160 l 8 6 m -4 -10 l 0 14 m 8 -10 l -8 6" stroke="#c0392b" stroke-width="3" stroke-linecap="round"/>`);
  const face = ch.face ?? '';
  const overEyes = ch.glasses
    ? `<rect x="138" y="204" width="54" height="38" rx="12" fill="#ffffff" fill-opacity="0.12" stroke="${ch.glasses}" stroke-width="4"/>
    <rect x="208" y="204" width="54" height="38" rx="12" fill="#ffffff" fill-opacity="0.12" stroke="${ch.glasses}" stroke-width="4"/>
    <path d="M 192 220 Q 200 214 208 220 M 138 218 L 124 212 M 262 218 L 276 212" fill="none" stroke="${ch.glasses}" stroke-width="4"/>`
    : '';
  const body = `  <g id="${id}">
    <ellipse cx="200" cy="556" rx="170" ry="10" fill="#000" opacity="0.12"/>
    ${hairBack}
    ${clothing(ch.clothes, { ...ch.clothesColors, skin })}
    <path d="M 170 270 L 170 372 Q 200 388 230 372 L 230 270 Z" fill="${skin}" stroke="${INK}" stroke-width="3"/>
    <path d="M 170 300 Q 200 330 230 300 L 230 322 Q 200 344 170 322 Z" fill="${ch.skinShade}" opacity="0.6"/>
    <ellipse cx="122" cy="232" rx="13" ry="21" fill="${skin}" stroke="${INK}" stroke-width="3"/>
    <ellipse cx="278" cy="232" rx="13" ry="21" fill="${skin}" stroke="${INK}" stroke-width="3"/>
    <path d="M 120 200 C 120 120 280 120 280 200 C 280 262 250 306 200 314 C 150 306 120 262 120 200 Z" fill="${skin}" stroke="${INK}" stroke-width="3"/>
    ${face}
    ${eye(`${id}-el`, m.eyes, 165, 224, -1, ch.iris, m.look ?? 0)}
    ${eye(`${id}-er`, m.eyes, 235, 224, 1, ch.iris, m.look ?? 0)}
    ${overEyes}
    ${brows(m.brows, ch.browColor)}
    <path d="M 201 234 Q 193 250 203 254" fill="none" stroke="${ch.skinShade}" stroke-width="3.5" stroke-linecap="round"/>
    ${ch.moustache ? `<path d="M 172 262 Q 186 252 200 258 Q 214 252 228 262 Q 214 270 200 264 Q 186 270 172 262 Z" fill="${ch.moustache}" stroke="${INK}" stroke-width="2"/>` : ''}
    ${mouth(m.mouth)}
    ${hairFront}
    ${ch.accessory ?? ''}
    ${extras.join('\n    ')}
  </g>`;
  return svgDoc(400, 560, `${ch.name} (${mood})`, body);
}

// ---------------------------------------------------------------- cast

const DEAD_AIR_CAST = {
  Caller: {
    name: 'The Caller', hair: 'hood', skin: '#e8b896', skinShade: '#c48d6c', iris: '#5b7a3a', browColor: '#3a2418',
    hairColors: { main: '#3a2418', light: '#6b4a35', hood: '#8e2f3f', hoodDark: '#5e1d29', hoodEdge: '#a8404f' },
    clothes: 'raincoat', clothesColors: { main: '#8e2f3f', dark: '#5e1d29', light: '#a8404f' },
    accessory: `<path d="M 286 200 q 26 6 22 40 q -4 30 -26 34" fill="none" stroke="#2b2b2e" stroke-width="16" stroke-linecap="round"/>
    <path d="M 300 272 c 14 8 -6 16 8 24 c 14 8 -6 16 8 24 c 14 8 -6 16 8 24" fill="none" stroke="#2b2b2e" stroke-width="4"/>`,
    moods: {
      calm: { eyes: 'narrow', brows: 'flat', mouth: 'neutral', look: -3 },
      afraid: { eyes: 'wide', brows: 'worried', mouth: 'o', sweat: true },
      resolute: { eyes: 'default', brows: 'knit', mouth: 'firm', look: 2 },
    },
  },
  Mags: {
    name: 'Mags Oduya', hair: 'afro', skin: '#7b4a2f', skinShade: '#5a321d', iris: '#3b2414', browColor: '#c9c4bd',
    hairColors: { main: '#bdb8b2', light: '#e6e2dc' }, glasses: '#3a2a22',
    clothes: 'cardigan', clothesColors: { main: '#c98b3a', dark: '#8f5f22', shirt: '#efe6d2' },
    moods: {
      neutral: { eyes: 'narrow', brows: 'flat', mouth: 'neutral' },
      wry: { eyes: 'narrow', brows: 'raised', mouth: 'smirk' },
      worried: { eyes: 'sad', brows: 'worried', mouth: 'small-frown' },
      angry: { eyes: 'default', brows: 'angry', mouth: 'grit', vein: true },
    },
  },
  Ruiz: {
    name: 'Deputy Cal Ruiz', hair: 'neat', skin: '#b9825a', skinShade: '#8f5c3a', iris: '#3d2a1a', browColor: '#1d1613',
    hairColors: { main: '#1d1613', light: '#4a3b33' },
    face: `<path d="M 136 262 C 150 300 180 312 200 313 C 220 312 250 300 264 262 C 256 292 230 306 200 306 C 170 306 144 292 136 262 Z" fill="#3b2a20" opacity="0.22"/>`,
    clothes: 'uniform', clothesColors: { main: '#b59f75', dark: '#7d6a48', light: '#c9b58b', patch: '#4f5d3a' },
    moods: {
      neutral: { eyes: 'default', brows: 'flat', mouth: 'neutral' },
      suspicious: { eyes: 'narrow', brows: 'raised', mouth: 'smirk', look: 5 },
      worried: { eyes: 'sad', brows: 'worried', mouth: 'frown' },
    },
  },
  Teddy: {
    name: 'Teddy Park', hair: 'messy', skin: '#f2cfae', skinShade: '#d6a883', iris: '#2e2018', browColor: '#17130f',
    hairColors: { main: '#17130f', light: '#3c342d' },
    clothes: 'hoodie', clothesColors: { main: '#4f8a3c', dark: '#35632a', accent: '#8fd16a' },
    moods: {
      neutral: { eyes: 'default', brows: 'flat', mouth: 'neutral' },
      excited: { eyes: 'happy', brows: 'up', mouth: 'grin', blush: true },
      scared: { eyes: 'wide', brows: 'high', mouth: 'wobble', sweat: true },
    },
  },
  Hollis: {
    name: 'Sheriff Dale Hollis', hair: 'hat', skin: '#eab9a0', skinShade: '#c98d72', iris: '#6c8aa0', browColor: '#e9e4dc',
    hairColors: { main: '#ece8e1', light: '#ffffff', hat: '#6b5238', hatDark: '#4a3826' }, moustache: '#e4ded4',
    face: `<ellipse cx="150" cy="256" rx="18" ry="9" fill="#e07a6a" opacity="0.25"/><ellipse cx="250" cy="256" rx="18" ry="9" fill="#e07a6a" opacity="0.25"/>
    <path d="M 144 208 q 20 -6 40 0 M 216 208 q 20 -6 40 0" fill="none" stroke="#c98d72" stroke-width="2"/>`,
    clothes: 'uniform', clothesColors: { main: '#8a7650', dark: '#5e4f33', light: '#9d8a63', patch: '#3f3a2a' },
    moods: {
      neutral: { eyes: 'narrow', brows: 'flat', mouth: 'smile' },
      angry: { eyes: 'narrow', brows: 'angry', mouth: 'frown', vein: true },
    },
  },
};

const PETAL_CAST = {
  Jun: {
    name: 'Jun Arden', hair: 'messy', skin: '#d9a781', skinShade: '#b27f5a', iris: '#2c1e14', browColor: '#141010',
    hairColors: { main: '#141010', light: '#3a3030' },
    face: `<path d="M 246 244 l 22 -10" stroke="#c0504d" stroke-width="2.5" stroke-linecap="round"/><path d="M 252 246 l 4 -6 M 260 242 l 3 -5" stroke="#c0504d" stroke-width="1.5"/>`,
    clothes: 'apron', clothesColors: { main: '#3f6b4a', dark: '#2d5036', shirt: '#d9d4c7' },
    moods: {
      neutral: { eyes: 'default', brows: 'flat', mouth: 'neutral' },
      annoyed: { eyes: 'narrow', brows: 'angry', mouth: 'frown', look: 4 },
      flustered: { eyes: 'default', brows: 'worried', mouth: 'wobble', blush: true, look: 7 },
      sad: { eyes: 'sad', brows: 'worried', mouth: 'small-frown', look: -3 },
    },
  },
  Sol: {
    name: 'Sol Vega', hair: 'curly', skin: '#8d5a3b', skinShade: '#6a3f26', iris: '#2a170c', browColor: '#1a100a',
    hairColors: { main: '#1f140e', light: '#4a3326', scarf: '#f2a541', scarfDark: '#b8741d' },
    face: `${[[150, 246], [160, 252], [142, 254], [250, 246], [240, 252], [258, 254]].map(([x, y]) => `<circle cx="${x}" cy="${y}" r="2.2" fill="#5a3420"/>`).join('')}
    <ellipse cx="262" cy="284" rx="10" ry="5" fill="#fff8ec" opacity="0.8"/>`,
    accessory: `<circle cx="122" cy="262" r="6" fill="#f0c44c" stroke="#2a1f1a" stroke-width="2"/><circle cx="278" cy="262" r="6" fill="#f0c44c" stroke="#2a1f1a" stroke-width="2"/>`,
    clothes: 'tee', clothesColors: { main: '#e07b39', dark: '#a9561f' },
    moods: {
      neutral: { eyes: 'default', brows: 'flat', mouth: 'smile' },
      happy: { eyes: 'happy', brows: 'up', mouth: 'grin', blush: true },
      worried: { eyes: 'sad', brows: 'worried', mouth: 'small-frown' },
    },
  },
  Vivian: {
    name: 'Vivian Crane', hair: 'bob', skin: '#f4d6c4', skinShade: '#d7aa92', iris: '#5c88b8', browColor: '#b89a6a',
    hairColors: { main: '#efe2bf', light: '#fffaf0' },
    face: `<circle cx="224" cy="262" r="2.5" fill="#6a4a3a"/>`,
    clothes: 'silk', clothesColors: { main: '#efe4d2', dark: '#cdbfa7' },
    moods: {
      neutral: { eyes: 'default', brows: 'flat', mouth: 'neutral' },
      smug: { eyes: 'narrow', brows: 'raised', mouth: 'smirk', look: -4 },
      upset: { eyes: 'sad', brows: 'worried', mouth: 'frown', tear: true },
    },
  },
  Crane: {
    name: 'Augustus Crane', hair: 'slick', skin: '#ecc3a8', skinShade: '#c99778', iris: '#6e7780', browColor: '#8d9095',
    hairColors: { main: '#a6a9ae', light: '#d6d8dc' },
    face: `<path d="M 150 282 Q 160 296 176 300 M 250 282 Q 240 296 224 300" fill="none" stroke="#c99778" stroke-width="2.5"/>`,
    clothes: 'suit', clothesColors: { main: '#3c4250', dark: '#2c313c', accent: '#9c2b3a' },
    moods: {
      neutral: { eyes: 'narrow', brows: 'flat', mouth: 'neutral' },
      smug: { eyes: 'narrow', brows: 'raised', mouth: 'smirk', look: 4 },
    },
  },
};

// ---------------------------------------------------------------- protagonists' wardrobes

// The player's character of each original, one bust per outfit of its story.json `outfits`.
const CALM = { neutral: { eyes: 'default', brows: 'flat', mouth: 'smile' } };
const WARDROBES = {
  'dead-air': {
    base: { name: 'The Night Owl', hair: 'neat', skin: '#c68e6a', skinShade: '#9f6a49', iris: '#3b2a1c', browColor: '#2a1a12', hairColors: { main: '#2a1a12', light: '#4a3324' }, moods: CALM },
    outfits: {
      'station-hoodie': { clothes: 'hoodie', clothesColors: { main: '#3b4a6b', dark: '#27324a', accent: '#e8b04a' } },
      'on-air-blazer': { clothes: 'suit', clothesColors: { main: '#5a2a3a', dark: '#3e1c28', accent: '#e8b04a' } },
    },
  },
  'petal-and-thorn': {
    base: { name: 'You', hair: 'bob', skin: '#e8bfa4', skinShade: '#c99a7e', iris: '#4a6a3a', browColor: '#5a3a22', hairColors: { main: '#6b4226', light: '#8f5d3a' }, moods: CALM },
    outfits: {
      'shop-apron': { clothes: 'apron', clothesColors: { main: '#b5654a', dark: '#874733', shirt: '#f2ead8' } },
      'silk-dress': { clothes: 'silk', clothesColors: { main: '#f3c9d0', dark: '#d9a3ad' } },
    },
  },
  'the-lantern-keeper': {
    base: { name: 'Wren', hair: 'messy', skin: '#f0cfb4', skinShade: '#d2a98b', iris: '#3a5a7a', browColor: '#7a4a22', hairColors: { main: '#a3602e', light: '#c98246' }, moods: CALM },
    outfits: {
      oilskin: { clothes: 'raincoat', clothesColors: { main: '#d9a531', dark: '#a77a1c', light: '#e8bf55' } },
      'keepers-coat': { clothes: 'uniform', clothesColors: { main: '#2f4a63', dark: '#1f3346', light: '#45617d', patch: '#e8b04a' } },
    },
  },
};

// ---------------------------------------------------------------- background helpers

// A lattice radio tower with its base at (x, y) and the given height.
function tower(x, y, h, color = '#0a0f1c', light = true) {
  const w = h * 0.16;
  const legs = `M ${x - w} ${y} L ${x} ${y - h} L ${x + w} ${y}`;
  let brace = '';
  const steps = 9;
  for (let i = 0; i < steps; i++) {
    const t0 = i / steps;
    const t1 = (i + 1) / steps;
    const yA = y - h * t0;
    const yB = y - h * t1;
    const wA = w * (1 - t0);
    const wB = w * (1 - t1);
    brace += ` M ${r1(x - wA)} ${r1(yA)} L ${r1(x + wB)} ${r1(yB)} M ${r1(x + wA)} ${r1(yA)} L ${r1(x - wB)} ${r1(yB)} M ${r1(x - wB)} ${r1(yB)} L ${r1(x + wB)} ${r1(yB)}`;
  }
  const beacon = light
    ? `<circle cx="${x}" cy="${y - h}" r="${r1(h * 0.12)}" fill="url(#redglow)"/><circle cx="${x}" cy="${y - h}" r="${r1(Math.max(2.5, h * 0.018))}" fill="#ff4a3d"/>`
    : '';
  return `<path d="${legs}${brace}" fill="none" stroke="${color}" stroke-width="${r1(Math.max(1.2, h * 0.012))}" stroke-linejoin="round"/>${beacon}`;
}

const RED_GLOW = radial('redglow', [[0, '#ff5a4a', 0.8], [0.4, '#ff3b30', 0.3], [1, '#ff3b30', 0]]);

function pine(x, y, h, color) {
  const w = h * 0.34;
  return `<path d="M ${x} ${y - h} L ${x + w * 0.55} ${y - h * 0.55} L ${x + w * 0.3} ${y - h * 0.55} L ${x + w * 0.8} ${y - h * 0.2} L ${x + w * 0.45} ${y - h * 0.2} L ${x + w} ${y} L ${x - w} ${y} L ${x - w * 0.45} ${y - h * 0.2} L ${x - w * 0.8} ${y - h * 0.2} L ${x - w * 0.3} ${y - h * 0.55} L ${x - w * 0.55} ${y - h * 0.55} Z" fill="${color}"/>`;
}

function car(x, y, s, body, { lightbar = false, star = false, glow = false } = {}) {
  const k = (n) => r1(n * s);
  return `<g transform="translate(${x} ${y})">
    <path d="M ${k(-110)} 0 L ${k(-104)} ${k(-34)} L ${k(-60)} ${k(-40)} L ${k(-36)} ${k(-70)} L ${k(44)} ${k(-70)} L ${k(70)} ${k(-40)} L ${k(108)} ${k(-32)} L ${k(112)} 0 Z" fill="${body}"/>
    <path d="M ${k(-28)} ${k(-64)} L ${k(2)} ${k(-64)} L ${k(2)} ${k(-42)} L ${k(-50)} ${k(-42)} Z M ${k(10)} ${k(-64)} L ${k(40)} ${k(-64)} L ${k(60)} ${k(-42)} L ${k(10)} ${k(-42)} Z" fill="#1a2233" opacity="0.9"/>
    <circle cx="${k(-66)}" cy="0" r="${k(17)}" fill="#0b0d12"/><circle cx="${k(70)}" cy="0" r="${k(17)}" fill="#0b0d12"/>
    ${lightbar ? `<rect x="${k(-16)}" y="${k(-80)}" width="${k(14)}" height="${k(9)}" fill="#c0392b"/><rect x="${k(-2)}" y="${k(-80)}" width="${k(14)}" height="${k(9)}" fill="#2f5fb3"/>` : ''}
    ${star ? `<path d="M ${k(-20)} ${k(-30)} l ${k(4)} ${k(8)} l ${k(9)} ${k(1)} l ${k(-7)} ${k(6)} l ${k(2)} ${k(9)} l ${k(-8)} ${k(-5)} l ${k(-8)} ${k(5)} l ${k(2)} ${k(-9)} l ${k(-7)} ${k(-6)} l ${k(9)} ${k(-1)} Z" fill="#c9a84a"/>` : ''}
    ${glow ? `<ellipse cx="${k(118)}" cy="${k(-18)}" rx="${k(10)}" ry="${k(6)}" fill="#fff4c8"/>` : ''}
  </g>`;
}

// ---------------------------------------------------------------- Dead Air backgrounds

function foamPanel(x, y, cols, rows, size, fill, shade) {
  let out = `<rect x="${x - 8}" y="${y - 8}" width="${cols * size + 16}" height="${rows * size + 16}" rx="6" fill="${shade}"/>`;
  for (let c = 0; c < cols; c++) {
    for (let r = 0; r < rows; r++) {
      const px = x + c * size;
      const py = y + r * size;
      const horizontal = (c + r) % 2 === 0;
      out += `<rect x="${px + 3}" y="${py + 3}" width="${size - 6}" height="${size - 6}" rx="6" fill="${fill}"/>`;
      out += horizontal
        ? `<path d="M ${px + 10} ${py + size / 3} h ${size - 20} M ${px + 10} ${py + (2 * size) / 3} h ${size - 20}" stroke="${shade}" stroke-width="4" stroke-linecap="round"/>`
        : `<path d="M ${px + size / 3} ${py + 10} v ${size - 20} M ${px + (2 * size) / 3} ${py + 10} v ${size - 20}" stroke="${shade}" stroke-width="4" stroke-linecap="round"/>`;
    }
  }
  return out;
}

function consoleFaders(x, y, n, seed) {
  const rand = rng(seed);
  let out = '';
  for (let i = 0; i < n; i++) {
    const cx = x + i * 46;
    const pos = 20 + rand() * 60;
    const led = ['#5ee07a', '#f2b63c', '#5ee07a', '#ff5a4a'][Math.floor(rand() * 4)];
    out += `<rect x="${cx - 3}" y="${y}" width="6" height="100" rx="3" fill="#0c0c10"/>`;
    out += `<rect x="${cx - 14}" y="${r1(y + pos)}" width="28" height="16" rx="3" fill="#d8d4cc"/><rect x="${cx - 14}" y="${r1(y + pos + 7)}" width="28" height="3" fill="#8a857c"/>`;
    out += `<circle cx="${cx}" cy="${y - 22}" r="9" fill="#3b3b44" stroke="#15151a" stroke-width="2"/><path d="M ${cx} ${y - 22} l ${r1(6 * Math.cos(rand() * 6))} ${r1(-7)}" stroke="#e8e4dc" stroke-width="2"/>`;
    out += `<circle cx="${cx}" cy="${y - 44}" r="4" fill="${led}"/>`;
  }
  return out;
}

function booth() {
  const defs = [
    linear('wall', [[0, '#1a1830'], [1, '#2b2442']]),
    linear('night', [[0, '#07101f'], [0.7, '#13244a'], [1, '#1f3563']]),
    linear('desk', [[0, '#4a3428'], [1, '#22160f']]),
    radial('onair', [[0, '#ff4d4d', 0.7], [0.5, '#ff2a2a', 0.25], [1, '#ff2a2a', 0]]),
    radial('lamp', [[0, '#ffcf8a', 0.5], [0.6, '#ff9f45', 0.12], [1, '#ff9f45', 0]]),
    RED_GLOW,
    WARM_GLOW,
  ].join('');
  const body = `
  <rect width="1280" height="720" fill="url(#wall)"/>
  ${foamPanel(40, 80, 4, 6, 62, '#2e2a48', '#1c192e')}
  ${foamPanel(994, 80, 4, 6, 62, '#2e2a48', '#1c192e')}
  <rect x="360" y="96" width="560" height="330" fill="url(#night)"/>
  ${stars(7, 40, { x0: 370, x1: 910, y0: 104, y1: 250 })}
  <path d="M 360 360 L 430 320 L 500 336 L 590 280 L 660 292 L 740 236 L 800 262 L 860 250 L 920 290 L 920 426 L 360 426 Z" fill="#0b1222"/>
  ${tower(742, 238, 90, '#1a2338')}
  <rect x="734" y="244" width="12" height="9" fill="#ffd873"/>
  <circle cx="740" cy="248" r="22" fill="url(#warmglow)"/>
  ${lights(3, 46, { x0: 370, x1: 910, y0: 384, y1: 422 })}
  ${rain(11, 70, { x0: 370, x1: 920, y0: 96, y1: 420, color: '#9fb5d6', opacity: 0.35, len: 18 })}
  <rect x="360" y="96" width="560" height="330" fill="none" stroke="#0d0c14" stroke-width="16"/>
  <path d="M 640 96 V 426" stroke="#0d0c14" stroke-width="10"/>
  <rect x="560" y="24" width="160" height="52" rx="8" fill="#3a0c0c" stroke="#120606" stroke-width="4"/>
  <ellipse cx="640" cy="50" rx="170" ry="70" fill="url(#onair)"/>
  <text x="640" y="62" text-anchor="middle" font-family="Impact, 'Arial Black', sans-serif" font-size="34" letter-spacing="6" fill="#ffe3dc">ON AIR</text>
  <circle cx="180" cy="46" r="26" fill="#e8e2d6" stroke="#111" stroke-width="4"/>
  <path d="M 180 46 L 180 28 M 180 46 L 187 48" stroke="#111" stroke-width="3" stroke-linecap="round"/>
  <ellipse cx="160" cy="520" rx="300" ry="200" fill="url(#lamp)"/>
  <path d="M 0 520 L 1280 520 L 1280 720 L 0 720 Z" fill="url(#desk)"/>
  <path d="M 0 520 L 1280 520" stroke="#6b4c39" stroke-width="5"/>
  <path d="M 300 560 L 980 560 L 1010 700 L 270 700 Z" fill="#202026" stroke="#0d0d11" stroke-width="5"/>
  ${consoleFaders(352, 590, 14, 5)}
  <rect x="320" y="566" width="640" height="12" fill="#2f2f38"/>
  <path d="M 1190 0 L 1190 150 L 1010 330 L 1010 372" fill="none" stroke="#3a3a44" stroke-width="12" stroke-linecap="round" stroke-linejoin="round"/>
  <rect x="986" y="368" width="48" height="100" rx="22" fill="#2a2a30" stroke="#0c0c10" stroke-width="4"/>
  <path d="M 992 392 h 36 M 992 408 h 36 M 992 424 h 36 M 992 440 h 36" stroke="#4a4a55" stroke-width="3"/>
  <circle cx="940" cy="420" r="50" fill="#111" fill-opacity="0.35" stroke="#15151a" stroke-width="4"/>
  <path d="M 960 430 L 986 420" stroke="#15151a" stroke-width="4"/>
  <path d="M 120 600 L 120 672 Q 120 684 132 684 L 188 684 Q 200 684 200 672 L 200 600 Z" fill="#e9e1d0" stroke="#1a120c" stroke-width="4"/>
  <path d="M 200 616 Q 232 620 230 644 Q 228 664 200 664" fill="none" stroke="#1a120c" stroke-width="8"/>
  <ellipse cx="160" cy="600" rx="40" ry="9" fill="#2b1a10" stroke="#1a120c" stroke-width="4"/>
  <text x="160" y="650" text-anchor="middle" font-family="Georgia, serif" font-weight="bold" font-size="18" fill="#b23a2e">KVRN</text>
  <rect x="1060" y="600" width="140" height="90" rx="6" fill="#1e1d24" stroke="#0a0a0e" stroke-width="4"/>
  <text x="1130" y="632" text-anchor="middle" font-family="'Courier New', monospace" font-size="15" fill="#6df08a">LINE 4</text>
  <circle cx="1094" cy="664" r="10" fill="#ff5147"/><circle cx="1130" cy="664" r="10" fill="#3b3b44"/><circle cx="1166" cy="664" r="10" fill="#3b3b44"/>`;
  return scene('KVRN booth, 3 a.m.', defs, body);
}

function archive() {
  const rand = rng(21);
  const palette = ['#c9b48a', '#8b6b4a', '#a65e4a', '#5d6f73', '#d8cdb4', '#7a6a8a', '#b89a5c'];
  let shelves = '';
  for (const [x0, x1] of [[30, 420], [860, 1250]]) {
    shelves += `<rect x="${x0 - 14}" y="60" width="${x1 - x0 + 28}" height="600" fill="#2e2118" stroke="#140d08" stroke-width="5"/>`;
    for (let row = 0; row < 5; row++) {
      const base = 170 + row * 112;
      let x = x0;
      while (x < x1 - 20) {
        const w = 18 + Math.floor(rand() * 22);
        const h = 62 + Math.floor(rand() * 34);
        const c = palette[Math.floor(rand() * palette.length)];
        const tilt = rand() < 0.08 ? ` transform="rotate(${rand() < 0.5 ? -8 : 8} ${x + w / 2} ${base})"` : '';
        shelves += `<rect x="${x}" y="${base - h}" width="${w - 2}" height="${h}" fill="${c}" stroke="#1a120c" stroke-width="1.5"${tilt}/>`;
        if (rand() < 0.5) shelves += `<rect x="${x + 3}" y="${base - h + 10}" width="${w - 8}" height="8" fill="#f4ecd6" opacity="0.7"/>`;
        x += w;
      }
      shelves += `<rect x="${x0 - 14}" y="${base}" width="${x1 - x0 + 28}" height="12" fill="#4a3424" stroke="#140d08" stroke-width="3"/>`;
    }
  }
  const reel = (cx, cy) => `<circle cx="${cx}" cy="${cy}" r="62" fill="#6a5a48" stroke="#1a120c" stroke-width="4"/>
    <circle cx="${cx}" cy="${cy}" r="44" fill="#3a2a1e"/>
    <circle cx="${cx}" cy="${cy}" r="16" fill="#c9c2b5" stroke="#1a120c" stroke-width="3"/>
    ${[0, 120, 240].map((a) => `<circle cx="${r1(cx + 32 * Math.cos((a * Math.PI) / 180))}" cy="${r1(cy + 32 * Math.sin((a * Math.PI) / 180))}" r="11" fill="#c9c2b5"/>`).join('')}`;
  const defs = [
    linear('wall', [[0, '#241a14'], [1, '#3b2a1f']]),
    linear('cone', [[0, '#ffe2a0', 0.55], [1, '#ffe2a0', 0]]),
    radial('bulb', [[0, '#fff3cf', 1], [0.3, '#ffd88a', 0.6], [1, '#ffb347', 0]]),
  ].join('');
  const body = `
  <rect width="1280" height="720" fill="url(#wall)"/>
  <rect x="0" y="640" width="1280" height="80" fill="#1b130e"/>
  ${shelves}
  <path d="M 640 0 L 640 92" stroke="#111" stroke-width="3"/>
  <polygon points="620,110 660,110 980,700 300,700" fill="url(#cone)"/>
  <circle cx="640" cy="110" r="90" fill="url(#bulb)"/>
  <path d="M 628 92 h 24 v 10 h -24 Z" fill="#3a3a3a"/><circle cx="640" cy="112" r="14" fill="#fff6d8"/>
  <rect x="460" y="500" width="360" height="24" fill="#5a4030" stroke="#140d08" stroke-width="4"/>
  <path d="M 480 524 V 680 M 800 524 V 680" stroke="#3a2a1e" stroke-width="14"/>
  <rect x="500" y="336" width="280" height="164" rx="10" fill="#8a8378" stroke="#1a120c" stroke-width="5"/>
  ${reel(570, 400)}
  ${reel(710, 400)}
  <path d="M 570 462 L 640 482 L 710 462" fill="none" stroke="#2a1c12" stroke-width="3"/>
  <rect x="600" y="470" width="80" height="22" rx="4" fill="#3b3730"/>
  <circle cx="610" cy="481" r="5" fill="#5ee07a"/>
  <rect x="360" y="470" width="96" height="30" fill="#d9c7a0" stroke="#1a120c" stroke-width="3" transform="rotate(-6 408 485)"/>
  <text x="408" y="491" text-anchor="middle" font-family="'Courier New', monospace" font-size="11" fill="#6a1f1f" transform="rotate(-6 408 485)">DO NOT ERASE</text>
  <path d="M 1040 700 L 1060 620 L 1120 620 L 1140 700 Z" fill="#8a4b32" stroke="#1a120c" stroke-width="4"/>
  <path d="M 1090 620 Q 1060 560 1010 560 M 1090 620 Q 1100 540 1150 520 M 1090 620 Q 1080 580 1060 530 M 1090 620 Q 1130 590 1170 600" fill="none" stroke="#7a6a3a" stroke-width="5" stroke-linecap="round"/>
  ${stars(33, 40, { x0: 420, x1: 860, y0: 160, y1: 640, color: '#ffe9b8' })}`;
  return scene('The KVRN archive', defs, body);
}

function parkingLot() {
  const defs = [
    linear('sky', [[0, '#070b16'], [0.6, '#111d38'], [1, '#1d2b4a']]),
    linear('asphalt', [[0, '#1b2230'], [1, '#0b0e15']]),
    linear('lampcone', [[0, '#ffe6a8', 0.45], [1, '#ffe6a8', 0]]),
    RED_GLOW,
    WARM_GLOW,
  ].join('');
  const body = `
  <rect width="1280" height="720" fill="url(#sky)"/>
  ${stars(41, 50, { y1: 200 })}
  <path d="M 0 420 L 180 330 L 320 360 L 520 250 L 660 190 L 780 230 L 900 300 L 1060 280 L 1280 360 L 1280 470 L 0 470 Z" fill="#0d1426"/>
  <path d="M 0 450 L 240 400 L 480 420 L 760 380 L 1000 410 L 1280 390 L 1280 480 L 0 480 Z" fill="#0a0f1d"/>
  <path d="M 560 300 L 600 270 L 580 250 L 630 222 L 610 206 L 650 196" fill="none" stroke="#1d2740" stroke-width="3" stroke-dasharray="6 5"/>
  ${tower(660, 196, 120, '#1b2540')}
  <rect x="672" y="182" width="14" height="11" fill="#ffd873"/>
  <circle cx="679" cy="188" r="16" fill="url(#warmglow)"/>
  <rect x="0" y="470" width="1280" height="250" fill="url(#asphalt)"/>
  <rect x="0" y="330" width="420" height="160" fill="#2a2a36" stroke="#0d0d12" stroke-width="4"/>
  <rect x="0" y="318" width="440" height="16" fill="#1b1b24"/>
  <rect x="60" y="370" width="150" height="80" fill="#f3b45a"/>
  <rect x="60" y="370" width="150" height="80" fill="none" stroke="#0d0d12" stroke-width="6"/>
  <path d="M 135 370 V 450" stroke="#0d0d12" stroke-width="4"/>
  <ellipse cx="135" cy="500" rx="120" ry="18" fill="#f3b45a" opacity="0.18"/>
  <rect x="280" y="380" width="70" height="110" fill="#191922" stroke="#0d0d12" stroke-width="4"/>
  <rect x="300" y="360" width="30" height="10" fill="#ffe3a0"/>
  <text x="210" y="304" text-anchor="middle" font-family="Impact, 'Arial Black', sans-serif" font-size="46" letter-spacing="4" fill="#ff5a4a" stroke="#5a1010" stroke-width="2">KVRN 88.3</text>
  <ellipse cx="210" cy="290" rx="170" ry="40" fill="#ff3b30" opacity="0.12"/>
  <path d="M 1000 720 L 1000 300" stroke="#20222b" stroke-width="12"/>
  <path d="M 1000 300 Q 1000 270 960 270 L 930 270" fill="none" stroke="#20222b" stroke-width="10"/>
  <path d="M 900 264 h 60 l -8 16 h -44 Z" fill="#2c2f3a"/>
  <polygon points="912,280 948,280 1120,720 740,720" fill="url(#lampcone)"/>
  ${[520, 700, 880, 1060, 1240].map((x) => `<path d="M ${x} 520 L ${x - 60} 720" stroke="#c9c9c0" stroke-width="5" opacity="0.35"/>`).join('')}
  <ellipse cx="930" cy="640" rx="130" ry="16" fill="#ffe6a8" opacity="0.25"/>
  <ellipse cx="135" cy="600" rx="90" ry="10" fill="#f3b45a" opacity="0.2"/>
  <ellipse cx="660" cy="680" rx="80" ry="8" fill="#ff5a4a" opacity="0.15"/>
  ${car(640, 520, 0.9, '#1c2230', { lightbar: true, star: true })}
  ${rain(17, 260, { color: '#a9bfd9', opacity: 0.3 })}`;
  return scene('The KVRN parking lot in the rain', defs, body);
}

function ridgeRoad() {
  const rand = rng(55);
  let trees = '';
  for (let i = 0; i < 26; i++) {
    const x = rand() * 1280;
    const y = 300 + rand() * 80;
    trees += pine(r1(x), r1(y), r1(60 + rand() * 70), '#060a14');
  }
  let near = '';
  for (const [x, h] of [[40, 460], [170, 380], [1120, 420], [1240, 520], [1010, 300]]) near += pine(x, 720, h, '#03050b');
  const defs = [
    linear('sky', [[0, '#050914'], [1, '#152346']]),
    linear('beam', [[0, '#fff2c6', 0], [1, '#fff2c6', 0.55]]),
    RED_GLOW,
  ].join('');
  const body = `
  <rect width="1280" height="720" fill="url(#sky)"/>
  ${stars(57, 70, { y1: 260 })}
  <path d="M 0 300 L 300 200 L 520 140 L 700 110 L 900 170 L 1280 260 L 1280 420 L 0 420 Z" fill="#0b1328"/>
  ${tower(760, 112, 110, '#131c34')}
  ${trees}
  <path d="M 0 420 L 1280 380 L 1280 720 L 0 720 Z" fill="#0a0f1c"/>
  ${lights(58, 60, { x0: 40, x1: 460, y0: 560, y1: 690 })}
  <path d="M 80 560 Q 250 530 460 570 L 460 700 L 40 700 Z" fill="#0d1426" opacity="0.55"/>
  <path d="M 828 472 C 700 446 640 424 716 394 C 812 360 860 338 762 304 C 708 284 716 254 762 232 C 790 218 760 160 760 128" fill="none" stroke="#1f2838" stroke-width="9" stroke-linecap="round" stroke-linejoin="round"/>
  <path d="M 360 720 C 520 612 760 560 806 470 L 852 470 C 862 560 900 640 1100 720 Z" fill="#1e2636"/>
  <path d="M 730 720 C 760 640 820 560 829 472" fill="none" stroke="#d8d2a8" stroke-width="5" stroke-dasharray="34 26" opacity="0.55"/>
  <polygon points="470,720 700,720 838,476 812,476" fill="url(#beam)" opacity="0.85"/>
  <polygon points="760,720 990,720 850,476 826,476" fill="url(#beam)" opacity="0.7"/>
  <path d="M 760 300 l 8 -3 l 8 3" stroke="#ffd873" stroke-width="3" fill="none"/>
  ${near}`;
  return scene('The switchbacks up Corrigan Ridge', defs, body);
}

function shackExterior() {
  let corrugation = '';
  for (let x = 470; x <= 870; x += 14) corrugation += `M ${x} 420 V 600 `;
  const defs = [
    linear('sky', [[0, '#05080f'], [1, '#1a2544']]),
    linear('mud', [[0, '#1c1a18'], [1, '#0d0b0a']]),
    linear('spill', [[0, '#ffd26e', 0.5], [1, '#ffd26e', 0]]),
    RED_GLOW,
    WARM_GLOW,
  ].join('');
  const body = `
  <rect width="1280" height="720" fill="url(#sky)"/>
  ${stars(61, 40, { y1: 220 })}
  <path d="M 0 520 L 300 470 L 700 500 L 1000 460 L 1280 500 L 1280 720 L 0 720 Z" fill="url(#mud)"/>
  ${tower(960, 600, 560, '#1c2338')}
  <path d="M 440 430 L 900 430 L 880 390 L 460 390 Z" fill="#4a4f58" stroke="#0b0c10" stroke-width="5"/>
  <rect x="460" y="420" width="420" height="180" fill="#6a6f78" stroke="#0b0c10" stroke-width="5"/>
  <path d="${corrugation}" stroke="#555a63" stroke-width="3"/>
  <rect x="720" y="460" width="110" height="80" fill="#ffd26e" stroke="#0b0c10" stroke-width="6"/>
  <path d="M 775 460 V 540 M 720 500 H 830" stroke="#0b0c10" stroke-width="4"/>
  <circle cx="775" cy="500" r="120" fill="url(#warmglow)" opacity="0.8"/>
  <rect x="530" y="470" width="90" height="130" fill="#2c2f36" stroke="#0b0c10" stroke-width="5"/>
  <path d="M 620 470 L 632 476 L 632 600 L 620 600 Z" fill="#ffd26e"/>
  <polygon points="620,600 632,600 700,720 600,720" fill="url(#spill)"/>
  <text x="575" y="500" text-anchor="middle" font-family="'Courier New', monospace" font-size="11" fill="#c9c2b5">KVRN</text>
  <text x="575" y="514" text-anchor="middle" font-family="'Courier New', monospace" font-size="11" fill="#c9c2b5">NO ENTRY</text>
  ${car(250, 640, 1.3, '#d9d4c7', { lightbar: true, star: true, glow: false })}
  <path d="M 150 600 L 355 600" stroke="#111" stroke-width="3" opacity="0.2"/>
  ${rain(63, 240, { color: '#9fb5d6', opacity: 0.28 })}`;
  return scene('The transmitter shack on Corrigan Ridge', defs, body);
}

function shackInterior() {
  const rand = rng(77);
  let racks = '';
  for (const x of [40, 210]) {
    racks += `<rect x="${x}" y="120" width="150" height="520" fill="#22272c" stroke="#0a0c0e" stroke-width="5"/>`;
    for (let y = 140; y < 620; y += 46) {
      racks += `<rect x="${x + 10}" y="${y}" width="130" height="38" fill="#2f363d" stroke="#0a0c0e" stroke-width="2"/>`;
      for (let i = 0; i < 6; i++) {
        const c = ['#ff5a4a', '#5ee07a', '#f2b63c', '#3b3b44'][Math.floor(rand() * 4)];
        racks += `<circle cx="${x + 22 + i * 12}" cy="${y + 12}" r="3.5" fill="${c}"/>`;
      }
      if (rand() < 0.45) {
        racks += `<rect x="${x + 96}" y="${y + 6}" width="36" height="26" rx="3" fill="#e8dcb8"/><path d="M ${x + 100} ${y + 28} L ${r1(x + 114 + rand() * 12)} ${y + 12}" stroke="#b22" stroke-width="2"/>`;
      }
    }
  }
  const defs = [
    linear('wall', [[0, '#1f2a27'], [1, '#2c3833']]),
    linear('floor', [[0, '#2a241d'], [1, '#15110d']]),
    linear('night', [[0, '#050810'], [1, '#121c33']]),
    radial('bulb', [[0, '#fff1c4', 0.9], [0.4, '#ffcc6a', 0.35], [1, '#ffb347', 0]]),
    RED_GLOW,
  ].join('');
  const body = `
  <rect width="1280" height="720" fill="url(#wall)"/>
  <path d="M 0 620 L 1280 620 L 1280 720 L 0 720 Z" fill="url(#floor)"/>
  ${racks}
  <rect x="840" y="150" width="220" height="170" fill="url(#night)" stroke="#0a0c0e" stroke-width="10"/>
  ${tower(950, 330, 150, '#1b2338')}
  ${rain(79, 40, { x0: 845, x1: 1055, y0: 155, y1: 315, opacity: 0.4, len: 14 })}
  <path d="M 950 150 V 320 M 840 235 H 1060" stroke="#0a0c0e" stroke-width="5"/>
  <path d="M 640 0 V 110" stroke="#111" stroke-width="3"/>
  <circle cx="640" cy="130" r="170" fill="url(#bulb)"/>
  <circle cx="640" cy="124" r="14" fill="#fff6d8"/>
  <rect x="470" y="470" width="320" height="20" fill="#5a4532" stroke="#140d08" stroke-width="4"/>
  <path d="M 490 490 V 640 M 770 490 V 640" stroke="#3a2c20" stroke-width="12"/>
  <rect x="530" y="410" width="150" height="60" fill="#c9b48a" stroke="#1a120c" stroke-width="4"/>
  <path d="M 526 410 L 540 392 L 690 392 L 684 410 Z" fill="#b49e72" stroke="#1a120c" stroke-width="4"/>
  ${[560, 600, 640].map((x) => `<circle cx="${x}" cy="404" r="16" fill="#4a3a2c" stroke="#1a120c" stroke-width="2"/><circle cx="${x}" cy="404" r="5" fill="#c9c2b5"/>`).join('')}
  <rect x="708" y="424" width="26" height="46" rx="6" fill="#7a8a94" stroke="#1a120c" stroke-width="3"/>
  <path d="M 900 560 L 1240 560 L 1240 610 L 900 610 Z" fill="#4b5a3e" stroke="#0e120a" stroke-width="4"/>
  <path d="M 910 610 V 650 M 1230 610 V 650" stroke="#2a2a2a" stroke-width="8"/>
  <path d="M 920 560 Q 1000 530 1090 556 Q 1160 530 1230 560" fill="#6b7a5a" stroke="#0e120a" stroke-width="3"/>
  <path d="M 360 640 C 420 600 420 700 520 660 S 640 700 700 650" fill="none" stroke="#0e0e10" stroke-width="7"/>
  <path d="M 360 652 C 440 630 460 710 560 690" fill="none" stroke="#2a1414" stroke-width="5"/>`;
  return scene('Inside the transmitter shack', defs, body);
}

function ridgeDawn() {
  const defs = [
    linear('sky', [[0, '#2b2352'], [0.45, '#8c4f7a'], [0.75, '#f08a5d'], [1, '#ffd08a']]),
    radial('sun', [[0, '#fff4d0', 1], [0.25, '#ffd27a', 0.8], [1, '#ff9a5a', 0]]),
    linear('mist', [[0, '#ffd6b0', 0], [1, '#ffd6b0', 0.45]]),
    RED_GLOW,
  ].join('');
  const body = `
  <rect width="1280" height="720" fill="url(#sky)"/>
  <circle cx="820" cy="400" r="260" fill="url(#sun)"/>
  <circle cx="820" cy="400" r="54" fill="#fff1c9"/>
  <path d="M 0 390 L 160 340 L 320 370 L 500 320 L 700 360 L 860 330 L 1040 370 L 1280 330 L 1280 720 L 0 720 Z" fill="#7a4a74"/>
  <path d="M 0 440 L 200 400 L 420 430 L 640 396 L 860 430 L 1080 410 L 1280 440 L 1280 720 L 0 720 Z" fill="#5a3560"/>
  <rect x="0" y="420" width="1280" height="120" fill="url(#mist)"/>
  <path d="M 0 500 L 300 470 L 560 500 L 1280 520 L 1280 720 L 0 720 Z" fill="#3a2246"/>
  ${lights(81, 30, { x0: 380, x1: 1100, y0: 470, y1: 510, colors: ['#ffe6b0'] })}
  <path d="M 0 560 L 240 520 L 520 560 L 760 600 L 1280 640 L 1280 720 L 0 720 Z" fill="#1b1024"/>
  ${tower(250, 540, 430, '#140a1a', true)}
  <path d="M 330 560 L 330 510 L 470 500 L 470 580 Z" fill="#140a1a"/>
  <rect x="432" y="522" width="24" height="18" fill="#ffcf7a" opacity="0.7"/>
  ${car(700, 610, 0.8, '#140a1a', { lightbar: true })}
  ${pine(1100, 700, 260, '#0f0816')}${pine(1210, 720, 330, '#0f0816')}`;
  return scene('Sunrise over Corrigan Ridge', defs, body);
}

function deadAirCover() {
  const defs = [
    linear('sky', [[0, '#05070e'], [0.7, '#141d38'], [1, '#2a1020']]),
    radial('big', [[0, '#ff4a3d', 0.7], [0.35, '#ff3b30', 0.2], [1, '#ff3b30', 0]]),
    RED_GLOW,
    WARM_GLOW,
  ].join('');
  let wave = 'M 0 470';
  for (let x = 0; x <= 620; x += 10) wave += ` L ${x} ${r1(470 + Math.sin(x / 9) * (40 * Math.max(0, 1 - x / 620)) * Math.sin(x / 37))}`;
  wave += ' L 1280 470';
  const body = `
  <rect width="1280" height="720" fill="url(#sky)"/>
  ${stars(91, 80, { y1: 380 })}
  <circle cx="930" cy="120" r="260" fill="url(#big)"/>
  <path d="M 620 720 L 760 560 L 860 420 L 930 380 L 1000 420 L 1120 560 L 1280 640 L 1280 720 Z" fill="#070a14"/>
  ${tower(930, 400, 290, '#34406a')}
  <rect x="898" y="392" width="20" height="14" fill="#ffd873"/>
  <circle cx="908" cy="399" r="26" fill="url(#warmglow)"/>
  <path d="${wave}" fill="none" stroke="#ff5a4a" stroke-width="5" stroke-linejoin="round"/>
  <path d="${wave}" fill="none" stroke="#ff5a4a" stroke-width="16" opacity="0.18"/>
  <text x="84" y="300" font-family="Impact, 'Arial Black', sans-serif" font-weight="bold" font-size="168" letter-spacing="8" fill="#f4ecd6">DEAD AIR</text>
  <text x="96" y="370" font-family="'Courier New', monospace" font-size="30" letter-spacing="6" fill="#ff7a6a">KVRN 88.3  ·  LINE 4  ·  3:07 A.M.</text>
  <rect x="96" y="560" width="220" height="70" rx="10" fill="#1e1d24" stroke="#0a0a0e" stroke-width="4"/>
  <circle cx="136" cy="595" r="16" fill="#ff5147"/><circle cx="136" cy="595" r="30" fill="url(#redglow)"/>
  <text x="170" y="606" font-family="'Courier New', monospace" font-size="28" fill="#6df08a">LINE 4</text>
  ${rain(93, 120, { color: '#9fb5d6', opacity: 0.18 })}`;
  return scene('Dead Air', defs, body);
}

// ---------------------------------------------------------------- Petal & Thorn backgrounds

// A tide peony: white petals blushing at the heart, every petal edged in blue.
function peony(cx, cy, r, { edge = '#6f9fd8', outer = '#fbf6f2', inner = '#f6c9cf', heart = '#f09aa8' } = {}) {
  let out = '';
  const ring = (n, rad, pw, ph, fill, stroke, rot) => {
    for (let i = 0; i < n; i++) {
      const a = (360 / n) * i + rot;
      out += `<ellipse cx="${r1(cx)}" cy="${r1(cy - rad)}" rx="${r1(pw)}" ry="${r1(ph)}" fill="${fill}" stroke="${stroke}" stroke-width="${r1(Math.max(1, r * 0.05))}" transform="rotate(${r1(a)} ${r1(cx)} ${r1(cy)})"/>`;
    }
  };
  ring(9, r * 0.55, r * 0.42, r * 0.5, outer, edge, 0);
  ring(7, r * 0.34, r * 0.34, r * 0.4, outer, edge, 20);
  ring(6, r * 0.18, r * 0.26, r * 0.3, inner, '#e7a9b3', 10);
  out += `<circle cx="${r1(cx)}" cy="${r1(cy)}" r="${r1(r * 0.16)}" fill="${heart}"/>`;
  return out;
}

function bloomCluster(seed, x0, x1, y0, y1, count, colors) {
  const rand = rng(seed);
  let out = '';
  for (let i = 0; i < count; i++) {
    const x = x0 + rand() * (x1 - x0);
    const y = y0 + rand() * (y1 - y0);
    const r = 7 + rand() * 9;
    const c = colors[Math.floor(rand() * colors.length)];
    out += `<circle cx="${r1(x)}" cy="${r1(y)}" r="${r1(r)}" fill="${c}" stroke="#3a2a2a" stroke-width="1.2"/><circle cx="${r1(x)}" cy="${r1(y)}" r="${r1(r * 0.35)}" fill="#000" opacity="0.15"/>`;
  }
  return out;
}

function bucket(x, y, w, h, seed, colors) {
  return `<path d="M ${x - w * 0.3} ${y - h * 0.05} L ${x + w * 0.3} ${y - h * 0.05}" stroke="#4a6b3a" stroke-width="3"/>
  ${bloomCluster(seed, x - w * 0.55, x + w * 0.55, y - h * 0.9, y - h * 0.25, 14, colors)}
  <path d="M ${x - w / 2} ${y - h * 0.25} L ${x + w / 2} ${y - h * 0.25} L ${x + w * 0.4} ${y} L ${x - w * 0.4} ${y} Z" fill="#9aa3a8" stroke="#2a2a2a" stroke-width="3"/>
  <path d="M ${x - w * 0.46} ${y - h * 0.17} L ${x + w * 0.46} ${y - h * 0.17}" stroke="#c9d0d4" stroke-width="2"/>`;
}

function shopfront(x, w, facade, trim, awningA, awningB, sign, windowContent) {
  let stripes = '';
  const n = 8;
  for (let i = 0; i < n; i++) {
    const sx = x + (w / n) * i;
    stripes += `<path d="M ${r1(sx)} 330 L ${r1(sx + w / n)} 330 L ${r1(sx + w / n + 6)} 390 L ${r1(sx + 6)} 390 Z" fill="${i % 2 === 0 ? awningA : awningB}"/>`;
    stripes += `<path d="M ${r1(sx + 6)} 390 q ${r1(w / n / 2)} 18 ${r1(w / n)} 0" fill="${i % 2 === 0 ? awningA : awningB}"/>`;
  }
  return `<rect x="${x}" y="120" width="${w}" height="480" fill="${facade}" stroke="#2a1f1a" stroke-width="4"/>
  <rect x="${x + 30}" y="150" width="${w - 60}" height="70" fill="${trim}" stroke="#2a1f1a" stroke-width="3"/>
  <text x="${x + w / 2}" y="198" text-anchor="middle" font-family="Georgia, 'Times New Roman', serif" font-style="italic" font-size="36" fill="#f7eedc">${sign}</text>
  <rect x="${x + 40}" y="240" width="${w * 0.3}" height="70" fill="#f5d79b" stroke="#2a1f1a" stroke-width="3"/>
  <rect x="${x + w * 0.62}" y="240" width="${w * 0.3}" height="70" fill="#f5d79b" stroke="#2a1f1a" stroke-width="3"/>
  ${stripes}
  <rect x="${x + 30}" y="410" width="${w * 0.55}" height="170" fill="#fbe3b0" stroke="#2a1f1a" stroke-width="5"/>
  ${windowContent}
  <rect x="${x + w * 0.68}" y="410" width="${w * 0.24}" height="190" fill="${trim}" stroke="#2a1f1a" stroke-width="5"/>
  <rect x="${x + w * 0.7}" y="424" width="${w * 0.2}" height="80" fill="#fbe3b0" stroke="#2a1f1a" stroke-width="3"/>
  <circle cx="${x + w * 0.88}" cy="520" r="5" fill="#e6c35a"/>`;
}

function street() {
  const defs = [
    linear('sky', [[0, '#7d7fb8'], [0.45, '#e8a3a0'], [0.8, '#f7c88e'], [1, '#fbe0a6']]),
    linear('sea', [[0, '#6d8fb8'], [1, '#3f5f8a']]),
    radial('sun', [[0, '#fff3cf', 1], [0.3, '#ffd58a', 0.6], [1, '#ffb56a', 0]]),
    linear('cobble', [[0, '#9b8a80'], [1, '#6b5c55']]),
  ].join('');
  const shopWindow = `${bucket(110, 575, 70, 150, 3, ['#f4a6b8', '#fbf6f2', '#e05a6a', '#f7d36b'])}${bucket(200, 575, 70, 140, 4, ['#c8a2d6', '#fbf6f2', '#8fb8e8'])}${bucket(290, 575, 70, 150, 5, ['#f28c6a', '#f7d36b', '#fbf6f2'])}`;
  const bakeryWindow = [0, 1, 2].map((i) => `<rect x="${830 + i * 90}" y="${470 + (i % 2) * 30}" width="70" height="8" fill="#8a5a30"/><ellipse cx="${865 + i * 90}" cy="${458 + (i % 2) * 30}" rx="32" ry="14" fill="#d99a4e" stroke="#6a3f1a" stroke-width="2"/><path d="M ${848 + i * 90} ${452 + (i % 2) * 30} l 8 10 m 6 -12 l 8 10 m 6 -12 l 8 10" stroke="#f4d7a0" stroke-width="2"/>`).join('');
  const body = `
  <rect width="1280" height="720" fill="url(#sky)"/>
  <circle cx="640" cy="320" r="200" fill="url(#sun)"/>
  <rect x="500" y="330" width="280" height="200" fill="url(#sea)"/>
  <path d="M 560 360 h 60 M 660 380 h 80 M 540 410 h 50 M 620 440 h 90" stroke="#ffe2b0" stroke-width="3" opacity="0.7"/>
  <path d="M 600 350 l 16 0 l -6 -22 Z M 596 352 h 24 l -4 6 h -16 Z" fill="#f4ecd6"/>
  <path d="M 440 180 q 12 -10 24 0 q 12 -10 24 0 M 800 140 q 10 -8 20 0 q 10 -8 20 0 M 720 90 q 8 -6 16 0 q 8 -6 16 0" fill="none" stroke="#4a3a4a" stroke-width="3" stroke-linecap="round"/>
  ${shopfront(20, 480, '#2f5a43', '#234432', '#f4efe4', '#3f7a55', 'Petal &amp; Thorn', shopWindow)}
  ${shopfront(780, 480, '#e8c56a', '#b48a2e', '#fff6dc', '#e0a341', 'Vega Bakery', bakeryWindow)}
  <rect x="500" y="520" width="280" height="80" fill="#8d7a70"/>
  <path d="M 0 600 L 1280 600 L 1280 720 L 0 720 Z" fill="url(#cobble)"/>
  ${[0, 1, 2, 3].map((row) => Array.from({ length: 17 }, (_, i) => `<rect x="${i * 80 + (row % 2) * 40 - 40}" y="${604 + row * 30}" width="74" height="24" rx="8" fill="#a8978c" opacity="0.5"/>`).join('')).join('')}
  ${bucket(90, 660, 90, 120, 8, ['#f4a6b8', '#fbf6f2', '#e05a6a'])}
  ${bucket(200, 664, 90, 110, 9, ['#f7d36b', '#f28c6a', '#fbf6f2'])}
  ${bucket(1190, 664, 90, 110, 10, ['#c8a2d6', '#8fb8e8', '#fbf6f2'])}
  <path d="M 640 720 L 640 520" stroke="#2a2a33" stroke-width="10"/>
  <path d="M 620 520 h 40 l -6 -40 h -28 Z" fill="#2a2a33"/><rect x="628" y="488" width="24" height="26" fill="#ffe6a0"/>`;
  return scene('Marrow Street, Port Ellery, at dusk', defs, body);
}

function shopInterior() {
  let shelves = '';
  const rows = [[360, 9, 11], [470, 8, 12], [580, 7, 13]];
  for (const [y, n, seed] of rows) {
    shelves += `<rect x="40" y="${y}" width="720" height="16" fill="#8a5a36" stroke="#3a2414" stroke-width="3"/>`;
    for (let i = 0; i < n; i++) {
      const x = 80 + i * (680 / n);
      const palettes = [['#f4a6b8', '#fbf6f2'], ['#f7d36b', '#f28c6a'], ['#c8a2d6', '#8fb8e8'], ['#e05a6a', '#f4a6b8'], ['#fbf6f2', '#cfe3b0']];
      shelves += bucket(r1(x), y, 60, 110, seed * 10 + i, palettes[(i + seed) % palettes.length]);
    }
  }
  let vines = '';
  for (const [x, len] of [[140, 120], [420, 90], [980, 150], [1180, 110]]) {
    vines += `<path d="M ${x} 0 V 40" stroke="#3a2414" stroke-width="2"/><path d="M ${x - 30} 40 h 60 l -8 30 h -44 Z" fill="#b8643a" stroke="#3a2414" stroke-width="3"/>`;
    for (let k = 0; k < 3; k++) {
      const sx = x - 20 + k * 20;
      vines += `<path d="M ${sx} 66 q ${k === 1 ? 4 : -8} ${len / 2} ${k === 1 ? 0 : -4} ${len}" fill="none" stroke="#4f8a4a" stroke-width="3"/>`;
      for (let j = 1; j < 6; j++) vines += `<ellipse cx="${sx + (j % 2 ? 6 : -6)}" cy="${66 + (len / 6) * j}" rx="8" ry="4" fill="#5fa25a" transform="rotate(${j % 2 ? 30 : -30} ${sx} ${66 + (len / 6) * j})"/>`;
    }
  }
  const defs = [
    linear('wall', [[0, '#a9c2a4'], [1, '#8aa887']]),
    linear('light', [[0, '#fff4d6', 0.7], [1, '#fff4d6', 0]], 1, 0.6),
    linear('floor', [[0, '#8a6a4a'], [1, '#5a4030']]),
  ].join('');
  const body = `
  <rect width="1280" height="720" fill="url(#wall)"/>
  <rect x="0" y="640" width="1280" height="80" fill="url(#floor)"/>
  <path d="M 0 660 H 1280 M 0 690 H 1280" stroke="#4a3424" stroke-width="2" opacity="0.5"/>
  <rect x="820" y="120" width="200" height="460" fill="#c4ccd0" stroke="#2a2a2a" stroke-width="5"/>
  <rect x="840" y="140" width="160" height="240" fill="#dfe6ea" stroke="#2a2a2a" stroke-width="3"/>
  <rect x="990" y="340" width="16" height="70" rx="6" fill="#6b7278"/>
  <rect x="846" y="420" width="148" height="44" fill="#fff8e6" stroke="#2a2a2a" stroke-width="2"/>
  <text x="920" y="438" text-anchor="middle" font-family="'Courier New', monospace" font-size="14" fill="#2a2a2a">COLD ROOM</text>
  <text x="920" y="456" text-anchor="middle" font-family="'Courier New', monospace" font-size="12" fill="#a33">BE NICE TO IT</text>
  <rect x="1060" y="110" width="190" height="490" fill="#6b4a30" stroke="#2a1f1a" stroke-width="5"/>
  <rect x="1080" y="130" width="150" height="260" fill="#f7e8c0" stroke="#2a1f1a" stroke-width="3"/>
  <path d="M 1155 130 V 390 M 1080 260 H 1230" stroke="#6b4a30" stroke-width="5"/>
  <path d="M 1155 100 v -10" stroke="#2a1f1a" stroke-width="3"/>
  <path d="M 1140 100 q 15 -24 30 0 z" fill="#e6c35a" stroke="#2a1f1a" stroke-width="2"/>
  <circle cx="1155" cy="104" r="4" fill="#e6c35a"/>
  <polygon points="1080,130 1230,130 900,720 560,720" fill="url(#light)" opacity="0.45"/>
  ${shelves}
  ${vines}
  <rect x="280" y="600" width="720" height="30" fill="#7a4e2e" stroke="#2a1f1a" stroke-width="4"/>
  <rect x="300" y="630" width="680" height="90" fill="#5e3c22" stroke="#2a1f1a" stroke-width="4"/>
  ${[0, 1, 2, 3, 4, 5, 6].map((i) => `<path d="M ${420 + i * 14} 600 L ${460 + i * 12} 560" stroke="#3f6b3a" stroke-width="3"/><circle cx="${460 + i * 12}" cy="${556}" r="9" fill="#c0304a" stroke="#5a1020" stroke-width="2"/>`).join('')}
  <path d="M 700 598 l 60 -30 m -60 30 l 62 -20" stroke="#8a9aa3" stroke-width="6" stroke-linecap="round"/>
  <circle cx="696" cy="592" r="8" fill="none" stroke="#c04b4b" stroke-width="4"/><circle cx="690" cy="606" r="8" fill="none" stroke="#c04b4b" stroke-width="4"/>
  <ellipse cx="840" cy="594" rx="30" ry="12" fill="#c9a86a" stroke="#2a1f1a" stroke-width="2"/>
  <path d="M 820 592 q 20 -10 40 0" stroke="#8a6a3a" stroke-width="2" fill="none"/>`;
  return scene('Inside Petal & Thorn', defs, body);
}

function greenhouse() {
  let panes = '';
  for (let x = 0; x <= 1280; x += 160) panes += `M ${x} 0 V 720 `;
  for (let y = 120; y <= 480; y += 120) panes += `M 0 ${y} H 1280 `;
  let rows = '';
  const rand = rng(101);
  for (const [y, n, r] of [[470, 9, 30], [560, 8, 40], [680, 6, 56]]) {
    rows += `<rect x="0" y="${y + r * 0.6}" width="1280" height="${r * 1.6}" fill="#3a2e26"/>`;
    for (let i = 0; i < n; i++) {
      const x = (1280 / n) * (i + 0.5) + (rand() - 0.5) * 30;
      rows += `<path d="M ${r1(x)} ${y + r} q -10 -${r} 0 -${r}" stroke="#2f5a3a" stroke-width="4" fill="none"/>`;
      rows += `<ellipse cx="${r1(x - r * 0.7)}" cy="${y + r * 0.7}" rx="${r * 0.6}" ry="${r * 0.22}" fill="#3f7a4a" transform="rotate(-20 ${r1(x - r * 0.7)} ${y + r * 0.7})"/>`;
      rows += `<ellipse cx="${r1(x + r * 0.7)}" cy="${y + r * 0.7}" rx="${r * 0.6}" ry="${r * 0.22}" fill="#3f7a4a" transform="rotate(20 ${r1(x + r * 0.7)} ${y + r * 0.7})"/>`;
      rows += peony(x, y, r);
    }
  }
  const defs = [
    linear('sky', [[0, '#0e1630'], [1, '#2a3a66']]),
    radial('moon', [[0, '#f6f3e6', 1], [0.2, '#f6f3e6', 0.5], [1, '#f6f3e6', 0]]),
    radial('lamp', [[0, '#ffd98a', 0.6], [0.5, '#ffb347', 0.18], [1, '#ffb347', 0]]),
  ].join('');
  const body = `
  <rect width="1280" height="720" fill="url(#sky)"/>
  ${stars(103, 60, { y1: 330 })}
  <circle cx="1020" cy="130" r="150" fill="url(#moon)"/>
  <circle cx="1020" cy="130" r="44" fill="#f6f3e6"/>
  <path d="M 0 420 Q 320 360 640 400 T 1280 390 L 1280 460 L 0 460 Z" fill="#13203a"/>
  <circle cx="300" cy="300" r="320" fill="url(#lamp)"/>
  <path d="M 300 0 V 120" stroke="#222" stroke-width="3"/><path d="M 280 120 h 40 l 10 20 h -60 Z" fill="#3a3a3a"/><circle cx="300" cy="146" r="10" fill="#fff4d0"/>
  <path d="${panes}" stroke="#cfe0da" stroke-width="6" opacity="0.35"/>
  <path d="M 0 0 Q 640 -80 1280 0" stroke="#cfe0da" stroke-width="10" fill="none" opacity="0.3"/>
  ${rain(107, 80, { color: '#dbe8f5', opacity: 0.25, len: 12 })}
  ${rows}`;
  return scene('The greenhouse on the headland, at night', defs, body);
}

function bakery() {
  let racks = '';
  for (const [x, y] of [[900, 200], [900, 300], [900, 400], [1060, 200], [1060, 300], [1060, 400]]) {
    racks += `<rect x="${x}" y="${y + 50}" width="150" height="8" fill="#6a4a30"/>`;
    for (let i = 0; i < 3; i++) racks += `<ellipse cx="${x + 28 + i * 48}" cy="${y + 36}" rx="22" ry="15" fill="${(i + y / 100) % 2 ? '#d99a4e' : '#c07a34'}" stroke="#5a3414" stroke-width="2"/><path d="M ${x + 16 + i * 48} ${y + 32} l 22 -6" stroke="#f4d7a0" stroke-width="2"/>`;
  }
  const defs = [
    linear('wall', [[0, '#f3dcb2'], [1, '#e2c08a']]),
    radial('fire', [[0, '#ffd27a', 1], [0.5, '#ff8a3a', 0.8], [1, '#c0401a', 0.6]]),
    radial('pend', [[0, '#fff0c0', 0.8], [1, '#fff0c0', 0]]),
  ].join('');
  let bricks = '';
  for (let row = 0; row < 12; row++) for (let i = 0; i < 8; i++) bricks += `<rect x="${80 + i * 50 + (row % 2) * 25}" y="${140 + row * 26}" width="46" height="22" fill="#b4603e" stroke="#7a3a22" stroke-width="2"/>`;
  const body = `
  <rect width="1280" height="720" fill="url(#wall)"/>
  <clipPath id="ovenclip"><path d="M 60 640 V 220 Q 260 80 460 220 V 640 Z"/></clipPath>
  <g clip-path="url(#ovenclip)">${bricks}</g>
  <path d="M 60 640 V 220 Q 260 80 460 220 V 640 Z" fill="none" stroke="#5a2a16" stroke-width="6"/>
  <path d="M 160 520 V 380 Q 260 300 360 380 V 520 Z" fill="url(#fire)" stroke="#3a1a0a" stroke-width="6"/>
  <rect x="140" y="520" width="240" height="24" fill="#4a2a18"/>
  <rect x="880" y="170" width="350" height="320" fill="none" stroke="#6a4a30" stroke-width="8"/>
  ${racks}
  ${[560, 760].map((x) => `<path d="M ${x} 0 V 90" stroke="#2a1f1a" stroke-width="3"/><path d="M ${x - 40} 130 Q ${x} 70 ${x + 40} 130 Z" fill="#2f5a43" stroke="#2a1f1a" stroke-width="3"/><circle cx="${x}" cy="200" r="120" fill="url(#pend)"/>`).join('')}
  <rect x="0" y="600" width="1280" height="120" fill="#c8a070"/>
  <rect x="500" y="480" width="560" height="40" fill="#8a5a36" stroke="#2a1f1a" stroke-width="4"/>
  <rect x="520" y="520" width="520" height="200" fill="#a06a40" stroke="#2a1f1a" stroke-width="4"/>
  <path d="M 560 560 h 440 M 560 620 h 440" stroke="#7a4e2e" stroke-width="3"/>
  <path d="M 620 480 q 30 -40 80 -30 q 40 10 60 30 Z" fill="#fffaf0" opacity="0.8"/>
  <path d="M 780 470 c 20 -6 60 -6 80 6" stroke="#f2a541" stroke-width="6" fill="none"/>
  ${bucket(600, 470, 70, 150, 201, ['#4f8a4a', '#6fae5f', '#3f7a4a'])}
  ${bucket(960, 470, 70, 140, 202, ['#fbf6f2', '#6f9fd8', '#f6c9cf'])}
  <path d="M 1110 640 q 40 -50 80 0 v 70 h -80 Z" fill="#efe3c8" stroke="#2a1f1a" stroke-width="3"/>
  <text x="1150" y="690" text-anchor="middle" font-family="Georgia, serif" font-size="14" fill="#8a5a36">FLOUR</text>
  <path d="M 1180 640 q 40 -40 70 0 v 70 h -70 Z" fill="#e9dcc0" stroke="#2a1f1a" stroke-width="3"/>`;
  return scene('Vega Bakery after midnight', defs, body);
}

function cliffWedding() {
  let chairs = '';
  for (const [y, s] of [[560, 0.7], [610, 0.85], [670, 1]]) {
    for (let i = 0; i < 6; i++) {
      const x = 120 + i * 110 * s + (1 - s) * 200;
      chairs += `<g transform="translate(${r1(x)} ${y}) scale(${s})"><rect x="-24" y="-60" width="48" height="8" fill="#fffaf0" stroke="#8a7a6a" stroke-width="2"/><rect x="-24" y="-40" width="48" height="8" fill="#fffaf0" stroke="#8a7a6a" stroke-width="2"/><rect x="-26" y="-10" width="52" height="10" fill="#fffaf0" stroke="#8a7a6a" stroke-width="2"/><path d="M -22 -60 V 40 M 22 -60 V 40" stroke="#fffaf0" stroke-width="5"/></g>`;
    }
  }
  let arch = '';
  for (let i = 0; i <= 24; i++) {
    const t = (Math.PI * i) / 24;
    const x = 960 - Math.cos(t) * 170;
    const y = 560 - Math.sin(t) * 300;
    arch += i % 3 === 0 ? peony(x, y, 26) : bloomCluster(300 + i, x - 22, x + 22, y - 22, y + 22, 3, ['#fbf6f2', '#f6c9cf', '#cfe3b0']);
  }
  const defs = [
    linear('sky', [[0, '#f2b5a0'], [0.5, '#f7cf94'], [1, '#fbe6b8']]),
    radial('sun', [[0, '#fff6d8', 1], [0.3, '#ffe0a0', 0.7], [1, '#ffc070', 0]]),
    linear('sea', [[0, '#8fb0c8'], [1, '#4f7a9a']]),
    linear('grass', [[0, '#8fae5a'], [1, '#5e7e3a']]),
  ].join('');
  const body = `
  <rect width="1280" height="720" fill="url(#sky)"/>
  <circle cx="300" cy="360" r="260" fill="url(#sun)"/>
  <circle cx="300" cy="360" r="48" fill="#fff6d8"/>
  <rect x="0" y="380" width="1280" height="200" fill="url(#sea)"/>
  <path d="M 200 400 h 200 M 150 430 h 280 M 230 460 h 140" stroke="#fff0c8" stroke-width="4" opacity="0.7"/>
  <path d="M 520 200 q 12 -10 24 0 q 12 -10 24 0 M 640 150 q 10 -8 20 0 q 10 -8 20 0" fill="none" stroke="#6a5a5a" stroke-width="3" stroke-linecap="round"/>
  <path d="M 0 500 Q 300 470 640 490 T 1280 470 L 1280 720 L 0 720 Z" fill="url(#grass)"/>
  <path d="M 0 500 Q 300 470 640 490 T 1280 470" fill="none" stroke="#c9b48a" stroke-width="6"/>
  <path d="M 790 560 V 260 M 1130 560 V 260" stroke="#fffaf0" stroke-width="10"/>
  ${arch}
  <path d="M 790 560 l -20 30 M 1130 560 l 20 30" stroke="#8a7a6a" stroke-width="4"/>
  <path d="M 960 720 L 900 560 L 1020 560 L 1060 720 Z" fill="#fffaf0" opacity="0.55"/>
  ${chairs}
  ${peony(880, 690, 20)}${peony(1060, 700, 24)}`;
  return scene('Gull Point, five o\'clock', defs, body);
}

function rooftop() {
  let bulbs = '';
  for (const [x0, x1, y, sag] of [[0, 640, 140, 90], [640, 1280, 120, 100]]) {
    const path = `M ${x0} ${y} Q ${(x0 + x1) / 2} ${y + sag * 2} ${x1} ${y}`;
    bulbs += `<path d="${path}" fill="none" stroke="#1a1a22" stroke-width="3"/>`;
    for (let i = 1; i < 12; i++) {
      const t = i / 12;
      const x = (1 - t) * (1 - t) * x0 + 2 * (1 - t) * t * ((x0 + x1) / 2) + t * t * x1;
      const yy = (1 - t) * (1 - t) * y + 2 * (1 - t) * t * (y + sag * 2) + t * t * y;
      bulbs += `<circle cx="${r1(x)}" cy="${r1(yy + 10)}" r="22" fill="url(#bulbglow)"/><circle cx="${r1(x)}" cy="${r1(yy + 10)}" r="6" fill="#ffe9a8"/>`;
    }
  }
  const defs = [
    linear('sky', [[0, '#0b1230'], [0.7, '#243266'], [1, '#3d4a80']]),
    linear('water', [[0, '#1a2448'], [1, '#0c1228']]),
    radial('bulbglow', [[0, '#ffe9a8', 0.7], [1, '#ffc35a', 0]]),
  ].join('');
  const body = `
  <rect width="1280" height="720" fill="url(#sky)"/>
  ${stars(401, 90, { y1: 330 })}
  <circle cx="180" cy="100" r="30" fill="#f4f0e0"/><circle cx="194" cy="92" r="28" fill="#0b1230"/>
  <path d="M 0 380 L 120 350 L 200 370 L 330 330 L 420 360 L 560 340 L 700 370 L 860 330 L 1000 360 L 1140 340 L 1280 360 L 1280 420 L 0 420 Z" fill="#141b38"/>
  ${lights(403, 70, { x0: 0, x1: 1280, y0: 350, y1: 415 })}
  <rect x="0" y="415" width="1280" height="120" fill="url(#water)"/>
  ${lights(405, 40, { x0: 0, x1: 1280, y0: 430, y1: 520, colors: ['#ffd37a'] }).replaceAll('fill="#ffd37a"', 'fill="#ffd37a" opacity="0.4"')}
  <path d="M 900 420 l 20 -60 l 20 60 Z M 880 420 h 80 l -10 14 h -60 Z" fill="#0c1228"/>
  <rect x="0" y="530" width="1280" height="190" fill="#4a3a44"/>
  <path d="M 0 530 H 1280" stroke="#2a1f28" stroke-width="10"/>
  <path d="M 0 560 H 1280 M 0 600 H 1280 M 0 650 H 1280" stroke="#3a2c36" stroke-width="3"/>
  <rect x="1060" y="380" width="90" height="160" fill="#6a4a42" stroke="#2a1f1a" stroke-width="4"/>
  <rect x="1050" y="370" width="110" height="20" fill="#5a3a34" stroke="#2a1f1a" stroke-width="4"/>
  ${bulbs}
  ${[0, 1, 2].map((i) => `<path d="M ${90 + i * 70} 640 l 10 40 h 40 l 10 -40 Z" fill="#b8643a" stroke="#2a1f1a" stroke-width="3"/>${bloomCluster(410 + i, 90 + i * 70, 150 + i * 70, 590, 636, 10, ['#9a7ad0', '#b89ae0', '#7a5ab0'])}`).join('')}
  <g transform="translate(520 600)"><path d="M 0 0 h 90 l -6 -80 M 10 0 v 70 M 80 0 v 70" fill="none" stroke="#e8dcc8" stroke-width="8" stroke-linecap="round"/><path d="M 0 -10 h 92" stroke="#e8dcc8" stroke-width="10"/></g>
  <g transform="translate(760 600) scale(-1 1)"><path d="M 0 0 h 90 l -6 -80 M 10 0 v 70 M 80 0 v 70" fill="none" stroke="#e8dcc8" stroke-width="8" stroke-linecap="round"/><path d="M 0 -10 h 92" stroke="#e8dcc8" stroke-width="10"/></g>
  <path d="M 620 640 v -30 h 40 v 30" fill="#2f5a43" stroke="#2a1f1a" stroke-width="3"/><path d="M 630 610 v -30 h 8 v 30" fill="#8a3a4a"/>`;
  return scene('The roof of Petal & Thorn, Sunday night', defs, body);
}

function petalCover() {
  let thorns = '';
  const stem = 'M 900 720 C 870 620 950 560 905 470';
  for (const [x, y, d] of [[888, 660, -1], [904, 600, 1], [922, 540, -1], [910, 500, 1]]) thorns += `<path d="M ${x} ${y} l ${d * 22} -14 l ${-d * 4} 16 Z" fill="#2f5a3a"/>`;
  const defs = [
    linear('bg', [[0, '#f7e6dc'], [0.6, '#f2cfcf'], [1, '#c9d8ea']]),
    radial('halo', [[0, '#ffffff', 0.9], [1, '#ffffff', 0]]),
  ].join('');
  const body = `
  <rect width="1280" height="720" fill="url(#bg)"/>
  <circle cx="900" cy="320" r="340" fill="url(#halo)"/>
  <path d="${stem}" fill="none" stroke="#3f6b4a" stroke-width="14" stroke-linecap="round"/>
  ${thorns}
  <path d="M 900 640 q -90 -20 -130 -90 q 80 0 130 90 Z" fill="#4f8a5a" stroke="#2f5a3a" stroke-width="3"/>
  <path d="M 912 580 q 90 -30 120 -100 q -80 10 -120 100 Z" fill="#4f8a5a" stroke="#2f5a3a" stroke-width="3"/>
  ${peony(905, 320, 190)}
  ${peony(660, 600, 56)}${peony(1160, 610, 66)}
  <text x="84" y="300" font-family="Georgia, 'Times New Roman', serif" font-style="italic" font-size="104" fill="#2f3a5a">Petal &amp;</text>
  <text x="150" y="410" font-family="Georgia, 'Times New Roman', serif" font-style="italic" font-size="104" fill="#2f3a5a">Thorn</text>
  <path d="M 90 450 H 520" stroke="#6f9fd8" stroke-width="3"/>
  <text x="90" y="494" font-family="Georgia, 'Times New Roman', serif" font-size="24" letter-spacing="7" fill="#5a4a5a">A PORT ELLERY ROMANCE</text>`;
  return scene('Petal & Thorn', defs, body);
}

// ---------------------------------------------------------------- write everything

// The shipped content folder, beside this tools/ folder.
const CONTENT = fileURLToPath(new URL('../content', import.meta.url));

function writeAsset(story, path, svg) {
  const file = join(CONTENT, story, 'assets', path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, svg);
}

function writeCast(story, cast) {
  for (const [key, character] of Object.entries(cast)) {
    for (const mood of Object.keys(character.moods)) {
      const id = `${key.toLowerCase()}-${mood}`;
      writeAsset(story, `sprites/${id}.svg`, bust(character, mood, id));
    }
  }
}

const DEAD_AIR_SCENES = {
  'cover.svg': deadAirCover,
  'bg-booth.svg': booth,
  'bg-archive.svg': archive,
  'bg-parking-lot.svg': parkingLot,
  'bg-ridge-road.svg': ridgeRoad,
  'bg-shack-exterior.svg': shackExterior,
  'bg-shack-interior.svg': shackInterior,
  'bg-ridge-dawn.svg': ridgeDawn,
};

const PETAL_SCENES = {
  'cover.svg': petalCover,
  'bg-street.svg': street,
  'bg-shop.svg': shopInterior,
  'bg-greenhouse.svg': greenhouse,
  'bg-bakery.svg': bakery,
  'bg-cliff-wedding.svg': cliffWedding,
  'bg-rooftop.svg': rooftop,
};

for (const [path, draw] of Object.entries(DEAD_AIR_SCENES)) writeAsset('dead-air', path, draw());
for (const [path, draw] of Object.entries(PETAL_SCENES)) writeAsset('petal-and-thorn', path, draw());
writeCast('dead-air', DEAD_AIR_CAST);
writeCast('petal-and-thorn', PETAL_CAST);
for (const [story, { base, outfits }] of Object.entries(WARDROBES)) {
  for (const [outfit, look] of Object.entries(outfits)) {
    const id = `outfit-${outfit}`;
    writeAsset(story, `sprites/${id}.svg`, bust({ ...base, ...look }, 'neutral', id));
  }
}
console.log('art written under', CONTENT);
