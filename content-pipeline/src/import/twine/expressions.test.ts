import { describe, expect, it } from 'vitest';
import { effectsOf } from './effects';
import { negate, parseCondition, parseSet } from './expressions';
import { parseLink } from './passage-nodes';

describe('Twine expressions StoryVerse takes over', () => {
  it('reads sets of numbers and booleans in every format’s spelling', () => {
    expect(parseSet('$x to 1', true)).toEqual({ variable: 'x', mode: 'to', value: 1 });
    expect(parseSet('$x to it + 2', true)).toEqual({ variable: 'x', mode: 'add', value: 2 });
    expect(parseSet('$x to $x - 3', true)).toEqual({ variable: 'x', mode: 'add', value: -3 });
    expect(parseSet('$x += 1', true)).toEqual({ variable: 'x', mode: 'add', value: 1 });
    expect(parseSet('$x--', true)).toEqual({ variable: 'x', mode: 'add', value: -1 });
    expect(parseSet('$lit = true', true)).toEqual({ variable: 'lit', mode: 'to', value: true });
    expect(parseSet('apples to apples + 3', false)).toEqual({ variable: 'apples', mode: 'add', value: 3 });
  });

  it('refuses what it cannot map: strings, other variables, functions, bare names where a sigil is needed', () => {
    for (const text of ['$name to "Ada"', '$x to $y + 1', '$x to (random: 1, 6)', 'x to 1', '$x to 1.5']) expect(parseSet(text, true)).toBeNull();
  });

  it('reads tests as conditions, joined by and', () => {
    expect(parseCondition('$keys > 0', true)).toEqual([{ relationship: 'keys', min: 1 }]);
    expect(parseCondition('$keys <= 2 and $lit', true)).toEqual([{ relationship: 'keys', max: 2 }, { flag: 'lit' }]);
    expect(parseCondition('$keys is 3', true)).toEqual([{ relationship: 'keys', min: 3, max: 3 }]);
    expect(parseCondition('not $lit', true)).toEqual([{ flag: 'lit', set: false }]);
    expect(parseCondition('$lit is not true', true)).toEqual([{ flag: 'lit', set: false }]);
    expect(parseCondition('$coins gte 1 && !$broke', true)).toEqual([{ relationship: 'coins', min: 1 }, { flag: 'broke', set: false }]);
    expect(parseCondition('hasKey', false)).toEqual([{ flag: 'hasKey' }]);
  });

  it('refuses tests it cannot express', () => {
    for (const text of ['$a or $b', '$name is "Ada"', '$x > $y', '$x is not 3', '(history:) contains "x"']) expect(parseCondition(text, true)).toBeNull();
  });

  it('negates a single bound or flag, and refuses what would need "or"', () => {
    expect(negate([{ relationship: 'keys', min: 1 }])).toEqual({ relationship: 'keys', max: 0 });
    expect(negate([{ relationship: 'keys', max: 2 }])).toEqual({ relationship: 'keys', min: 3 });
    expect(negate([{ flag: 'lit' }])).toEqual({ flag: 'lit', set: false });
    expect(negate([{ relationship: 'keys', min: 3, max: 3 }])).toBeNull();
    expect(negate([{ flag: 'a' }, { flag: 'b' }])).toBeNull();
  });

  it('turns sets in order into effects that leave the same state', () => {
    expect(effectsOf([{ variable: 'k', mode: 'add', value: 1 }, { variable: 'k', mode: 'add', value: 2 }])).toEqual({ relationships: { k: 3 } });
    expect(effectsOf([{ variable: 'k', mode: 'add', value: 5 }, { variable: 'k', mode: 'to', value: 1 }, { variable: 'k', mode: 'add', value: 1 }])).toEqual({ set: { k: 2 } });
    expect(effectsOf([{ variable: 'lit', mode: 'to', value: true }, { variable: 'lit', mode: 'to', value: false }])).toEqual({ flags: { lit: false } });
    expect(effectsOf([{ variable: 'k', mode: 'add', value: 1 }, { variable: 'k', mode: 'add', value: -1 }])).toBeUndefined();
  });

  it('reads every link syntax', () => {
    expect(parseLink('North')).toEqual({ text: 'North', target: 'North' });
    expect(parseLink('Go north->Cave')).toEqual({ text: 'Go north', target: 'Cave' });
    expect(parseLink('Cave<-Go north')).toEqual({ text: 'Go north', target: 'Cave' });
    expect(parseLink('Go north|Cave')).toEqual({ text: 'Go north', target: 'Cave' });
    expect(parseLink('a->b->c')).toEqual({ text: 'a->b', target: 'c' });
  });
});
