/**
 * Hostile input for the fuzz suites: odd JSON types, huge and empty values, NUL bytes and lone
 * surrogates, SQL- and HTML-shaped strings, malformed percent-encoding, bad tokens and bodies.
 */
import { createHmac } from 'node:crypto';
import fc from 'fast-check';

/** Every property runs this many cases from this seed; both can be set to replay or widen a run. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_260_413);
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 60);

/** fast-check's options for one property: the fixed seed (printed on failure) and run count. */
export const fuzzOptions = (runs = FUZZ_RUNS): fc.Parameters<unknown> => ({ seed: FUZZ_SEED, numRuns: runs });

const SQL_AND_HTML = [
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '" OR 1=1 --',
  '1; SELECT pg_sleep(0)',
  'admin\'--',
  '%',
  '_',
  '\\',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '{{7*7}}',
  '${7*7}',
  '../../../../etc/passwd',
  '__proto__',
  'constructor',
  'null',
  'undefined',
  'NaN',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDC00x',
  'x\uDBFF',
  '\uFEFF',
  '\u202E',
  '💎\u0000',
  '\r\n',
  ' ',
];

/** One UTF-16 code unit of any value: NUL, controls and unpaired surrogate halves included. */
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit));

/** Strings a well-behaved client would never send, mixed with ordinary ones. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...SQL_AND_HTML),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: anyCodeUnit, maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.tuple(fc.constantFrom(...SQL_AND_HTML), fc.string({ unit: anyCodeUnit, maxLength: 8 })).map(([a, b]) => a + b),
  fc.constantFrom('', 'x'.repeat(300), 'é'.repeat(5_000), 'a'.repeat(70_000)),
);

/** Any JSON value, leaning on hostile strings and numbers at the edges. */
export const oddJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    nastyString,
    fc.constantFrom(null, true, false, 0, -1, 1e308, -1e-308, 2 ** 53, 0.5, Number.MAX_SAFE_INTEGER + 2),
    fc.integer(),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(nastyString, tie('value'), { maxKeys: 4 }),
  ),
})).value;

// Encoded pieces that never decode (invalid UTF-8, bogus escapes): the router refuses these itself.
const UNDECODABLE = ['%ED%A0%80', '%ED%B0%80', '%FF', '%C0%AF', '%C3', '%', '%zz', '%2'];
// Encoded pieces that decode to something hostile, and so reach the route's own code.
const DECODABLE = ['%00', '%00%00', '%01', '%7F', '%0A', '%0D%0A', '%20', '%09', '%F0%9F%92%8E', '%F0%9F%92%8E%00', '%E2%80%AE', '%EF%BB%BF', '%2e%2e', '..', '%2F', '%5C', '%25', '%27%20OR%201%3D1', '%3Cscript%3E', '+', ';', ',', '~', "'", '*', 'x'.repeat(200)];

const encodedText = fc.string({ unit: 'binary', maxLength: 12 }).map(encodeURIComponent);
const decodablePiece = fc.oneof(fc.constantFrom(...DECODABLE), encodedText, nastyString.filter(isWellFormed).map(encodeURIComponent));

/** `hostile` put somewhere inside `valid` (or replacing it). */
function insertInto(valid: string, hostile: string, at: number): string {
  const position = valid.length === 0 ? 0 : at % (valid.length + 1);
  return valid.slice(0, position) + hostile + valid.slice(position);
}

/** A non-empty path segment as it goes on the wire (already percent-encoded, some of it badly). */
export const pathSegment: fc.Arbitrary<string> = fc
  .array(fc.oneof({ weight: 4, arbitrary: decodablePiece }, { weight: 1, arbitrary: fc.constantFrom(...UNDECODABLE) }), { minLength: 1, maxLength: 4 })
  .map((pieces) => pieces.join(''))
  .filter((segment) => segment !== '' && segment !== '.' && segment !== '..');

/** A real id, or one with something hostile inside it, or a wholly hostile segment. */
export function hostileId(known: string[]): fc.Arbitrary<string> {
  const real = fc.constantFrom(...known, 'a');
  return fc.oneof(
    { weight: 3, arbitrary: fc.tuple(real, decodablePiece, fc.nat()).map(([id, piece, at]) => insertInto(id, piece, at)) },
    { weight: 2, arbitrary: pathSegment },
    { weight: 1, arbitrary: real },
  );
}

/** A query string (without `?`): plausible values with hostile ones mixed in, repeated and bracketed keys. */
export function queryString(values: Record<string, string[]>): fc.Arbitrary<string> {
  const keys = Object.keys(values);
  const pair = fc.constantFrom(...keys).chain((key) =>
    fc.tuple(
      fc.oneof({ weight: 4, arbitrary: fc.constant(key) }, { weight: 1, arbitrary: fc.constantFrom(`${key}[]`, `${key}[a]`, `${key}%00`) }, { weight: 1, arbitrary: pathSegment }),
      fc.oneof(fc.constantFrom('', ...(values[key] ?? [])), hostileId(values[key]?.length ? values[key] : ['x'])),
    ),
  );
  return fc.array(pair.map(([k, v]) => `${k}=${v}`), { maxLength: 5 }).map((pairs) => pairs.join('&'));
}

