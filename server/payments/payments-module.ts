import { declaredModule, type ModuleDeps, type ServerModule } from '../module';

/** Payments: the store's packs, checkout and purchases, Stripe's webhook and the sandbox checkout pages. */
export function createPaymentsModule(deps: Pick<ModuleDeps, 'services' | 'requireUser'>): ServerModule {
  return {
    ...declaredModule('payments'),
    routers: [deps.services.payments.router(deps.requireUser)],
    rooms: [],
  };
}
