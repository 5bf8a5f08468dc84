import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** A diamond pack on sale. Prices are in the currency's minor unit (cents); only the server sets them. */
export interface StorePack {
  id: string;
  title: string;
  diamonds: number;
  bonus: number;
  price: number;
  currency: string;
}

/** What the store sells when STORE_PACKS is not set. */
export const DEFAULT_STORE_PACKS: readonly StorePack[] = [
  { id: 'pouch', title: 'Pouch of diamonds', diamonds: 50, bonus: 0, price: 199, currency: 'usd' },
  { id: 'chest', title: 'Chest of diamonds', diamonds: 150, bonus: 15, price: 499, currency: 'usd' },
  { id: 'vault', title: 'Vault of diamonds', diamonds: 500, bonus: 100, price: 1499, currency: 'usd' },
];

const packSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'id must be 1–64 lower-case letters, digits, - or _'),
    title: z.string().trim().min(1).max(80),
    diamonds: z.number().int().min(1).max(1_000_000),
    bonus: z.number().int().min(0).max(1_000_000).default(0),
    // Stripe's smallest charge is about 50 cents; the largest is far above any sane pack.
    price: z.number().int().min(50, 'price is in minor units (cents) and must be at least 50').max(100_000_000),
    currency: z.string().regex(/^[a-z]{3}$/, 'currency must be a lower-case ISO 4217 code such as usd'),
  })
  .strict();

const packsSchema = z
  .array(packSchema)
  .min(1, 'at least one pack')
  .max(50)
  .refine((packs) => new Set(packs.map((p) => p.id)).size === packs.length, 'pack ids must be unique');

/**
 * STORE_PACKS: a JSON array of packs, or the path of a file holding one. Throws an Error naming
 * what is wrong (the configuration turns it into a start-up failure).
 */
export function parseStorePacks(value: string): StorePack[] {
  const text = value.trimStart().startsWith('[') ? value : readPacksFile(value);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('must be a JSON array of packs (or the path of a JSON file holding one)');
  }
  const parsed = packsSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `${i.path.length ? `[${i.path.join('.')}] ` : ''}${i.message}`).join(', '));
  }
  return parsed.data;
}

function readPacksFile(path: string): string {
  try {
    return readFileSync(path.trim(), 'utf8');
  } catch {
    throw new Error(`must be a JSON array of packs or a readable JSON file (cannot read ${path.trim()})`);
  }
}

/** Diamonds a pack puts in the wallet. */
export function packDiamonds(pack: StorePack): number {
  return pack.diamonds + pack.bonus;
}