/** A value of the right kind with something hostile inside, or a wholly odd value. */
export function hostileVariant(valid: unknown): fc.Arbitrary<unknown> {
  const odd = fc.oneof(oddJson, nastyString);
  if (typeof valid !== 'string') return odd;
  return fc.oneof({ weight: 3, arbitrary: fc.tuple(nastyString, fc.nat()).map(([hostile, at]) => insertInto(valid, hostile, at)) }, { weight: 1, arbitrary: odd });
}

/**
 * A mostly valid JSON body: a valid one with one or two fields made hostile, one dropped, or a
 * stray one added, so the hostile part gets past the other checks to where it could do harm.
 */
export function mutatedBody(valid: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Record<string, unknown> | unknown> {
  return valid.chain((body) => {
    const fields = Object.keys(body);
    const addStray = fc.tuple(nastyString, oddJson).map(([key, value]) => ({ ...body, [key]: value }));
    if (fields.length === 0) return fc.oneof(fc.constant(body), addStray, oddJson);
    const mutateOne = (b: Record<string, unknown>) =>
      fc.constantFrom(...fields).chain((field) => hostileVariant(b[field]).map((value) => ({ ...b, [field]: value })));
    return fc.oneof(
      { weight: 4, arbitrary: mutateOne(body) },
      { weight: 2, arbitrary: mutateOne(body).chain(mutateOne) },
      { weight: 1, arbitrary: fc.constantFrom(...fields).map((field) => Object.fromEntries(Object.entries(body).filter(([k]) => k !== field))) },
      { weight: 1, arbitrary: addStray },
      { weight: 1, arbitrary: fc.constant(body) },
      { weight: 1, arbitrary: oddJson },
    );
  });
}

/** The server's JWT format, so tokens can be wrong in exactly one way. */
export function signedToken(secret: string, header: object, payload: object, signWith = secret): string {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const input = `${encode(header)}.${encode(payload)}`;
  return `${input}.${createHmac('sha256', signWith).update(input).digest('base64url')}`;
}

/** Authorization header values that must all be refused: garbage, expired, wrongly signed, alg none. */
export function badAuthorization(secret: string, userId: string, nowSeconds: number): fc.Arbitrary<string> {
  const claims = { sub: userId, iss: 'storyverse', aud: 'storyverse', guest: false, iat: nowSeconds, exp: nowSeconds + 900 };
  const hs256 = { alg: 'HS256', typ: 'JWT' };
  return fc.oneof(
    fc.constantFrom(
      'Bearer',
      'Bearer ',
      'Bearer a.b.c',
      'Bearer ....',
      'Basic YWRtaW46YWRtaW4=',
      `Bearer ${signedToken(secret, hs256, { ...claims, iat: nowSeconds - 7200, exp: nowSeconds - 3600 })}`,
      `Bearer ${signedToken(secret, hs256, claims, 'not the secret, but as long as one')}`,
      `Bearer ${signedToken(secret, { alg: 'none', typ: 'JWT' }, claims).split('.').slice(0, 2).join('.')}.`,
      `Bearer ${signedToken(secret, hs256, { ...claims, nbf: nowSeconds + 3600 })}`,
      `Bearer ${signedToken(secret, hs256, { ...claims, iss: 'someone-else' })}`,
      `Bearer ${signedToken(secret, hs256, claims).slice(0, -2)}`,
      `Bearer ${'A'.repeat(5_000)}`,
    ),
    // Garbage of any printable ASCII (fetch refuses other bytes in a header).
    fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 300 }).map((token) => `Bearer ${token}`),
  );
}

/** A request body as sent: JSON of an odd value, malformed JSON, or not JSON at all. */
export interface RawBody {
  body: string;
  contentType: string;
}

export function rawBody(valid: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<RawBody> {
  const json = mutatedBody(valid).map((value) => ({ body: JSON.stringify(value) ?? 'null', contentType: 'application/json' }));
  const malformed = fc.constantFrom('{', '{"email": ', '[1,2', '{"a":1}}', "{'a':1}", 'nul', '\u0000', '{"a":"\\ud800"}', '{"a":"\\u0000"}', '{"__proto__":{"x":1}}', '1e999999', '"'.repeat(3));
  const wrongType = fc.tuple(fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/json; charset=utf-16', 'application/json; charset=latin1', 'application/json; charset=nope', '*/*', 'application/json, text/plain'), fc.oneof(nastyString, valid.map((b) => JSON.stringify(b))));
  return fc.oneof(
    { weight: 6, arbitrary: json },
    { weight: 1, arbitrary: malformed.map((body) => ({ body, contentType: 'application/json' })) },
    { weight: 1, arbitrary: wrongType.map(([contentType, body]) => ({ body, contentType })) },
    { weight: 1, arbitrary: fc.constant({ body: JSON.stringify({ a: 'x'.repeat(70_000) }), contentType: 'application/json' }) },
  );
}

function isWellFormed(text: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}
