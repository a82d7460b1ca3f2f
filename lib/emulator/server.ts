/**
 * Serves an emulator over HTTP with node:http. Control paths are answered only to loopback
 * clients; a request's AbortSignal fires when the client goes away, which releases a held
 * ("timeout") call.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONTROL_PREFIX } from './control';
import { apiError } from './errors';
import type { Emulator } from './index';
import { errorResponse } from './respond';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function toRequest(req: IncomingMessage, origin: string, signal: AbortSignal): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
  }
  const method = req.method ?? 'GET';
  const body = method === 'GET' || method === 'HEAD' ? undefined : new Uint8Array(await readBody(req));
  return new Request(new URL(req.url ?? '/', origin), { method, headers, body, signal });
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  const body = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, { ...headers, 'Content-Length': String(body.length) });
  res.end(body);
}

export function startEmulatorServer(opts: {
  emulator: Emulator;
  port?: number;
  host?: string;
}): Promise<{ url: string; close(): Promise<void> }> {
  const host = opts.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    const aborter = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) aborter.abort();
    });
    void (async () => {
      try {
        const request = await toRequest(req, `http://${req.headers.host ?? host}`, aborter.signal);
        const path = new URL(request.url).pathname;
        const response =
          path.startsWith(CONTROL_PREFIX) && !LOOPBACK.has(req.socket.remoteAddress ?? '')
            ? errorResponse(apiError(403, '60000', 'Control paths answer loopback clients only'))
            : await opts.emulator.handle(request);
        if (!res.destroyed) await send(res, response);
      } catch (error) {
        console.error('emulator: request failed', error);
        if (!res.headersSent && !res.destroyed)
          await send(res, errorResponse(apiError(500, '60000', 'Internal server error')));
      }
    })();
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      const { port } = server.address() as AddressInfo;
      const shown = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shown}:${port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}
