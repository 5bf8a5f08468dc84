import { describe, expect, it } from 'vitest';
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
});
