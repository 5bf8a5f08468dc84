import { createHmac } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../shared/clock';
import { AccessTokens } from './access-tokens';

const secret = 'a-test-secret-that-is-long-enough-123';

describe('AccessTokens', () => {
  it('round-trips the user id and guest flag', async () => {
    const tokens = new AccessTokens(secret, new ManualClock());
    const token = await tokens.issue({ userId: 'u-1', isGuest: true });
    await expect(tokens.verify(token)).resolves.toEqual({ userId: 'u-1', isGuest: true });
  });

  it('expires after its time to live', async () => {
    const clock = new ManualClock();
    const tokens = new AccessTokens(secret, clock, 900);
    const token = await tokens.issue({ userId: 'u-1', isGuest: false });
    clock.advance(899);
    await expect(tokens.verify(token)).resolves.toMatchObject({ userId: 'u-1' });
    clock.advance(2);
    await expect(tokens.verify(token)).rejects.toMatchObject({ code: 'INVALID_TOKEN', message: expect.stringMatching(/expired/) });
  });

  it('refuses a token signed with another secret, a tampered one, and garbage', async () => {
    const clock = new ManualClock();
    const mine = new AccessTokens(secret, clock);
    const theirs = new AccessTokens('another-secret-that-is-long-enough-456', clock);
    const foreign = await theirs.issue({ userId: 'u-1', isGuest: false });
    await expect(mine.verify(foreign)).rejects.toMatchObject({ code: 'INVALID_TOKEN' });
    const token = await mine.issue({ userId: 'u-1', isGuest: false });
    await expect(mine.verify(token.slice(0, -3) + 'xyz')).rejects.toMatchObject({ code: 'INVALID_TOKEN' });
    await expect(mine.verify('a.b.c')).rejects.toMatchObject({ code: 'INVALID_TOKEN' });
  });

  it('hashes a token once while it is used again and again, keeping the last 10,000; its time window is checked every time', async () => {
    const clock = new ManualClock();
    const tokens = new AccessTokens(secret, clock, 900);
    const sign = vi.spyOn(AccessTokens.prototype as unknown as { sign(input: string): Buffer }, 'sign');
    try {
      const token = await tokens.issue({ userId: 'u-1', isGuest: false });
      sign.mockClear();
      for (let join = 0; join < 5; join++) await expect(tokens.verify(token)).resolves.toEqual({ userId: 'u-1', isGuest: false });
      expect(sign).toHaveBeenCalledTimes(1);
      // A tampered token is hashed (and refused) every time: only verified tokens are kept.
      const tampered = token.slice(0, -3) + 'xyz';
      for (let i = 0; i < 2; i++) await expect(tokens.verify(tampered)).rejects.toMatchObject({ code: 'INVALID_TOKEN' });
      expect(sign).toHaveBeenCalledTimes(3);
      // 10,000 other players' tokens push it out: then it is hashed again.
      for (let i = 0; i < 10_000; i++) await tokens.verify(await tokens.issue({ userId: `other-${i}`, isGuest: true }));
      sign.mockClear();
      await tokens.verify(token);
      expect(sign).toHaveBeenCalledTimes(1);
      clock.advance(901);
      await expect(tokens.verify(token)).rejects.toMatchObject({ message: expect.stringMatching(/expired/) });
    } finally {
      sign.mockRestore();
    }
  });
});

