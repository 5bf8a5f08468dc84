import { h, type Child } from './dom';
import { icon, type IconName } from './icons';

export interface StageCardOptions {
  icon?: IconName;
  eyebrow?: string;
  title: string;
  message?: string;
  body?: Child[];
  actions?: HTMLElement[];
  /** A modal dialog (chapter end) rather than an in-place card. */
  dialog?: boolean;
  className?: string;
}

let cardCount = 0;

/** A centred card over the story stage: loading, locked, errors, the chapter end. */
export function stageCard(options: StageCardOptions): { element: HTMLElement; heading: HTMLHeadingElement } {
  const id = `stage-card-${++cardCount}`;
  const heading = h('h2', { className: 'stage-card-title', text: options.title, attrs: { id, tabindex: -1 } });
  const card = h('section', { className: `stage-card ${options.className ?? ''}`.trim(), attrs: { 'aria-labelledby': id } }, [
    options.icon ? h('span', { className: 'stage-card-icon' }, [icon(options.icon, 'icon')]) : null,
    options.eyebrow ? h('p', { className: 'eyebrow', text: options.eyebrow }) : null,
    heading,
    options.message ? h('p', { className: 'stage-card-text', text: options.message }) : null,
    ...(options.body ?? []),
    options.actions?.length ? h('div', { className: 'stage-card-actions' }, options.actions) : null,
  ]);
  if (options.dialog) {
    card.setAttribute('role', 'dialog');
    card.setAttribute('aria-modal', 'true');
  }
  return { element: h('div', { className: 'stage-overlay' }, [card]), heading };
}
