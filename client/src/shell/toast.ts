import { h } from './dom';

let region: HTMLElement | null = null;

/** A short confirmation ("Progress saved") announced politely and gone after a few seconds. */
export function showToast(message: string): void {
  region ??= document.body.appendChild(h('div', { className: 'toast-region', attrs: { role: 'status', 'aria-live': 'polite' } }));
  const toast = h('p', { className: 'toast', text: message });
  region.appendChild(toast);
  setTimeout(() => toast.remove(), 4000);
}
