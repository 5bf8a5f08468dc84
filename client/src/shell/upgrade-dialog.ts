import { credentialsForm } from './credentials-form';
import { button, h } from './dom';
import type { StoryverseApi } from './storyverse-api';

/** What the dialog says; the studio invites guests to write with the same dialog. */
export interface UpgradeCopy {
  title: string;
  text: string;
  submitLabel: string;
}

const SAVE_PROGRESS: UpgradeCopy = {
  title: 'Save your progress',
  text: 'Keep your stories, keys and diamonds on any device. Your guest progress moves to this account.',
  submitLabel: 'Save my progress',
};

/** "Save your progress": a guest picks an email and password, keeping the same account. */
export function openUpgradeDialog(api: StoryverseApi, onUpgraded: () => void, copy: UpgradeCopy = SAVE_PROGRESS): void {
  const heading = h('h2', { className: 'dialog-title', text: copy.title, attrs: { id: 'upgrade-title' } });
  const dialog = h('dialog', { className: 'dialog', attrs: { 'aria-labelledby': 'upgrade-title' } });
  const close = () => dialog.close();
  const form = credentialsForm({
    mode: 'register',
    submitLabel: copy.submitLabel,
    busyLabel: 'Saving…',
    onSubmit: async (credentials) => {
      await api.upgradeGuest(credentials);
      close();
      onUpgraded();
    },
  });
  dialog.append(
    heading,
    h('p', { className: 'dialog-text', text: copy.text }),
    form,
    button('Not now', close, 'btn btn-ghost btn-block'),
  );
  dialog.addEventListener('close', () => dialog.remove());
  document.body.appendChild(dialog);
  dialog.showModal();
  form.querySelector<HTMLInputElement>('input')?.focus();
}
