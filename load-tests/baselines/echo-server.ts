/**
 * A bare uWebSockets.js echo server: the floor StoryVerse's per-message server CPU is compared
 * with. `GET /cpu` answers this process's CPU seconds so the driver can measure a window of load.
 * Prints `{"port":N}` on stdout once listening (port 0 picks a free one).
 */
import uWS from 'uWebSockets.js';

const port = Number(process.argv[2] ?? 0);
const app = uWS.App();
app.ws('/*', {
  maxPayloadLength: 16 * 1024,
  message: (ws, message, isBinary) => {
    ws.send(message, isBinary);
  },
});
app.get('/cpu', (res) => {
  const { user, system } = process.cpuUsage();
  res.writeHeader('content-type', 'application/json').end(JSON.stringify({ cpuSeconds: (user + system) / 1e6 }));
});
app.listen('127.0.0.1', port, (socket) => {
  if (!socket) {
    process.stderr.write(`echo server: cannot listen on port ${port}\n`);
    process.exit(1);
  }
  process.stdout.write(`${JSON.stringify({ port: uWS.us_socket_local_port(socket) })}\n`);
});