describe('AccessTokens, checked against the JWT rules', () => {
  const start = '2026-01-01T00:00:00Z';
  const now = Date.parse(start) / 1000;
  const NOT_VALID = { code: 'INVALID_TOKEN', message: 'The access token is not valid' };
  const EXPIRED = { code: 'INVALID_TOKEN', message: 'The access token has expired; refresh it' };
  const good = { sub: 'u-1', guest: false, iss: 'storyverse', aud: 'storyverse', iat: now, exp: now + 900 };
  const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

  /** A token with any header and payload, signed with our secret (or as told). */
  function forge(header: unknown, payload: unknown, { key = secret, hash = 'sha256' } = {}): string {
    const input = `${b64(header)}.${b64(payload)}`;
    return `${input}.${createHmac(hash, key).update(input).digest('base64url')}`;
  }
  const signed = (payload: unknown) => forge({ alg: 'HS256', typ: 'JWT' }, payload);
  const tokens = () => new AccessTokens(secret, new ManualClock(start));

  it('accepts a well-formed token it did not issue itself (the forge helper is sound)', async () => {
    await expect(tokens().verify(signed(good))).resolves.toEqual({ userId: 'u-1', isGuest: false });
  });

  it('is expired from the second exp names on (jose: now >= exp)', async () => {
    await expect(tokens().verify(signed({ ...good, exp: now + 1 }))).resolves.toMatchObject({ userId: 'u-1' });
    await expect(tokens().verify(signed({ ...good, exp: now }))).rejects.toMatchObject(EXPIRED);
    await expect(tokens().verify(signed({ ...good, exp: now - 1 }))).rejects.toMatchObject(EXPIRED);
    const clock = new ManualClock(start);
    const issuer = new AccessTokens(secret, clock, 900);
    const token = await issuer.issue({ userId: 'u-1', isGuest: false });
    clock.advance(899.999);
    await expect(issuer.verify(token)).resolves.toMatchObject({ userId: 'u-1' });
    clock.advance(0.001);
    await expect(issuer.verify(token)).rejects.toMatchObject(EXPIRED);
  });

  it('refuses the wrong number of segments', async () => {
    const token = signed(good);
    for (const bad of ['', 'abc', token.split('.').slice(0, 2).join('.'), `${token}.`, `${token}.abc`, token.replaceAll('.', '..')]) {
      await expect(tokens().verify(bad)).rejects.toMatchObject(NOT_VALID);
    }
  });

  it('refuses segments that are not canonical base64url, even when the signature covers them', async () => {
    const signInput = (input: string) => `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
    const payload = { ...good, sub: 'u-1~~~??>>>' };
    const [h, p, s] = signed(payload).split('.') as [string, string, string];
    const standard = Buffer.from(JSON.stringify(payload)).toString('base64');
    expect(standard).toMatch(/[+/]/);
    expect(standard).toMatch(/=$/);
    expect(s).toMatch(/[-_]/);
    // 32 bytes take 43 characters; the last one carries 2 unused bits, so its neighbour decodes to the same bytes.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sameBytes = s.slice(0, -1) + alphabet[alphabet.indexOf(s.at(-1)!) ^ 1];
    expect(Buffer.from(sameBytes, 'base64url').equals(Buffer.from(s, 'base64url'))).toBe(true);
    await expect(tokens().verify(`${h}.${p}.${s}`)).resolves.toMatchObject({ userId: 'u-1~~~??>>>' });
    const variants = [
      signInput(`${h}.${standard}`),
      signInput(`${h}.${standard.replace(/=+$/, '')}`),
      signInput(`${h}.${p}=`),
      signInput(`${h}.${p.slice(0, 10)}!${p.slice(10)}`),
      signInput(`${h}.${p.slice(0, 10)} ${p.slice(10)}`),
      signInput(`${h}=.${p}`),
      `${h}.${p}.${sameBytes}`,
      `${h}.${p}.${s}=`,
      `${h}.${p}.${s.replaceAll('-', '+').replaceAll('_', '/')}`,
    ];
    for (const bad of variants) await expect(tokens().verify(bad)).rejects.toMatchObject(NOT_VALID);
  });

  it('refuses a header that is not a JSON object or does not say exactly HS256', async () => {
    const unsigned = (header: unknown) => `${b64(header)}.${b64(good)}.`;
    const cases = [
      forge('not json', good),
      forge([], good),
      forge(null, good),
      forge('"HS256"', good),
      forge({ typ: 'JWT' }, good),
      forge({ alg: 'none', typ: 'JWT' }, good),
      unsigned({ alg: 'none', typ: 'JWT' }),
      unsigned({ alg: 'HS256', typ: 'JWT' }),
      forge({ alg: 'hs256', typ: 'JWT' }, good),
      forge({ alg: ['HS256'], typ: 'JWT' }, good),
      forge({ alg: 'HS512', typ: 'JWT' }, good, { hash: 'sha512' }),
      forge({ alg: 'HS384', typ: 'JWT' }, good, { hash: 'sha384' }),
      forge({ alg: 'HS256', typ: 'JWT', crit: ['exp'] }, good),
    ];
    for (const bad of cases) await expect(tokens().verify(bad)).rejects.toMatchObject(NOT_VALID);
  });

  it('refuses a bad signature: another key, a flipped bit, the wrong length, none', async () => {
    const token = signed(good);
    const [h, p, s] = token.split('.') as [string, string, string];
    const bytes = Buffer.from(s, 'base64url');
    const flipped = Buffer.from(bytes);
    flipped[0]! ^= 1;
    const cases = [
      forge({ alg: 'HS256', typ: 'JWT' }, good, { key: 'another-secret-that-is-long-enough-456' }),
      `${h}.${p}.${flipped.toString('base64url')}`,
      `${h}.${p}.${bytes.subarray(0, 31).toString('base64url')}`,
      `${h}.${p}.${Buffer.concat([bytes, Buffer.from([0])]).toString('base64url')}`,
      `${h}.${p}.`,
      `${h}.${b64({ ...good, sub: 'u-2' })}.${s}`,
    ];
    for (const bad of cases) await expect(tokens().verify(bad)).rejects.toMatchObject(NOT_VALID);
  });

  it('refuses a payload that is not a JSON object', async () => {
    for (const payload of ['not json', '', [good], 'null', '42', '"u-1"', 'true']) {
      await expect(tokens().verify(signed(payload))).rejects.toMatchObject(NOT_VALID);
    }
  });

  it('checks the issuer and the audience (a string, or an array that names us)', async () => {
    const { iss: _iss, ...noIssuer } = good;
    const { aud: _aud, ...noAudience } = good;
    for (const payload of [
      { ...good, iss: 'someone-else' },
      { ...good, iss: ['storyverse'] },
      noIssuer,
      { ...good, aud: 'someone-else' },
      { ...good, aud: ['someone-else', 'another'] },
      { ...good, aud: [] },
      { ...good, aud: { storyverse: true } },
      noAudience,
    ]) {
      await expect(tokens().verify(signed(payload))).rejects.toMatchObject(NOT_VALID);
    }
    await expect(tokens().verify(signed({ ...good, aud: ['other', 'storyverse'] }))).resolves.toMatchObject({ userId: 'u-1' });
  });

  it('needs a string subject', async () => {
    const { sub: _sub, ...noSubject } = good;
    for (const payload of [noSubject, { ...good, sub: 42 }, { ...good, sub: null }, { ...good, sub: ['u-1'] }]) {
      await expect(tokens().verify(signed(payload))).rejects.toMatchObject(NOT_VALID);
    }
  });

  it('needs a numeric exp (and iat, if any)', async () => {
    const { exp: _exp, ...noExpiry } = good;
    for (const payload of [noExpiry, { ...good, exp: String(now + 900) }, { ...good, exp: null }, { ...good, iat: 'now' }]) {
      await expect(tokens().verify(signed(payload))).rejects.toMatchObject(NOT_VALID);
    }
    // 1e999 parses to Infinity: a token that would never expire.
    const forever = signed(JSON.stringify(good).replace(/"exp":\d+/, '"exp":1e999'));
    await expect(tokens().verify(forever)).rejects.toMatchObject(NOT_VALID);
  });

  it('refuses a token whose nbf is still ahead (as not valid, not expired)', async () => {
    await expect(tokens().verify(signed({ ...good, nbf: now + 1 }))).rejects.toMatchObject(NOT_VALID);
    await expect(tokens().verify(signed({ ...good, nbf: 'later' }))).rejects.toMatchObject(NOT_VALID);
    await expect(tokens().verify(signed({ ...good, nbf: now }))).resolves.toMatchObject({ userId: 'u-1' });
    await expect(tokens().verify(signed({ ...good, nbf: now - 60 }))).resolves.toMatchObject({ userId: 'u-1' });
  });

  it('refuses an oversized token before looking at it, and anything that is not a string', async () => {
    const big = signed({ ...good, padding: 'x'.repeat(4096) });
    expect(big.length).toBeGreaterThan(4096);
    await expect(tokens().verify(big)).rejects.toMatchObject(NOT_VALID);
    const roomy = signed({ ...good, padding: 'x'.repeat(2000) });
    await expect(tokens().verify(roomy)).resolves.toMatchObject({ userId: 'u-1' });
    for (const junk of [undefined, null, 42, { token: signed(good) }, [signed(good)]]) {
      await expect(tokens().verify(junk as any)).rejects.toMatchObject(NOT_VALID);
    }
  });

  it('refuses an empty secret (a bare HMAC would take it; jose did not)', () => {
    expect(() => new AccessTokens('', new ManualClock())).toThrow(/secret/);
  });
});

describe('AccessTokens and jose make interchangeable tokens', () => {
  const clock = new ManualClock('2026-01-01T00:00:00Z');
  const key = new TextEncoder().encode(secret);
  const joseToken = (iat: number, audience: string | string[] = 'storyverse') =>
    new SignJWT({ guest: true })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject('u-7')
      .setIssuer('storyverse')
      .setAudience(audience)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 900)
      .sign(key);

  it('jose verifies ours, with the claims and header it used to write', async () => {
    const token = await new AccessTokens(secret, clock).issue({ userId: 'u-7', isGuest: true });
    const { payload, protectedHeader } = await jwtVerify(token, key, {
      issuer: 'storyverse',
      audience: 'storyverse',
      algorithms: ['HS256'],
      currentDate: clock.now(),
    });
    const iat = clock.now().getTime() / 1000;
    expect(protectedHeader).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(payload).toEqual({ sub: 'u-7', guest: true, iss: 'storyverse', aud: 'storyverse', iat, exp: iat + 900 });
    expect(token).toBe(await joseToken(iat));
  });

  it('we verify jose’s, including its expiry and an audience array', async () => {
    const iat = clock.now().getTime() / 1000;
    const tokens = new AccessTokens(secret, clock);
    await expect(tokens.verify(await joseToken(iat))).resolves.toEqual({ userId: 'u-7', isGuest: true });
    await expect(tokens.verify(await joseToken(iat, ['elsewhere', 'storyverse']))).resolves.toEqual({ userId: 'u-7', isGuest: true });
    await expect(tokens.verify(await joseToken(iat - 900))).rejects.toMatchObject({ code: 'INVALID_TOKEN', message: expect.stringMatching(/expired/) });
    await expect(tokens.verify(await joseToken(iat, 'elsewhere'))).rejects.toMatchObject({ code: 'INVALID_TOKEN' });
  });
});
