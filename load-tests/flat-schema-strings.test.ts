import { Decoder, Encoder, MapSchema, Schema, decode, encode, type } from '@colyseus/schema';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeSchemaStringsFlat, flatString, restoreSchemaStrings } from './flat-schema-strings';

class Page extends Schema {
  @type('string') title = '';
  @type('string') body = '';
  @type({ map: 'string' }) notes = new MapSchema<string>();
}

/** Every length prefix the encoder writes (fixstr, str8, str16, str32) and multi-byte UTF-8. */
const SAMPLES = ['', 'a', 'Chapter 1', 'é'.repeat(31), 'Ünïcödé – “quoted” ❤️ 😂 🔥', 'x'.repeat(200), 'λ'.repeat(40_000), 'y'.repeat(70_000)];

function roundTrip(title: string, body: string, notes: Record<string, string>): Page {
  const server = new Page().assign({ title, body });
  for (const [key, value] of Object.entries(notes)) server.notes.set(key, value);
  const client = new Page();
  new Decoder(client).decode(new Encoder(server).encodeAll());
  return client;
}

function encoded(text: string): Uint8Array {
  const bytes = new Uint8Array(encode.utf8Length(text) + 5);
  const it = { offset: 0 };
  encode.string(bytes, text, it);
  return bytes.subarray(0, it.offset);
}

afterEach(() => {
  restoreSchemaStrings();
  vi.restoreAllMocks();
});

describe('flat schema strings', () => {
  it('reads every string the schema encoder writes, as the library does, and moves past it', () => {
    for (const text of SAMPLES) {
      const bytes = encoded(text);
      const ours = { offset: 0 };
      const theirs = { offset: 0 };
      expect(flatString(bytes, ours)).toBe(text);
      expect(decode.string(bytes, theirs)).toBe(text);
      expect(ours.offset).toBe(theirs.offset);
    }
  });

  it('cuts a string whose length runs past the end of the bytes, as the library does', () => {
    const bytes = encoded('truncated on the wire').subarray(0, 10);
    expect(flatString(bytes, { offset: 0 })).toBe(decode.string(bytes, { offset: 0 }));
  });

  it('is what every decoder uses once installed: fields and map keys arrive whole', () => {
    decodeSchemaStringsFlat();
    const body = 'λ'.repeat(2_000);
    const page = roundTrip(SAMPLES[4]!, body, { 'clé ❤️': 'première', plain: 'x'.repeat(300) });
    expect(page.title).toBe(SAMPLES[4]);
    expect(page.body).toBe(body);
    expect(Object.fromEntries(page.notes.entries())).toEqual({ 'clé ❤️': 'première', plain: 'x'.repeat(300) });
  });

  it('replaces the library decoder: malformed UTF-8 turns into U+FFFD instead of a cut string', () => {
    const bytes = Uint8Array.from([0xa3, 0x61, 0xff, 0x62]); // fixstr of 3 bytes: "a", an invalid byte, "b"
    const complaint = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const before = decode.string(bytes, { offset: 0 });
    expect(complaint).toHaveBeenCalledOnce();
    decodeSchemaStringsFlat();
    expect(before).toBe('a');
    expect(decode.string(bytes, { offset: 0 })).toBe('a\uFFFDb');
  });
});
