import { createConnection } from 'node:net';
import { it } from 'vitest';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const requireServices = process.env.REQUIRE_SERVICES === '1';

/** True when something accepts TCP connections at the URL's host and port. */
export function reachable(url: string, timeoutMs = 1500): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * `it` when the service is up; otherwise a loud skip — or a failure under REQUIRE_SERVICES=1.
 */
export function itWhenReachable(up: boolean, service: string) {
  return (name: string, body: () => unknown, timeoutMs?: number): void => {
    if (up) return it(name, body, timeoutMs);
    if (requireServices) return it(name, () => { throw new Error(`REQUIRE_SERVICES=1 but ${service} is not reachable`); });
    console.warn(`\n⚠️  SKIPPED "${name}": ${service} is not reachable\n`);
    it.skip(name, body);
  };
}
