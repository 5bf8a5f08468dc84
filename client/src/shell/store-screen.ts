import { ApiFailure } from './api-failure';
import type { Purchase, StoreCatalogue, StorePack } from '../../../api/index';
import { append, button, h } from './dom';
import { icon } from './icons';
import { LibraryHeader } from './library-header';
import { routeHash } from './routes';
import { focusableHeading, type Screen, type ShellContext } from './screen';

const STATUS_LABEL: Record<Purchase['status'], string> = { pending: 'Waiting for payment', paid: 'Paid', refunded: 'Refunded', failed: 'Not completed' };
/** How long the return page waits for the payment confirmation (Stripe's webhook) before saying so. */
const CONFIRM_WAIT_MS = 30_000;

export function formatPrice(price: { amount: number; currency: string }): string {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: price.currency.toUpperCase() }).format(price.amount / 100);
  } catch {
    return `${(price.amount / 100).toFixed(2)} ${price.currency.toUpperCase()}`;
  }
}

/** The diamond store: packs (price and diamonds from the server), buy → Checkout, recent purchases. */
export function storeScreen(context: ShellContext): Screen {
  context.setTitle('Diamond store');
  const header = new LibraryHeader(context);
  const heading = focusableHeading(h('h1', { className: 'library-title', text: 'Diamond store' }));
  const notice = h('p', { className: 'store-notice', attrs: { role: 'status' } });
  const grid = h('div', { className: 'pack-grid', attrs: { 'aria-busy': 'true' } });
  const history = h('section', { className: 'store-history', attrs: { 'aria-labelledby': 'purchases-heading' } });
  let destroyed = false;
  let buying = false;

  const back = context.storeReturn();
  const element = h('div', { className: 'screen store-screen' }, [
    header.element,
    h('main', { className: 'library-main store-main' }, [
      back ? h('a', { className: 'back-link store-back', attrs: { href: routeHash(back) } }, [icon('back', 'icon'), h('span', { text: 'Back to the story' })]) : null,
      heading,
      h('p', { className: 'muted', text: 'Diamonds unlock premium choices in every story.' }),
      notice,
      grid,
      history,
    ]),
  ]);

  async function load(): Promise<void> {
    try {
      const [catalogue, purchases] = await Promise.all([context.api.storePacks(), context.api.purchases()]);
      if (destroyed) return;
      renderPacks(catalogue);
      renderHistory(purchases);
    } catch (error) {
      if (destroyed) return;
      grid.setAttribute('aria-busy', 'false');
      grid.replaceChildren(h('p', { className: 'muted', text: error instanceof ApiFailure ? error.message : 'The store could not be loaded.' }), button('Try again', () => void load(), 'btn btn-primary'));
    }
  }

  function renderPacks(catalogue: StoreCatalogue): void {
    if (catalogue.provider === 'sandbox') notice.textContent = 'Sandbox store: no real payments are taken, and no money moves.';
    if (catalogue.provider === 'disabled') notice.textContent = 'The store is closed for now. Please come back later.';
    grid.setAttribute('aria-busy', 'false');
    grid.replaceChildren(...catalogue.items.map((pack) => packCard(pack, catalogue.provider !== 'disabled')));
  }

  function packCard(pack: StorePack, open: boolean): HTMLElement {
    const price = formatPrice(pack.price);
    return h('article', { className: 'pack-card' }, [
      h('h2', { className: 'pack-title', text: pack.title }),
      h('p', { className: 'pack-diamonds' }, [icon('diamond', 'icon pack-icon'), h('span', { text: ` ${pack.total}` }), h('span', { className: 'visually-hidden', text: ' diamonds' })]),
      pack.bonus > 0 ? h('p', { className: 'pack-bonus', text: `${pack.diamonds} + ${pack.bonus} bonus` }) : h('p', { className: 'pack-bonus', text: ' ' }),
      button(`Buy for ${price}`, (event) => void buy(pack, event.currentTarget as HTMLButtonElement), 'btn btn-primary btn-block', { 'aria-label': `Buy ${pack.title}, ${pack.total} diamonds, for ${price}`, disabled: !open }),
    ]);
  }

  async function buy(pack: StorePack, target: HTMLButtonElement): Promise<void> {
    if (buying) return;
    buying = true;
    target.disabled = true;
    target.textContent = 'Opening checkout…';
    try {
      const started = await context.api.checkout(pack.id);
      // Stripe Checkout (or the sandbox page) is another page; it sends the player back to #/store/…
      window.location.assign(started.checkoutUrl);
    } catch (error) {
      buying = false;
      target.disabled = false;
      target.textContent = `Buy for ${formatPrice(pack.price)}`;
      notice.textContent = error instanceof ApiFailure ? error.message : 'The checkout could not be opened. Please try again.';
    }
  }

  function renderHistory(purchases: Purchase[]): void {
    const shown = purchases.filter((p) => p.status !== 'pending').slice(0, 10);
    if (shown.length === 0) return history.replaceChildren();
    history.replaceChildren(
      h('h2', { className: 'section-title', text: 'Your purchases', attrs: { id: 'purchases-heading' } }),
      h('ul', { className: 'purchase-list' }, shown.map((p) => h('li', { className: `purchase purchase-${p.status}` }, [
        h('span', { text: new Date(p.createdAt).toLocaleDateString() }),
        h('span', { text: `${p.diamonds} 💎` }),
        h('span', { text: formatPrice(p.price) }),
        h('span', { className: 'purchase-status', text: STATUS_LABEL[p.status] }),
      ]))),
    );
  }

  void load();
  return {
    element,
    heading,
    destroy() {
      destroyed = true;
      header.destroy();
    },
  };
}

