import { describe, expect, it } from 'vitest';
import { clusterLayout } from './layout.js';

describe('cluster layout: where room sockets reach the game processes', () => {
  it('through the origin by default: each process at its own path of the public host, listening on loopback only', () => {
    const layout = clusterLayout({ CLUSTER_PORT: '8090', GAME_PROCESSES: '2', CLUSTER_PUBLIC_HOST: 'play.example.com' });
    expect(layout.roomSockets).toBe('origin');
    expect(layout.games.map((g) => [g.port, g.publicAddress, g.bindAddress])).toEqual([
      [8101, 'play.example.com/game-1', '127.0.0.1'],
      [8102, 'play.example.com/game-2', '127.0.0.1'],
    ]);
    expect(layout.roomSocketOrigins).toEqual([]);
  });

  it('direct: each process at its own port of the public host (or CLUSTER_GAME_HOST), and those origins for the CSP', () => {
    const local = clusterLayout({ CLUSTER_PORT: '8090', GAME_PROCESSES: '2', CLUSTER_ROOM_SOCKETS: 'direct' });
    expect(local.games.map((g) => [g.publicAddress, g.bindAddress])).toEqual([
      ['127.0.0.1:8101', '127.0.0.1'],
      ['127.0.0.1:8102', '127.0.0.1'],
    ]);
    expect(local.roomSocketOrigins).toEqual(['ws://127.0.0.1:8101', 'wss://127.0.0.1:8101', 'ws://127.0.0.1:8102', 'wss://127.0.0.1:8102']);

    const hosted = clusterLayout({
      CLUSTER_PORT: '80', CLUSTER_INTERNAL_BASE_PORT: '9000', GAME_PROCESSES: '1', CLUSTER_PUBLIC_HOST: 'play.example.com:80',
      CLUSTER_ROOM_SOCKETS: 'direct', CLUSTER_GAME_HOST: 'rooms.example.com', CLUSTER_GAME_BIND_ADDRESS: '0.0.0.0',
    });
    expect(hosted.games.map((g) => [g.publicAddress, g.bindAddress])).toEqual([['rooms.example.com:9011', '0.0.0.0']]);
    expect(clusterLayout({ CLUSTER_PUBLIC_HOST: 'play.example.com:8443', GAME_PROCESSES: '1', CLUSTER_ROOM_SOCKETS: 'direct' }).games[0]!.publicAddress).toBe('play.example.com:8091');
  });

  it.each([
    [{ CLUSTER_ROOM_SOCKETS: 'nginx' }, /CLUSTER_ROOM_SOCKETS must be origin or direct \(got "nginx"\)/],
    [{ CLUSTER_GAME_HOST: 'rooms.example.com' }, /CLUSTER_GAME_HOST is used only with CLUSTER_ROOM_SOCKETS=direct/],
    [{ CLUSTER_GAME_BIND_ADDRESS: '0.0.0.0' }, /CLUSTER_GAME_BIND_ADDRESS is used only with CLUSTER_ROOM_SOCKETS=direct/],
    [{ CLUSTER_ROOM_SOCKETS: 'direct', CLUSTER_GAME_HOST: 'ws://rooms.example.com' }, /CLUSTER_GAME_HOST must be a host name or IPv4 address/],
    [{ CLUSTER_ROOM_SOCKETS: 'direct', CLUSTER_GAME_BIND_ADDRESS: '10.0.0.5' }, /CLUSTER_GAME_BIND_ADDRESS must be 127.0.0.1 or 0.0.0.0/],
  ])('refuses %o', (env, message) => {
    expect(() => clusterLayout({ GAME_PROCESSES: '2', ...env })).toThrow(message);
  });
});
