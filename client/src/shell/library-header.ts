import { brandMark } from './brand';
import { button, h } from './dom';
import type { ShellContext } from './screen';
import { showToast } from './toast';
import { WRITER_INVITATION } from '../studio/writer-invitation';
import { openUpgradeDialog } from './upgrade-dialog';
import { WalletSummary } from './wallet-summary';

/**
 * Brand, wallet, and the account actions: a guest may save their progress or is invited to write
 * (both add an email); an email account has the way into the studio and "Sign out".
 */
export class LibraryHeader {
  readonly element: HTMLElement;
  readonly wallet: WalletSummary;
  private readonly account = h('div', { className: 'account' });
  private readonly unsubscribe: () => void;

  constructor(private readonly context: ShellContext) {
    this.wallet = new WalletSummary(context.api);
    this.element = h('header', { className: 'app-header' }, [
      h('a', { className: 'brand-link', attrs: { href: '#/', 'aria-label': 'StoryVerse library' } }, [brandMark()]),
      this.wallet.element,
      h('a', { className: 'btn btn-small btn-outline campaigns-link', attrs: { href: '#/campaigns' }, text: 'Campaigns' }),
      this.account,
    ]);
    this.renderAccount();
    this.unsubscribe = context.signIns.onChange(() => this.renderAccount());
  }

  destroy(): void {
    this.wallet.destroy();
    this.unsubscribe();
  }

  private renderAccount(): void {
    const user = this.context.signIns.current()?.user;
    if (!user) return this.account.replaceChildren();
    if (user.isGuest) {
      this.account.replaceChildren(
        button('Write', () => openUpgradeDialog(this.context.api, () => this.context.router.navigate({ name: 'studio' }), WRITER_INVITATION), 'btn btn-small btn-ghost', { 'aria-haspopup': 'dialog' }),
        button('Save your progress', () => openUpgradeDialog(this.context.api, () => showToast('Progress saved. Sign in with your email on any device.')), 'btn btn-small btn-outline'),
      );
      return;
    }
    this.account.replaceChildren(
      h('a', { className: 'btn btn-small btn-outline studio-link', attrs: { href: '#/studio' }, text: 'Studio' }),
      h('span', { className: 'account-name', text: user.displayName }),
      button('Sign out', () => void this.context.api.signOut(), 'btn btn-small btn-ghost'),
    );
  }
}
