// Which modules the server is made of, the role (process kind) each belongs to and the routes it
// answers. The one list the composition root (server/composition.ts), the cluster layout
// (cluster/layout.js → PM2's ecosystem.config.js) and nginx's locations (cluster/nginx-config.ts)
// are derived from. Plain JS: PM2 loads it through ecosystem.config.js.
//
// A route is what nginx sends to the role's process: `exact` (nginx `location =`) or `prefix`
// (`location ^~`; the longest matching prefix wins, so `/v1/` only takes what no other claims).

/** The role whose modules host rooms: it runs on GAME_PROCESSES processes; every other role is one sidecar. */
export const GAME_ROLE = 'game';

/** @type {readonly import('./modules').ModuleDeclaration[]} */
export const MODULES = [
  {
    name: 'game',
    role: GAME_ROLE,
    summary: 'the story and campaign rooms, matchmaking and the admin panel',
    routes: [
      // Seat reservations: the matchmaker places rooms cluster-wide, so any game process will do.
      // A process that is down or stopping closes the connection before doing anything, so the
      // request may go on to the next process even though it is a POST.
      { path: '/matchmake/', match: 'prefix', retryOnAnotherProcess: true },
      { path: '/healthz', match: 'exact' },
      // A player's campaigns are read from the campaign log the game processes keep.
      { path: '/v1/campaigns', match: 'exact' },
      // The Colyseus monitor, behind ADMIN_TOKEN on the processes (absent when it is unset).
      { path: '/admin/', match: 'prefix' },
    ],
  },
  {
    name: 'accounts',
    role: 'accounts',
    summary: 'users, tokens, roles, the wallet and the earnings ledger',
    routes: [
      { path: '/v1/auth/', match: 'prefix' },
      { path: '/v1/user/', match: 'prefix' },
      { path: '/v1/inventory', match: 'exact' },
      // Inside the studio's /v1/studio/ prefix, but the ledgers of diamonds live with the wallet.
      { path: '/v1/studio/earnings', match: 'exact' },
    ],
  },
  {
    name: 'catalog',
    role: 'catalog',
    summary: 'stories, chapters, assets, progress, worlds and the web client',
    routes: [
      { path: '/v1/stories', match: 'prefix' },
      { path: '/v1/chapters/', match: 'prefix' },
      // Uploaded assets by content hash (the studio stores them; the catalog serves them).
      { path: '/v1/assets/', match: 'prefix' },
      { path: '/v1/progress', match: 'prefix' },
      { path: '/v1/worlds', match: 'exact' },
      { path: '/v1/certificates/', match: 'prefix' },
      // Any other /v1 route: the catalog answers 404 ROUTE_NOT_FOUND in the error shape.
      { path: '/v1/', match: 'prefix' },
      // The web client.
      { path: '/', match: 'prefix' },
    ],
  },
  {
    name: 'studio',
    role: 'catalog',
    summary: "the writers' studio: stories, chapter drafts, assets, publishing",
    routes: [{ path: '/v1/studio/', match: 'prefix', uploads: true }],
  },
  {
    name: 'payments',
    role: 'payments',
    summary: 'the store, checkout and Stripe webhooks',
    routes: [
      { path: '/v1/store', match: 'prefix' },
      { path: '/v1/payments/', match: 'prefix' },
    ],
  },
  {
    name: 'reading',
    role: 'catalog',
    summary: "reading rooms' comment history, deletions, reports and the writer's reading stats",
    // GET /v1/chapters/:id/comments and GET /v1/studio/stories/:id/stats come through the catalog's
    // /v1/chapters/ and the studio's /v1/studio/ prefixes (same role); the `reading` room is the game's.
    routes: [{ path: '/v1/comments/', match: 'prefix' }],
  },
];

/** Every role a process can take, in the order of MODULES (`all` aside: every module in one process). */
export const MODULE_ROLES = [...new Set(MODULES.map((module) => module.role))];

/**
 * The modules a process of `role` runs (`all`: every one).
 * @param {string} role
 */
export function modulesOf(role) {
  return role === 'all' ? MODULES : MODULES.filter((module) => module.role === role);
}
