import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError } from './api-error';
import { isStorableText, parseInput, unstorableText } from './validate';

function refusalOf(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('isStorableText', () => {
  it('accepts any well-formed text, emoji and accents included', () => {
    for (const text of ['', 'plain', 'Zoë — “quoted”', '💎 gem', "'; DROP TABLE users; --", '<script>alert(1)</script>']) expect(isStorableText(text), text).toBe(true);
  });

  it('refuses a NUL and unpaired surrogates, wherever they sit', () => {
    for (const text of ['a\u0000b', '\u0000', '💎\u0000', 'a\uD800', '\uD800b', 'a\uDC00b', '\uDC00\uD800']) expect(isStorableText(text), JSON.stringify(text)).toBe(false);
  });
});

describe('parseInput', () => {
  const schema = z.object({ name: z.string(), tags: z.array(z.string()).optional(), extra: z.record(z.string()).optional() });

  it('passes storable input through', () => {
    expect(parseInput(schema, { name: 'Ada 💎', tags: ['x'] })).toEqual({ name: 'Ada 💎', tags: ['x'] });
  });

  it('answers 400 VALIDATION_FAILED naming the field that holds a NUL or a lone surrogate', () => {
    const refusal = refusalOf(() => parseInput(schema, { name: 'a\u0000b', tags: ['ok', 'x\uD800'] }, 'registration'));
    expect(refusal.status).toBe(400);
    expect(refusal.code).toBe('VALIDATION_FAILED');
    expect(refusal.message).toMatch(/^The registration is not valid — /);
    expect(refusal.details.issues).toEqual([
      { path: 'name', message: 'must not contain NUL characters or unpaired surrogates' },
      { path: 'tags.1', message: 'must not contain NUL characters or unpaired surrogates' },
    ]);
  });

  it('checks the keys of free-form objects too', () => {
    expect(unstorableText({ extra: { 'k\u0000': 'v' } }).map((i) => i.path)).toEqual(['extra.k\u0000']);
  });

  it('still reports schema issues first, as before', () => {
    const refusal = refusalOf(() => parseInput(schema, { name: 42 }));
    expect(refusal.details.issues).toEqual([{ path: 'name', message: 'Expected string, received number' }]);
  });

  it('walks deep input without growing the call stack', () => {
    let deep: unknown = 'a\u0000';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(unstorableText(deep)).toHaveLength(1);
  });
});
