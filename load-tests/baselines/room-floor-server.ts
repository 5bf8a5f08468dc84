/**
 * A Colyseus room that does the least a story step's room does: on each message it writes its state and
 * sends the patch, on the uWebSockets.js transport StoryVerse serves rooms with. `bench:floor` runs it
 * to say what the framework alone charges per message. Shapes (argv[2]):
 *   patch     one field;
 *   scene     a scene of seven lines, two strings each, all rewritten (a step's timeline);
 *   scene+db  the same after one PostgreSQL round trip (`select 1`, argv[3] the database URL).
 * Prints `{"port":N}` once listening; `GET /cpu` there answers this process's CPU seconds (as the echo server's).
 */
import { pathToFileURL } from 'node:url';
import { Room, Server } from '@colyseus/core';
import pg from 'pg';
import { freePort } from '../../rooms/shared/free-port';
import { FloorLineState } from './FloorLineState';
import { FloorState } from './FloorState';

export const FLOOR_SHAPES = ['patch', 'scene', 'scene+db'] as const;
export type FloorShape = (typeof FLOOR_SHAPES)[number];
const SCENE_LINES = 7;

function floorRoom(shape: FloorShape, database: pg.Pool | null) {
  return class FloorRoom extends Room<FloorState> {
    override onCreate(): void {
      this.state = new FloorState();
      // Patches go when a message was handled, as StoryVerse's rooms send them, not on a timer.
      this.patchRate = 0;
      for (let i = 0; i < SCENE_LINES; i++) this.state.timeline.push(new FloorLineState());
      this.onMessage('step', async () => {
        if (database) await database.query('select 1');
        const step = ++this.state.step;
        if (shape !== 'patch') {
          this.state.timeline.forEach((line, i) => {
            line.character = step % 2 ? 'Mara' : 'Jun';
            line.text = `Line ${i} of scene ${step}, as long as a line of dialogue tends to be.`;
          });
        }
        this.broadcastPatch();
      });
    }
  };
}

async function main(): Promise<void> {
  const shape = process.argv[2] as FloorShape;
  if (!FLOOR_SHAPES.includes(shape)) throw new Error(`shape must be one of ${FLOOR_SHAPES.join(', ')}`);
  const database = shape === 'scene+db' ? new pg.Pool({ connectionString: process.argv[3], max: 10 }) : null;
  // Loaded here, not at import: bench:floor imports the shapes, and uWS does not load everywhere (Node 22/24 on glibc < 2.38).
  const { uWebSocketsTransport } = await import('@colyseus/uwebsockets-transport');
  const transport = new uWebSocketsTransport({ maxPayloadLength: 16 * 1024 });
  transport.expressApp.get('/cpu', (_request, response) => {
    const { user, system } = process.cpuUsage();
    response.json({ cpuSeconds: (user + system) / 1e6 });
  });
  const server = new Server({ transport, greet: false, gracefullyShutdown: false });
  server.define('floor', floorRoom(shape, database));
  const port = await freePort();
  await server.listen(port, '127.0.0.1');
  process.stdout.write(`${JSON.stringify({ port })}\n`);
}

// Run as a process by bench:floor; imported, it only lends its shapes.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`room floor server: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