/** Where Checkout returns: waits for the payment to be confirmed, then shows the new balance. */
export function storeReturnScreen(context: ShellContext, outcome: 'success' | 'cancel', purchaseId: string): Screen {
  const header = new LibraryHeader(context);
  const heading = focusableHeading(h('h1', { className: 'library-title', text: outcome === 'success' ? 'Confirming your purchase…' : 'Checkout cancelled' }));
  const body = h('div', { className: 'store-result', attrs: { role: 'status', 'aria-live': 'polite' } });
  const actions = h('div', { className: 'store-actions' });
  let destroyed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const startedAt = Date.now();
  context.setTitle(heading.textContent ?? 'Diamond store');

  const back = context.storeReturn();
  append(actions, [
    back ? h('a', { className: 'btn btn-primary', attrs: { href: routeHash(back) }, text: 'Back to the story' }) : null,
    h('a', { className: back ? 'btn btn-outline' : 'btn btn-primary', attrs: { href: '#/store' }, text: 'Back to the store' }),
    h('a', { className: 'btn btn-ghost', attrs: { href: '#/' }, text: 'Library' }),
  ]);
  const element = h('div', { className: 'screen store-screen' }, [header.element, h('main', { className: 'library-main store-main' }, [heading, body, actions])]);

  function show(title: string, text: string): void {
    heading.textContent = title;
    context.setTitle(title);
    body.replaceChildren(h('p', { className: 'store-result-text', text }));
  }

  async function check(): Promise<void> {
    try {
      const purchase = await context.api.purchase(purchaseId);
      if (destroyed) return;
      if (purchase.status === 'paid') {
        await header.wallet.refresh();
        if (destroyed) return;
        const balance = header.wallet.diamondCount;
        return show('Diamonds added', `${purchase.diamonds} diamonds are in your wallet.${balance === null ? '' : ` You now have ${balance}.`}`);
      }
      if (purchase.status === 'refunded') return show('Purchase refunded', 'This purchase was refunded, so its diamonds were taken back.');
      if (purchase.status === 'failed') return show('Payment not completed', 'Nothing was charged. You can try again from the store.');
      if (outcome === 'cancel') return show('Checkout cancelled', 'Nothing was charged. You can try again from the store.');
      if (Date.now() - startedAt > CONFIRM_WAIT_MS) return show('Payment still processing', 'Your payment has not been confirmed yet. The diamonds arrive as soon as it is — check back in a few minutes.');
      body.replaceChildren(h('p', { className: 'store-result-text', text: 'Waiting for the payment to be confirmed…' }));
      timer = setTimeout(() => void check(), 1000);
    } catch (error) {
      if (destroyed) return;
      show('Purchase not found', error instanceof ApiFailure ? error.message : 'Please check your purchases in the store.');
    }
  }

  void check();
  return {
    element,
    heading,
    destroy() {
      destroyed = true;
      clearTimeout(timer);
      header.destroy();
    },
  };
}
