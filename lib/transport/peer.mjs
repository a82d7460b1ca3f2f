/**
 * The peer stamp: `server.mjs` writes the TCP peer of every request into one header, because
 * Next's handlers see headers but never the socket. A client cannot forge it: the server drops
 * whatever copy arrived before writing its own, and code outside that server (plain
 * `next start`, `next dev`, tests) ignores the header, since nothing set the process's flag.
 * Plain JavaScript so that server.mjs runs with Node alone; `peer.d.mts` types it for TypeScript.
 */
export const PEER_HEADER = 'x-authy-peer';

const STAMPING = Symbol.for('authy-dashboard.peer-stamping');

/** Called by server.mjs for each request, before Next sees it. */
export function stampPeer(request) {
  globalThis[STAMPING] = true;
  const protocol = request.socket.encrypted ? 'https' : 'http';
  request.headers[PEER_HEADER] = `${protocol} ${request.socket.remoteAddress ?? ''}`;
  // Next reads `headers`; the raw list goes too, so no later reader can meet the client's copy.
  const raw = [];
  for (let i = 0; i < request.rawHeaders.length; i += 2) {
    if (request.rawHeaders[i].toLowerCase() !== PEER_HEADER) raw.push(request.rawHeaders[i], request.rawHeaders[i + 1]);
  }
  request.rawHeaders.splice(0, request.rawHeaders.length, ...raw, PEER_HEADER, request.headers[PEER_HEADER]);
}

/** Whether this process's requests come through server.mjs, so the header is the server's own. */
export function peerStamped() {
  return globalThis[STAMPING] === true;
}
