import { earningsRouter } from '../earnings/earnings-router';
import { declaredModule, type ModuleDeps, type ServerModule } from '../module';
import { walletRouter } from '../wallet/wallet-router';
import { accountsRouter } from './accounts-router';
import { authRateLimit } from './auth-rate-limit';

/**
 * Accounts: registration, sign-in and token pairs, the signed-in user and its roles, the wallet
 * (`/v1/inventory`), and a writer's earnings (`/v1/studio/earnings`: the ledgers of diamonds live here).
 */
export function createAccountsModule(deps: Pick<ModuleDeps, 'config' | 'services' | 'requireUser'>): ServerModule {
  const { config, services, requireUser } = deps;
  return {
    ...declaredModule('accounts'),
    routers: [
      accountsRouter({
        accounts: services.accounts,
        requireUser,
        credentialLimit: authRateLimit(config.authRateLimitPerMinute, config.trustProxy),
        guestLimit: authRateLimit(config.guestRateLimitPerMinute, config.trustProxy),
      }),
      walletRouter({ wallet: services.wallet, requireUser }),
      earningsRouter({ earnings: services.earnings, requireUser }),
    ],
    rooms: [],
  };
}
