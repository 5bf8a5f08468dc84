import { button, h } from '../shell/dom';
import type { Route } from '../shell/routes';
import { focusableHeading, type Screen, type ShellContext } from '../shell/screen';
import { openUpgradeDialog } from '../shell/upgrade-dialog';
import { studioFrame } from './studio-frame';
import { WRITER_INVITATION } from './writer-invitation';

/** What a guest finds at a studio address: an invitation to add an email, then the screen they asked for. */
export function guestInvitationScreen(context: ShellContext, requested: Route): Screen {
  context.setTitle('Write for StoryVerse');
  const heading = focusableHeading(h('h1', { className: 'library-title', text: WRITER_INVITATION.title }));
  const frame = studioFrame(context, null, [
    heading,
    h('section', { className: 'studio-card studio-invitation' }, [
      h('p', { text: 'Publish your own serialized stories, chapter by chapter: readers see each one at the time you choose, you get a signed certificate of authorship for every version, and a share of the diamonds readers spend in your stories.' }),
      h('p', { className: 'muted', text: WRITER_INVITATION.text }),
      button(WRITER_INVITATION.submitLabel, () => openUpgradeDialog(context.api, () => context.router.navigate(requested), WRITER_INVITATION), 'btn btn-primary', { 'aria-haspopup': 'dialog' }),
    ]),
  ]);
  return { element: frame.element, heading, destroy: frame.destroy };
}
