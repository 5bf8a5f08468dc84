import { ApiFailure } from './api-failure';
import { h } from './dom';
import type { Credentials } from './storyverse-api';

export interface CredentialsFormOptions {
  /** `register` also asks for a display name and states the password rule. */
  mode: 'sign-in' | 'register';
  submitLabel: string;
  busyLabel: string;
  onSubmit(credentials: Credentials): Promise<void>;
}

let formCount = 0;

/** Email + password form; the API's refusal is shown inline, per field where it names one. */
export function credentialsForm(options: CredentialsFormOptions): HTMLFormElement {
  const id = `cred-${++formCount}`;
  const registering = options.mode === 'register';
  const fields = {
    displayName: registering ? field(id, 'displayName', 'Name (optional)', 'text', 'nickname', false) : null,
    email: field(id, 'email', 'Email', 'email', 'email', true),
    password: field(id, 'password', 'Password', 'password', registering ? 'new-password' : 'current-password', true, registering ? 'At least 8 characters' : undefined),
  };
  const problem = h('p', { className: 'form-error', attrs: { role: 'alert', id: `${id}-error` } });
  const submit = h('button', { className: 'btn btn-primary btn-block', text: options.submitLabel, attrs: { type: 'submit' } });
  const form = h('form', { className: 'cred-form', attrs: { novalidate: true, 'aria-describedby': `${id}-error` } }, [
    fields.displayName?.wrapper,
    fields.email.wrapper,
    fields.password.wrapper,
    problem,
    submit,
  ]);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (submit.disabled) return;
    const all = [fields.displayName, fields.email, fields.password].filter((f): f is Field => f !== null);
    for (const f of all) f.setProblem('');
    problem.textContent = '';
    submit.disabled = true;
    submit.textContent = options.busyLabel;
    const credentials: Credentials = { email: fields.email.input.value.trim(), password: fields.password.input.value };
    if (fields.displayName) credentials.displayName = fields.displayName.input.value;
    options
      .onSubmit(credentials)
      .catch((error: unknown) => {
        const failure = error instanceof ApiFailure ? error : ApiFailure.network(error);
        const issues = failure.fieldIssues();
        let named = false;
        for (const f of all) {
          const issue = issues[f.name];
          if (issue) {
            f.setProblem(`${f.label.replace(/ \(optional\)$/, '')} ${issue}`);
            named = true;
          }
        }
        problem.textContent = named ? 'Please fix the highlighted fields.' : failure.message;
        (all.find((f) => f.input.getAttribute('aria-invalid') === 'true')?.input ?? fields.email.input).focus();
      })
      .finally(() => {
        submit.disabled = false;
        submit.textContent = options.submitLabel;
      });
  });
  return form;
}

interface Field {
  name: string;
  label: string;
  wrapper: HTMLElement;
  input: HTMLInputElement;
  setProblem(message: string): void;
}

function field(formId: string, name: string, label: string, type: string, autocomplete: string, required: boolean, hint?: string): Field {
  const inputId = `${formId}-${name}`;
  const hintEl = hint ? h('span', { className: 'field-hint', text: hint, attrs: { id: `${inputId}-hint` } }) : null;
  const problemEl = h('span', { className: 'field-error', attrs: { id: `${inputId}-problem` } });
  const input = h('input', {
    className: 'field-input',
    attrs: { id: inputId, name, type, autocomplete, required, 'aria-describedby': [hintEl ? `${inputId}-hint` : '', `${inputId}-problem`].join(' ').trim() },
  });
  const wrapper = h('div', { className: 'field' }, [h('label', { className: 'field-label', text: label, attrs: { for: inputId } }), input, hintEl, problemEl]);
  return {
    name,
    label,
    wrapper,
    input,
    setProblem(message) {
      problemEl.textContent = message;
      if (message) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    },
  };
}
