/**
 * nginx's config for the cluster, rendered from cluster/nginx.conf.template: the upstreams come from
 * the layout (cluster/layout.js) and the locations from the routes each module declares
 * (server/modules.js), so a route a module adds is routed to its process without editing nginx.
 */
import { readFileSync } from 'node:fs';
import { GAME_ROLE, MODULES } from '../server/modules.js';
import type { ModuleRoute } from '../server/modules.js';
import type { ClusterLayout } from './layout.js';

const TEMPLATE = new URL('./nginx.conf.template', import.meta.url);
const INDENT = '        ';

/**
 * nginx closes an upstream connection idle this long, before the process behind it would (Node's HTTP
 * server after 5 s, uWS after 10 s: server/game/transport.ts). Its default, 60 s, kept connections the
 * process had closed: a request sent down one as the close crossed it failed, and a POST (a guest
 * sign-up) is not retried — 502 for ~1 in 10,000 release-day sign-ups.
 */
export const UPSTREAM_IDLE_SECONDS = 4;

export class NginxTemplateError extends Error {}

/** The upstream (nginx's name for a group of backends) that serves a role's routes. */
export function upstreamOf(role: string): string {
  return role === GAME_ROLE ? 'sv_games' : `sv_${role}`;
}

export function renderNginxConfig(layout: ClusterLayout, runtimeDir: string, asRoot: boolean, template = readFileSync(TEMPLATE, 'utf8')): string {
  const values: Record<string, string> = {
    USER: asRoot ? 'user nobody nogroup;' : '',
    RUNTIME: runtimeDir,
    CLUSTER_PORT: String(layout.clusterPort),
    UPSTREAM_IDLE: `${UPSTREAM_IDLE_SECONDS}s`,
    SIDECAR_UPSTREAMS: sidecarUpstreams(layout),
    GAME_SERVERS: layout.games.map((g) => `${INDENT}server 127.0.0.1:${g.port} max_fails=1 fail_timeout=3s;`).join('\n'),
    MODULE_LOCATIONS: moduleLocations(),
    GAME_LOCATIONS: gameLocations(layout),
  };
  return template.replace(/@([A-Z_]+)@/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new NginxTemplateError(`nginx template: unknown placeholder ${whole}`);
    return value;
  });
}

/** One upstream per sidecar (its single process); the game processes' upstream is in the template. */
function sidecarUpstreams(layout: ClusterLayout): string {
  return layout.sidecars
    .map((s) => [`    upstream ${upstreamOf(s.role)} {`, `${INDENT}server 127.0.0.1:${s.port} max_fails=0;`, `${INDENT}keepalive 16;`, `${INDENT}keepalive_timeout ${UPSTREAM_IDLE_SECONDS}s;`, '    }'].join('\n'))
    .join('\n');
}

/** The largest body an upload route may be sent: STUDIO_MAX_ASSET_BYTES' upper bound (100 MiB). */
const UPLOAD_BODY_LIMIT = '100m';

/** Every route of every module, to the upstream of the module's role. */
function moduleLocations(): string {
  return MODULES.map((module) =>
    [`${INDENT}# ${module.name} (role ${module.role}): ${module.summary}`, ...module.routes.map((route) => location(route, upstreamOf(module.role)))].join('\n'),
  ).join('\n\n');
}

function location(route: ModuleRoute, upstream: string): string {
  const head = `${INDENT}location ${route.match === 'exact' ? '=' : '^~'} ${route.path}`;
  const directives = [`proxy_pass http://${upstream};`];
  // Only where the module says a failed attempt changed nothing (a process down or stopping
  // closes the connection first), so even a POST may go on to the next process.
  if (route.retryOnAnotherProcess) directives.push('proxy_next_upstream error http_502 http_503 non_idempotent;', 'proxy_next_upstream_tries 3;');
  // Uploads (chapters, art) are bounded by the application, which answers 413 in the error shape;
  // nginx only stops what no setting could allow.
  if (route.uploads) directives.push(`client_max_body_size ${UPLOAD_BODY_LIMIT};`);
  if (directives.length === 1) return `${head} { ${directives[0]} }`;
  return [`${head} {`, ...directives.map((d) => `${INDENT}    ${d}`), `${INDENT}}`].join('\n');
}

/**
 * Room WebSockets: /game-<i>/<processId>/<roomId> to process i, prefix removed (its Colyseus publicAddress).
 * Only WebSocket upgrades: the process's own HTTP answers (/metrics, /admin) are not public there either.
 */
function gameLocations(layout: ClusterLayout): string {
  return layout.games
    .map((g) =>
      [
        `${INDENT}location ^~ ${g.path}/ {`,
        `${INDENT}    default_type application/json;`,
        `${INDENT}    if ($http_upgrade !~* ^websocket$) {`,
        `${INDENT}        return 404 '${ROOM_SOCKETS_ONLY}';`,
        `${INDENT}    }`,
        `${INDENT}    proxy_pass http://127.0.0.1:${g.port}/;`,
        `${INDENT}    proxy_set_header Upgrade $http_upgrade;`,
        `${INDENT}    proxy_set_header Connection $sv_connection;`,
        `${INDENT}    proxy_read_timeout 1h;`,
        `${INDENT}    proxy_send_timeout 1h;`,
        `${INDENT}}`,
      ].join('\n'),
    )
    .join('\n');
}

/** The error shape (DESIGN.md) for a plain request to a room-socket path. */
const ROOM_SOCKETS_ONLY = '{"error":{"code":"ROUTE_NOT_FOUND","message":"Only room sockets (WebSocket upgrades) are served here","details":{},"request_id":"$sv_request_id"}}';
