// The upstream WebSocket service used by the integration tests, the demo and the benchmarks.
// Plain ESM with JSDoc so that Node runs it as is, in a test, a Vite plugin or a child process.
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';

/**
 * @typedef {object} UpstreamOptions
 * @property {number} [port] 0 (default) picks a free port on 127.0.0.1
 * @property {number} [rateLimit] messages per second per client before a 1008 rate-limit close
 * @property {number} [retryAfterSeconds] sent as retry-after=<s> with the rate-limit close (default 2)
 * @property {number} [tickerMs] when set, every client gets {"type":"tick","n":…} at this interval
 */

/**
 * @typedef {object} Connection
 * @property {string} url        the request path and query, e.g. "/live?token=abc"
 * @property {string | null} token
 * @property {number} openedAt
 * @property {number | undefined} closedAt
 * @property {string[]} received  text messages in arrival order
 */

/**
 * Starts an upstream service on 127.0.0.1: echoes text messages, answers "ping" with "pong",
 * and enforces a token policy the tests can change at run time.
 *
 * - tokens in `invalidTokens` are rejected in the handshake with HTTP 401;
 * - tokens in `expiredTokens` are accepted, then closed with 1008 "token expired";
 * - more than `rateLimit` messages in one second close with 1008 "rate limit exceeded; retry-after=N";
 * - the text message "forbidden" closes with 1008 "content rejected: forbidden word".
 *
 * @param {UpstreamOptions} [options]
 */
export async function startUpstream(options = {}) {
  /** @type {Connection[]} */
  const connections = [];
  const invalidTokens = new Set();
  const expiredTokens = new Set();
  const state = {
    handshakeStatus: /** @type {number | null} */ (null),
    answerPings: true,
    rateLimit: options.rateLimit ?? 0,
  };
  const retryAfter = options.retryAfterSeconds ?? 2;
  const server = createServer((_req, res) => {
    res.writeHead(426, { 'content-type': 'text/plain' }).end('WebSocket only');
  });
  const wss = new WebSocketServer({
    server,
    verifyClient: (info, done) => {
      const token = new URL(info.req.url ?? '/', 'http://x').searchParams.get('token');
      if (state.handshakeStatus) return done(false, state.handshakeStatus);
      if (token !== null && invalidTokens.has(token)) return done(false, 401, 'Unauthorized');
      done(true);
    },
  });
  /** @type {Map<import('ws').WebSocket, Connection>} */
  const live = new Map();
  wss.on('connection', (ws, req) => {
    const token = new URL(req.url ?? '/', 'http://x').searchParams.get('token');
    /** @type {Connection} */
    const conn = { url: req.url ?? '/', token, openedAt: Date.now(), closedAt: undefined, received: [] };
    connections.push(conn);
    live.set(ws, conn);
    let windowStart = Date.now();
    let inWindow = 0;
    const ticker = options.tickerMs
      ? setInterval(
          () => ws.send(JSON.stringify({ type: 'tick', n: conn.received.length, at: Date.now() })),
          options.tickerMs,
        )
      : undefined;
    ws.on('close', () => {
      conn.closedAt = Date.now();
      live.delete(ws);
      if (ticker) clearInterval(ticker);
    });
    ws.on('error', () => {});
    if (token !== null && expiredTokens.has(token)) {
      ws.close(1008, 'token expired');
      return;
    }
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        ws.send(data, { binary: true });
        return;
      }
      const text = data.toString();
      if (text === 'forbidden') {
        ws.close(1008, 'content rejected: forbidden word');
        return;
      }
      if (text === 'ping') {
        if (state.answerPings) ws.send('pong');
        return;
      }
      conn.received.push(text);
      const now = Date.now();
      if (now - windowStart >= 1000) {
        windowStart = now;
        inWindow = 0;
      }
      if (state.rateLimit > 0 && ++inWindow > state.rateLimit) {
        ws.close(1008, `rate limit exceeded; retry-after=${retryAfter}`);
        return;
      }
      ws.send(text);
    });
  });
  await new Promise((resolve) => server.listen(options.port ?? 0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    port,
    url: `ws://127.0.0.1:${port}`,
    connections,
    invalidTokens,
    expiredTokens,
    /** Closes every client with a code and reason (a real close frame). */
    closeAll(/** @type {number} */ code, /** @type {string} */ reason = '') {
      for (const ws of live.keys()) ws.close(code, reason);
    },
    /** Drops every client's TCP connection without a close frame (the client sees 1006). */
    dropAll() {
      for (const ws of live.keys()) ws.terminate();
    },
    /** Answer every handshake with this HTTP status (e.g. 401, 502), or null to accept again. */
    rejectHandshakes(/** @type {number | null} */ status) {
      state.handshakeStatus = status;
    },
    /** Stop answering "ping" (a half-open connection, as the client sees it). */
    answerPings(/** @type {boolean} */ on) {
      state.answerPings = on;
    },
    /** Marks every connected token expired and closes those connections with 1008 "token expired". */
    expireTokens() {
      for (const [ws, conn] of live) {
        if (conn.token === null) continue;
        expiredTokens.add(conn.token);
        ws.close(1008, 'token expired');
      }
    },
    setRateLimit(/** @type {number} */ perSecond) {
      state.rateLimit = perSecond;
    },
    get liveCount() {
      return live.size;
    },
    /** Stops the service: every client is dropped (1006) and the port is freed. */
    async stop() {
      for (const ws of live.keys()) ws.terminate();
      wss.close();
      server.closeAllConnections?.();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}
