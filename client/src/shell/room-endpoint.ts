/**
 * The Colyseus endpoint: this page's own host, as ws(s). The same URL works behind `npm start`
 * (one port) and the Vite dev server (which proxies /matchmake and room sockets to the game server).
 */
export function roomEndpoint(loc: Pick<Location, 'protocol' | 'host'> = location): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}`;
}
