import { createPublicKey, verify } from 'node:crypto';

// The check any reader of the README can do, written with node:crypto alone (none of our code):
// canonical JSON = keys sorted at every level, no whitespace; the signature covers every field but `signature`.

export const canonical = (value: unknown): string =>
  Array.isArray(value)
    ? `[${value.map(canonical).join(',')}]`
    : value !== null && typeof value === 'object'
      ? `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`
      : JSON.stringify(value);

export function verifiesWith(certificate: object, publicKeyPem: string): boolean {
  const { signature, ...signed } = certificate as Record<string, unknown>;
  return verify(null, Buffer.from(canonical(signed)), createPublicKey(publicKeyPem), Buffer.from(String(signature), 'base64'));
}
