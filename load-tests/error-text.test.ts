import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { errorText } from './error-text';

describe('errorText', () => {
  it('says why fetch failed, not only that it did', async () => {
    // A port nobody listens on any more: fetch fails, its reason in `cause`.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    const failure = await fetch(`http://127.0.0.1:${port}/`).catch((error: unknown) => error);
    expect(errorText(failure)).toMatch(/^fetch failed \(ECONNREFUSED .+\)$/);
  });

  it('keeps a plain message, and words what is not an Error', () => {
    expect(errorText(new Error('CHAPTER_LOCKED: open it first'))).toBe('CHAPTER_LOCKED: open it first');
    expect(errorText(new Error('outer', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }) }))).toBe('outer (ECONNREFUSED connect ECONNREFUSED 127.0.0.1:1)');
    expect(errorText('socket hang up')).toBe('socket hang up');
  });
});
