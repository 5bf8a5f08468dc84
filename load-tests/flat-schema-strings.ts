import { decode } from '@colyseus/schema';

type SchemaBytes = Parameters<typeof decode.string>[0];
interface Iterator {
  offset: number;
}

const utf8 = new TextDecoder('utf-8');
const schemaString = decode.string;

/**
 * Decodes a schema string field as @colyseus/schema 3.0 does (msgpack str: fixstr, str8, str16 or
 * str32 length, then UTF-8; a length past the end is cut there), into a flat string. Bytes that
 * are not a Uint8Array (a plain array: no decoder here sends one) go to the library's decoder.
 */
export function flatString(bytes: SchemaBytes, it: Iterator): string {
  if (!(bytes instanceof Uint8Array)) return schemaString(bytes, it);
  const prefix = bytes[it.offset++]!;
  let length: number;
  if (prefix < 0xc0) length = prefix & 0x1f;
  else if (prefix === 0xd9) length = decode.uint8(bytes, it);
  else if (prefix === 0xda) length = decode.uint16(bytes, it);
  else if (prefix === 0xdb) length = decode.uint32(bytes, it);
  else length = 0;
  const start = it.offset;
  const end = Math.min(start + length, bytes.length);
  it.offset += length;
  return utf8.decode(bytes.subarray(start, end));
}

/**
 * The schema decoder reads a string one character at a time (`string += String.fromCharCode(…)`),
 * so each decoded string is a rope of one V8 cons cell per character: ~600 cells held per story
 * player's state, more garbage with every patch, and the load tool's scavenges (26 ms each, one a
 * second at 3,000 players) landed inside the round trips it measures. Every decoder in this
 * process (colyseus.js's included: it looks fields up in `decode` by type) then reads strings with
 * Node's UTF-8 decoder instead. Same wire format; malformed UTF-8 becomes U+FFFD instead of
 * being cut short with a console error. Idempotent.
 */
export function decodeSchemaStringsFlat(): void {
  decode.string = flatString;
}

/** Back to the library's own decoder (tests). */
export function restoreSchemaStrings(): void {
  decode.string = schemaString;
}
