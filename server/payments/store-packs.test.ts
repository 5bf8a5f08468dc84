import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config/config';
import { DEFAULT_STORE_PACKS, parseStorePacks } from './store-packs';

const pack = { id: 'starter', title: 'Starter', diamonds: 10, bonus: 2, price: 99, currency: 'eur' };

describe('store packs from the configuration', () => {
  it('defaults to the built-in packs', () => {
    expect(loadConfig({}).store.packs).toEqual(DEFAULT_STORE_PACKS);
  });

  it('reads STORE_PACKS as JSON or as the path of a JSON file', () => {
    expect(loadConfig({ STORE_PACKS: JSON.stringify([pack]) }).store.packs).toEqual([pack]);
    const dir = mkdtempSync(join(tmpdir(), 'packs-'));
    try {
      const file = join(dir, 'packs.json');
      writeFileSync(file, JSON.stringify([{ ...pack, bonus: undefined }]));
      expect(loadConfig({ STORE_PACKS: file }).store.packs).toEqual([{ ...pack, bonus: 0 }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['not JSON', '[oops', /JSON array/],
    ['an empty list', '[]', /at least one pack/],
    ['a price below Stripe minimum', JSON.stringify([{ ...pack, price: 10 }]), /minor units/],
    ['a fractional price', JSON.stringify([{ ...pack, price: 1.99 }]), /price/],
    ['zero diamonds', JSON.stringify([{ ...pack, diamonds: 0 }]), /diamonds/],
    ['an upper-case currency', JSON.stringify([{ ...pack, currency: 'USD' }]), /ISO 4217/],
    ['duplicate ids', JSON.stringify([pack, pack]), /unique/],
    ['an unknown field', JSON.stringify([{ ...pack, discount: 5 }]), /discount/],
    ['a missing file', '/no/such/packs.json', /cannot read/],
  ])('refuses %s, naming STORE_PACKS', (_what, value, message) => {
    expect(() => loadConfig({ STORE_PACKS: value })).toThrow(ConfigError);
    expect(() => loadConfig({ STORE_PACKS: value })).toThrow(/STORE_PACKS/);
    expect(() => parseStorePacks(value)).toThrow(message);
  });

  it('offers the sandbox without a Stripe key, except in production unless PAYMENTS_SANDBOX=true', () => {
    expect(loadConfig({}).store.sandbox).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).store.sandbox).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', PAYMENTS_SANDBOX: 'true' }).store.sandbox).toBe(true);
    expect(loadConfig({ PAYMENTS_SANDBOX: 'false' }).store.sandbox).toBe(false);
    expect(loadConfig({ STRIPE_SECRET_KEY: 'sk_test_x', STRIPE_WEBHOOK_SECRET: 'whsec_x', PAYMENTS_SANDBOX: 'true' }).store.sandbox).toBe(false);
    expect(() => loadConfig({ PAYMENTS_SANDBOX: 'yes' })).toThrow(/PAYMENTS_SANDBOX must be true or false/);
  });

  it('refuses a Stripe key without a webhook secret (payments could never be confirmed)', () => {
    expect(() => loadConfig({ STRIPE_SECRET_KEY: 'sk_test_x' })).toThrow(/STRIPE_WEBHOOK_SECRET must be set/);
    expect(loadConfig({ STRIPE_SECRET_KEY: 'sk_test_x', STRIPE_WEBHOOK_SECRET: 'whsec_x' }).stripe.secretKey).toBe('sk_test_x');
  });
});
