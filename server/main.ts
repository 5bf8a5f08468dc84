/**
 * `npm start`: the embedded run, or one process of the cluster (ROLE), configured by the
 * environment. Under PM2 (`wait_ready`) it says `ready` once listening; on SIGTERM/SIGINT it stops
 * taking new rooms, lets every room finish saving, closes connections and exits within a bound.
 */
// First: Colyseus' ids draw their random bytes from a pool only if it is in place before Colyseus loads.
import './game/pooled-room-ids';
import { ConfigError, loadConfig } from './config/config';
import { startStoryVerse } from './composition';

/** PM2's kill_timeout (ecosystem.config.js) leaves room above this. */
const STOP_BOUND_MS = 10_000;

let config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

let stopping = false;
const starting = startStoryVerse(config);
// Handlers go in before anything starts: a stop asked for during start-up (PM2 deleting an app that
// is not ready yet) must still end this process, or it would linger holding its port.
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
// PM2 may ask by message instead of a signal (shutdown_with_message).
process.on('message', (message) => {
  if (message === 'shutdown') void stop('shutdown message');
});

const app = await starting.catch((error: unknown) => {
  // Exit for real (PM2's process container would otherwise keep a process that never listened).
  console.error('StoryVerse failed to start', error);
  process.exit(1);
});
if (!stopping) {
  console.log(`\n  StoryVerse${config.role === 'all' ? '' : ` (${config.role})`} is running: open ${app.url}\n`);
  // PM2's wait_ready: PM2 counts the app as online once it has this.
  process.send?.('ready');
}

async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: shutting down`);
  const force = setTimeout(() => {
    console.error(`shutdown took longer than ${STOP_BOUND_MS} ms; exiting anyway`);
    process.exit(1);
  }, STOP_BOUND_MS);
  force.unref();
  try {
    await (await starting).close();
    process.exit(0);
  } catch (error) {
    console.error('shutdown failed', error);
    process.exit(1);
  }
}
