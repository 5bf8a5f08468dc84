import { describe, expect, it } from 'vitest';
import { apiBaseOptions } from './stripe-client';

describe('STRIPE_API_BASE', () => {
  it('is split into the SDK host, port and protocol', () => {
    expect(apiBaseOptions(undefined)).toEqual({});
    expect(apiBaseOptions('http://127.0.0.1:12111')).toEqual({ host: '127.0.0.1', port: 12111, protocol: 'http' });
    expect(apiBaseOptions('https://stripe-mock.internal')).toEqual({ host: 'stripe-mock.internal', port: 443, protocol: 'https' });
    expect(apiBaseOptions('http://localhost')).toEqual({ host: 'localhost', port: 80, protocol: 'http' });
  });
});
