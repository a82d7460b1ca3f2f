#!/usr/bin/env node
/**
 * The dashboard's server (`npm start`, `npm run demo`, the e2e and soak runs): Next's request
 * handler behind a plain Node HTTP server that stamps each request with its TCP peer
 * (lib/transport/peer.mjs), which Next's handlers cannot otherwise see. Without the peer, a
 * forwarded header cannot be told from a client's claim (TRUST_PROXY in README.md).
 *
 *   node server.mjs [-H host] [-p port] [--dev]
 *
 * Defaults as `next start` in this project: 127.0.0.1, and PORT or 3000.
 */
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runShutdown } from './lib/shutdown.mjs';
import { stampPeer } from './lib/transport/peer.mjs';

const { values } = parseArgs({
  options: {
    hostname: { type: 'string', short: 'H', default: '127.0.0.1' },
    port: { type: 'string', short: 'p', default: process.env.PORT || '3000' },
    dev: { type: 'boolean', default: false },
  },
});
const port = Number(values.port);
const hostname = values.hostname;
// As the `next` command does, and before React loads, which picks its build from NODE_ENV.
process.env.NODE_ENV ||= values.dev ? 'development' : 'production';
const { default: next } = await import('next');

const app = next({ dev: values.dev, dir: path.dirname(fileURLToPath(import.meta.url)), hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((request, response) => {
  stampPeer(request);
  handle(request, response);
});
const upgrade = app.getUpgradeHandler();
server.on('upgrade', (request, socket, head) => {
  stampPeer(request);
  upgrade(request, socket, head);
});
server.listen(port, hostname, () => {
  console.log(`  Listening on http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${port}`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    // The app's own shutdown work (the archive's sync gives its lease up) starts at once,
    // beside the requests still under way; Next closes after both.
    const finished = runShutdown(3_000);
    server.close(() => finished.then(() => app.close()).finally(() => process.exit(0)));
    server.closeIdleConnections();
    // A browser's keep-alive connection must not hold the exit up.
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
