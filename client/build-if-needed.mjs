// `npm start` runs this first: builds the web client with Vite when client/dist is missing or older
// than any client source (or the room protocol/state it imports), and does nothing otherwise.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = join(root, 'client/dist/index.html');
const sources = ['client/src', 'client/public', 'client/index.html', 'client/vite.config.ts', 'rooms/story', 'content-pipeline/src/bundle-schema.ts', 'package-lock.json'];

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).filter((name) => name !== 'node_modules').map((name) => newest(join(path, name))));
}

const builtAt = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
if (builtAt > 0 && builtAt >= Math.max(...sources.map((s) => newest(join(root, s))))) process.exit(0);

console.log('Building the web client (client/dist)…');
const vite = join(root, 'node_modules/.bin/vite');
const result = spawnSync(vite, ['build', '--config', 'client/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
if (result.status !== 0) {
  console.error('The web client failed to build; see the errors above.');
  process.exit(result.status ?? 1);
}
