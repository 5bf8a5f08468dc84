import { Agent, request } from 'node:http';
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createHttpOnly, NODE_HTTP_KEEP_ALIVE_MS, UWS_HTTP_IDLE_MS } from '../server/game/transport';
import { clusterLayout } from './layout.js';
import { renderNginxConfig, UPSTREAM_IDLE_SECONDS } from './nginx-config';

describe('nginx keep-alive to the processes', () => {
  it('closes every idle upstream connection before the process behind it would', () => {
    const config = renderNginxConfig(clusterLayout({ GAME_PROCESSES: '2' }), '/tmp/storyverse-test', false);
    const upstreams = [...config.matchAll(/upstream (\S+) \{([^}]*)\}/g)];
    expect(upstreams.map((u) => u[1])).toEqual(expect.arrayContaining(['sv_games', 'sv_accounts', 'sv_catalog', 'sv_payments']));
    for (const [, name, body] of upstreams) {
      const idle = /keepalive_timeout (\d+)s;/.exec(body!);
      expect(idle, `upstream ${name}`).not.toBeNull();
      expect(Number(idle![1]) * 1000).toBeLessThan(Math.min(NODE_HTTP_KEEP_ALIVE_MS, UWS_HTTP_IDLE_MS));
    }
  });

  it(`a sidecar keeps an idle connection open longer than nginx's ${UPSTREAM_IDLE_SECONDS} s`, async () => {
    const server = createHttpOnly();
    server.expressApp.get('/ping', (_req, res) => res.send('pong'));
    const port = await server.listen(0, '127.0.0.1');
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const socket = await new Promise<Socket>((resolve, reject) => {
        const req = request({ port, host: '127.0.0.1', path: '/ping', agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(req.socket!));
        });
        req.on('error', reject);
        req.end();
      });
      let closedAt: number | null = null;
      const idleSince = Date.now();
      socket.on('close', () => (closedAt = Date.now() - idleSince));
      // Timers fire in order of their due times, so this check runs before the server's own idle
      // timer (due later) however busy the machine is.
      await new Promise((resolve) => setTimeout(resolve, UPSTREAM_IDLE_SECONDS * 1000 + 200));
      expect(closedAt).toBeNull();
    } finally {
      agent.destroy();
      await server.close();
    }
  }, 15_000);
});
