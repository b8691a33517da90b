// A WebSocket gateway in front of an upstream service, as nginx or an API gateway would be:
// it opens the upstream connection before accepting the client, answers a failed upstream
// handshake with the upstream's HTTP status (502 when unreachable), pipes frames both ways, and
// closes clients with a real 1014 close frame when the upstream connection fails.
import { createServer } from 'node:http';
import { WebSocket, WebSocketServer } from 'ws';

/** Codes an endpoint may put in a close frame; anything else is not forwarded as is. */
function forwardable(/** @type {number} */ code) {
  return (
    (code >= 1000 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006) || (code >= 3000 && code <= 4999)
  );
}

/**
 * @param {{ upstreamUrl: string, port?: number }} options
 */
export async function startGateway({ upstreamUrl, port = 0 }) {
  const server = createServer((_req, res) => {
    res.writeHead(426, { 'content-type': 'text/plain' }).end('WebSocket only');
  });
  const wss = new WebSocketServer({ noServer: true });
  const clients = new Set();
  const stats = { upgrades: 0, rejected: 0, closed1014: 0 };

  server.on('upgrade', (req, socket, head) => {
    stats.upgrades++;
    socket.on('error', () => {});
    const protocols = req.headers['sec-websocket-protocol']?.split(',').map((p) => p.trim());
    const upstream = new WebSocket(`${upstreamUrl}${req.url ?? '/'}`, protocols);
    let upgraded = false;
    let attached = false;
    // The client went away while the upstream was still connecting: as a real gateway does, drop
    // the upstream too, or it would stay open with no one on the other side.
    socket.once('close', () => {
      if (!attached) upstream.terminate();
    });
    const reject = (/** @type {number} */ status) => {
      if (upgraded || socket.destroyed) return;
      stats.rejected++;
      socket.end(`HTTP/1.1 ${status} Gateway\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    upstream.on('unexpected-response', (_r, res) => {
      reject(res.statusCode ?? 502);
      upstream.terminate();
    });
    upstream.on('error', () => reject(502));
    upstream.on('open', () => {
      upgraded = true;
      /** @type {import('ws').WebSocket | null} */
      let client = null;
      /** @type {Array<[import('ws').RawData, boolean]>} */
      const early = [];
      /** @type {[number, Buffer] | null} */
      let earlyClose = null;
      const closeClient = (
        /** @type {import('ws').WebSocket} */ c,
        /** @type {number} */ code,
        /** @type {Buffer} */ reason,
      ) => {
        if (c.readyState !== WebSocket.OPEN) return;
        if (code === 1006 || code === 1015) {
          stats.closed1014++;
          c.close(1014, 'bad gateway: upstream connection failed');
        } else if (forwardable(code)) c.close(code, reason);
        else c.close();
      };
      upstream.on('message', (data, isBinary) => {
        if (!client) early.push([data, isBinary]);
        else if (client.readyState === WebSocket.OPEN) client.send(data, { binary: isBinary });
      });
      upstream.on('close', (code, reason) => {
        if (client) closeClient(client, code, reason);
        else earlyClose = [code, reason];
      });
      wss.handleUpgrade(req, socket, head, (c) => {
        attached = true;
        client = c;
        clients.add(c);
        c.on('error', () => {});
        c.on('message', (data, isBinary) => {
          if (upstream.readyState === WebSocket.OPEN) upstream.send(data, { binary: isBinary });
        });
        c.on('close', (code, reason) => {
          clients.delete(c);
          if (upstream.readyState <= WebSocket.OPEN) {
            if (forwardable(code)) upstream.close(code, reason);
            else upstream.close();
          }
        });
        for (const [data, isBinary] of early) c.send(data, { binary: isBinary });
        if (earlyClose) closeClient(c, earlyClose[0], earlyClose[1]);
      });
    });
  });

  await new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : 0;
  return {
    port: actualPort,
    url: `ws://127.0.0.1:${actualPort}`,
    stats,
    /** Drops every client's TCP connection without a close frame (the client sees 1006). */
    dropClients() {
      for (const c of clients) c.terminate();
    },
    get clientCount() {
      return clients.size;
    },
    async stop() {
      for (const c of clients) c.terminate();
      wss.close();
      server.closeAllConnections?.();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}
