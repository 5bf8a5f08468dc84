import Stripe from 'stripe';

export interface StripeClientOptions {
  secretKey: string;
  /** Another Stripe-compatible endpoint (stripe-mock, a test double): STRIPE_API_BASE. */
  apiBase?: string;
}

/** The Stripe SDK, pointed at api.stripe.com or at STRIPE_API_BASE (split into the SDK's host/port/protocol). */
export function createStripeClient(options: StripeClientOptions): Stripe {
  return new Stripe(options.secretKey, { ...apiBaseOptions(options.apiBase), maxNetworkRetries: 2, timeout: 20_000, telemetry: false });
}

export function apiBaseOptions(apiBase: string | undefined): { host?: string; port?: number; protocol?: 'http' | 'https' } {
  if (!apiBase) return {};
  const url = new URL(apiBase);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { host: url.hostname, port: url.port ? Number(url.port) : protocol === 'http' ? 80 : 443, protocol };
}
