import { h } from '../shell/dom';

type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/** A labelled control with an optional hint and a problem line, both tied to it for screen readers. */
export interface FormField<C extends Control> {
  readonly wrapper: HTMLElement;
  readonly control: C;
  setProblem(message: string): void;
}

let fieldCount = 0;

/**
 * Wraps a control in the shell's field layout (`.field`, `.field-label`, `.field-input`): the label
 * names it, the hint and the problem describe it, and a problem marks it `aria-invalid`.
 */
export function formField<C extends Control>(label: string, control: C, hint?: string): FormField<C> {
  const id = control.id || `studio-field-${++fieldCount}`;
  control.id = id;
  control.classList.add('field-input');
  const hintElement = hint ? h('span', { className: 'field-hint', text: hint, attrs: { id: `${id}-hint` } }) : null;
  const problem = h('span', { className: 'field-error', attrs: { id: `${id}-problem` } });
  control.setAttribute('aria-describedby', [hintElement ? `${id}-hint` : '', `${id}-problem`].join(' ').trim());
  const wrapper = h('div', { className: 'field' }, [h('label', { className: 'field-label', text: label, attrs: { for: id } }), control, hintElement, problem]);
  return {
    wrapper,
    control,
    setProblem(message) {
      problem.textContent = message;
      if (message) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
    },
  };
}

/** Shows a 400's per-field problems (`details.issues`) on the fields they name; true when one was shown. */
export function showFieldIssues(issues: Record<string, string>, fields: Record<string, FormField<Control>>): boolean {
  let shown = false;
  for (const [name, field] of Object.entries(fields)) {
    const issue = issues[name];
    field.setProblem(issue ?? '');
    if (issue) shown = true;
  }
  return shown;
}
