// What PM2 runs for every app of ecosystem.config.js (with `node --import tsx`): the server
// entry itself, in this very process, so PM2's signals and the `ready` message reach it.
await import('../server/main.ts');
