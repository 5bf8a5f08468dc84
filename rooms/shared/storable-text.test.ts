import { describe, expect, it } from 'vitest';
import { checkDisplayName } from '../campaign/player-choices';
import { actionSchema, chatSchema, targetSchema, voteSchema } from '../campaign/protocol';
import { chooseSchema, joinOptionsSchema as storyJoinOptions } from '../story/protocol';
import { isStorableText, storableString, UNSTORABLE_TEXT_MESSAGE } from './storable-text';
import { z } from 'zod';

describe('isStorableText', () => {
  it('accepts well-formed text, emoji and markup included', () => {
    for (const text of ['', 'Ada', 'Zoë 💎', "'; DROP TABLE users; --", '<b>hi</b>']) expect(isStorableText(text), text).toBe(true);
  });

  it('refuses a NUL and unpaired surrogates', () => {
    for (const text of ['a\u0000', '\uD800', 'x\uDC00', '\uDC00\uD800']) expect(isStorableText(text), JSON.stringify(text)).toBe(false);
  });

  it('storableString keeps the schema and adds the refusal', () => {
    const name = storableString(z.string().trim().max(5));
    expect(name.parse(' Ada ')).toBe('Ada');
    expect(name.safeParse('a\u0000').error?.issues[0]?.message).toBe(UNSTORABLE_TEXT_MESSAGE);
  });
});

// PostgreSQL refused these once they reached the campaign journal: an INTERNAL refusal, or a raw SQL
// error as the join error.
describe('room protocols refuse text a database cannot store', () => {
  it.each([
    ['campaign action', () => actionSchema.safeParse({ text: 'I go \u0000' })],
    ['campaign chat', () => chatSchema.safeParse({ text: '\u0000' })],
    ['campaign vote', () => voteSchema.safeParse({ choiceId: 'c\u0000' })],
    ['campaign kick/handover', () => targetSchema.safeParse({ sessionId: 's\u0000' })],
    ['story chapter', () => storyJoinOptions.safeParse({ storyId: 'dead-air', chapterId: 'ch\u0000' })],
    ['story choice', () => chooseSchema.safeParse({ choiceId: 'c\uDC00' })],
  ])('%s', (_field, parse) => {
    const result = parse();
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toContain(UNSTORABLE_TEXT_MESSAGE);
  });
});

// Display names are checked by the campaign's own rule (letters, spaces, apostrophes, hyphens), which
// leaves no room for NUL or a lone surrogate either.
describe('campaign display names', () => {
  it.each([['NUL', 'Host\u0000'], ['a lone surrogate', 'Guest\uD800']])('refuse %s (INVALID_NAME)', (_what, name) => {
    expect(checkDisplayName(name)).toMatchObject({ refusal: { code: 'INVALID_NAME' } });
  });
});
