import { createHash } from 'node:crypto';

// Chapter fingerprints must not depend on the key order a writer (or JSON.parse) happened
// to produce, so we hash a canonical form: keys sorted, no whitespace.

/** JSON text with object keys sorted (by UTF-16 code units) at every depth and no whitespace. */
export function canonicalJson(value: unknown): string {
  const text = encode(value);
  if (text === undefined) throw new TypeError('canonicalJson: value has no JSON representation');
  return text;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

// Mirrors JSON.stringify semantics (toJSON, undefined members dropped, undefined in arrays → null).
function encode(input: unknown): string | undefined {
  const value = hasToJson(input) ? input.toJSON() : input;
  if (Array.isArray(value)) return `[${value.map((item) => encode(item) ?? 'null').join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const members: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const encoded = encode(record[key]);
      if (encoded !== undefined) members.push(`${JSON.stringify(key)}:${encoded}`);
    }
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) as string | undefined;
}

function hasToJson(value: unknown): value is { toJSON: () => unknown } {
  return value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function';
}
