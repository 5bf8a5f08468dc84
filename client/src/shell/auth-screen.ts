import { ApiFailure } from './api-failure';
import { brandMark } from './brand';
import { credentialsForm } from './credentials-form';
import { button, h } from './dom';
import { focusableHeading, type Screen, type ShellContext } from './screen';

/** Play as guest, sign in or create an account. */
export function authScreen(context: ShellContext): Screen {
  context.setTitle('Welcome');
  const heading = focusableHeading(h('h1', { className: 'auth-title' }, [brandMark('large')]));

  const guestError = h('p', { className: 'form-error', attrs: { role: 'alert' } });
  const guest = button('Play as guest', () => {
    guest.disabled = true;
    guest.textContent = 'Opening your library…';
    guestError.textContent = '';
    context.api
      .playAsGuest()
      .then(() => context.signedIn())
      .catch((error: unknown) => {
        guestError.textContent = error instanceof ApiFailure ? error.message : 'Something went wrong. Try again.';
        guest.disabled = false;
        guest.textContent = 'Play as guest';
      });
  }, 'btn btn-primary btn-block btn-large');

  const signIn = credentialsForm({ mode: 'sign-in', submitLabel: 'Sign in', busyLabel: 'Signing in…', onSubmit: async (c) => { await context.api.signIn(c); context.signedIn(); } });
  const register = credentialsForm({ mode: 'register', submitLabel: 'Create account', busyLabel: 'Creating your account…', onSubmit: async (c) => { await context.api.register(c); context.signedIn(); } });
  const panel = h('div', { className: 'auth-panel', attrs: { id: 'auth-panel' } }, [signIn]);

  const tabButtons: HTMLButtonElement[] = [
    { label: 'Sign in', form: signIn },
    { label: 'Create account', form: register },
  ].map(({ label, form }) => {
    const tab = button(label, () => {
      for (const other of tabButtons) other.setAttribute('aria-pressed', String(other === tab));
      panel.replaceChildren(form);
      form.querySelector<HTMLInputElement>('input')?.focus();
    }, 'segment', { 'aria-pressed': form === signIn ? 'true' : 'false', 'aria-controls': 'auth-panel' });
    return tab;
  });

  const element = h('main', { className: 'screen auth-screen' }, [
    h('div', { className: 'auth-glow', attrs: { 'aria-hidden': 'true' } }),
    h('section', { className: 'auth-card' }, [
      heading,
      h('p', { className: 'auth-tagline', text: 'Stories where every choice is yours.' }),
      guest,
      guestError,
      h('p', { className: 'auth-note', text: 'No account needed. You can save your progress to an email any time.' }),
      h('div', { className: 'divider', attrs: { role: 'presentation' } }, [h('span', { text: 'or use your account' })]),
      h('h2', { className: 'visually-hidden', text: 'Your account' }),
      h('div', { className: 'segments', attrs: { role: 'group', 'aria-label': 'Account' } }, tabButtons),
      panel,
    ]),
  ]);
  return { element, heading, destroy() {} };
}
