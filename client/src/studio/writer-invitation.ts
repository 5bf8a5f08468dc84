import type { UpgradeCopy } from '../shell/upgrade-dialog';

/** The studio is for accounts with an email; a guest is invited to add one (their progress comes along). */
export const WRITER_INVITATION: UpgradeCopy = {
  title: 'Write for StoryVerse',
  text: 'The studio is for accounts with an email, so your stories and earnings are always yours. Add one now: your guest progress, keys and diamonds come with you.',
  submitLabel: 'Create my account',
};
