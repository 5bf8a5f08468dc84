/** `#rrggbb` to a number Pixi takes; anything unexpected falls back (colours are validated upstream). */
export function parseHexColor(color: string | undefined, fallback: number): number {
  if (color === undefined || !/^#[0-9a-f]{6}$/i.test(color)) return fallback;
  return Number.parseInt(color.slice(1), 16);
}
