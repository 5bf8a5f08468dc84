import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import type { CheckoutStarted, StoreCatalogue, StorePack as PackView } from '../../api/payments';
import { Purchase } from '../database/entities';
import type { Clock } from '../shared/clock';
import { DomainError } from '../shared/domain-error';
import type { PaymentProvider } from './payment-provider';
import { purchaseView, type PurchaseView } from './purchase-view';
import { packDiamonds, type StorePack } from './store-packs';

export interface PurchaseServiceDeps {
  em: EntityManager;
  clock: Clock;
  /** Null when the store takes no payments (production without a Stripe key): checkout is refused. */
  provider: PaymentProvider | null;
  packs: readonly StorePack[];
}


const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HISTORY_LIMIT = 100;
/** Unfinished checkouts a player may open per hour: each is a Stripe API call and a row. */
export const MAX_OPEN_CHECKOUTS_PER_HOUR = 20;

/** The store: packs from the server's configuration, checkouts, and a player's purchases. */
export class PurchaseService {
  constructor(private readonly deps: PurchaseServiceDeps) {}

  get providerKind(): StoreCatalogue['provider'] {
    return this.deps.provider?.kind ?? 'disabled';
  }

  packs(): PackView[] {
    return this.deps.packs.map((p) => ({ id: p.id, title: p.title, diamonds: p.diamonds, bonus: p.bonus, total: packDiamonds(p), price: { amount: p.price, currency: p.currency } }));
  }

  /**
   * Opens a checkout for one pack: a pending purchase row, then the provider's session. Only the
   * pack id comes from the client; diamonds and price come from the configuration.
   */
  async checkout(userId: string, packId: string, returnTo: { success: (purchaseId: string) => string; cancel: (purchaseId: string) => string }): Promise<CheckoutStarted> {
    const pack = this.deps.packs.find((p) => p.id === packId);
    if (!pack) throw new DomainError('PACK_NOT_FOUND', `There is no pack "${packId}" in the store`, { packId });
    const provider = this.deps.provider;
    if (!provider) throw new DomainError('STORE_UNAVAILABLE', 'The store takes no payments on this server right now');
    const em = this.deps.em.fork();
    const now = this.deps.clock.now();
    const open = await em.count(Purchase, { user: userId, status: 'pending', createdAt: { $gte: new Date(now.getTime() - 3600_000) } });
    if (open >= MAX_OPEN_CHECKOUTS_PER_HOUR) {
      throw new DomainError('TOO_MANY_CHECKOUTS', 'Too many unfinished checkouts; finish or cancel one, or try again later', { limit: MAX_OPEN_CHECKOUTS_PER_HOUR });
    }
    const purchaseId = randomUUID();
    await em.insert(Purchase, {
      id: purchaseId,
      user: userId,
      packId: pack.id,
      diamonds: packDiamonds(pack),
      priceAmount: pack.price,
      currency: pack.currency,
      provider: provider.kind,
      status: 'pending',
      createdAt: now,
      updatedAt: now,
    });
    let session;
    try {
      session = await provider.createCheckout({
        purchaseId,
        userId,
        packId: pack.id,
        title: pack.title,
        diamonds: packDiamonds(pack),
        price: pack.price,
        currency: pack.currency,
        successUrl: returnTo.success(purchaseId),
        cancelUrl: returnTo.cancel(purchaseId),
      });
    } catch (error) {
      await em.nativeUpdate(Purchase, { id: purchaseId, status: 'pending' }, { status: 'failed', updatedAt: this.deps.clock.now() });
      throw error;
    }
    await em.nativeUpdate(Purchase, { id: purchaseId }, { checkoutSessionId: session.sessionId, updatedAt: this.deps.clock.now() });
    const purchase = await this.find(em, userId, purchaseId);
    return { purchase, sessionId: session.sessionId, checkoutUrl: session.url, provider: provider.kind };
  }

  async purchases(userId: string): Promise<PurchaseView[]> {
    const rows = await this.deps.em.fork().find(Purchase, { user: userId }, { orderBy: { createdAt: 'desc', id: 'asc' }, limit: HISTORY_LIMIT });
    return rows.map(purchaseView);
  }

  /** One of the player's purchases (another player's is as unknown as a missing one). */
  purchase(userId: string, purchaseId: string): Promise<PurchaseView> {
    return this.find(this.deps.em.fork(), userId, purchaseId);
  }

  private async find(em: EntityManager, userId: string, purchaseId: string): Promise<PurchaseView> {
    const row = UUID.test(purchaseId) ? await em.findOne(Purchase, { id: purchaseId, user: userId }, { disableIdentityMap: true }) : null;
    if (!row) throw new DomainError('PURCHASE_NOT_FOUND', 'No such purchase', { purchaseId });
    return purchaseView(row);
  }
}
