import { element } from './dom';
import type { LoggedLine } from './ReadingLog';

/** The History's list: every line read in this chapter, oldest first, the latest in view. */
export function renderHistory(body: HTMLElement, lines: readonly LoggedLine[]): void {
  if (lines.length === 0) {
    body.append(element('p', 'sv-history__empty', 'Nothing read in this chapter yet.'));
    return;
  }
  const list = element('ol', 'sv-history');
  for (const line of lines) {
    const item = element('li', line.speaker ? 'sv-history__line' : 'sv-history__line sv-history__line--narration');
    if (line.speaker) item.append(element('span', 'sv-history__speaker', line.speaker), ' ');
    item.append(element('span', 'sv-history__text', line.text));
    list.append(item);
  }
  body.append(list);
  requestAnimationFrame(() => list.lastElementChild?.scrollIntoView({ block: 'end' }));
}
