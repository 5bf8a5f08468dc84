/** Builds one element of the overlay: the player's DOM is small enough to write by hand. */
export function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A unique id for aria-labelledby/aria-describedby links (several players may coexist briefly). */
let nextId = 0;
export function uniqueId(prefix: string): string {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

/**
 * An emoji that always looks the same: the emoji stays in the DOM as text (screen readers, tests
 * and copy/paste see "💎 12") while CSS draws a matching icon over it, because many desktops —
 * Debian's Chromium among them — have no colour emoji font and would show a box.
 */
export function iconGlyph(kind: 'key' | 'diamond', glyph: string): HTMLSpanElement {
  const icon = element('span', `sv-icon sv-icon--${kind}`);
  icon.append(element('span', 'sv-icon__glyph', glyph));
  return icon;
}
