// A Vite plugin that starts every server the demo needs on 127.0.0.1 and a small control API the
// page's buttons call to cause real faults. Nothing else has to be started by hand.
import { startGateway } from '../servers/gateway.mjs';
import { startUpstream } from '../servers/upstream.mjs';

/** @param {{ quiet?: boolean }} [options] */
export function closewiseDemoServers(options = {}) {
  return {
    name: 'closewise-demo-servers',
    /** @param {import('vite').ViteDevServer} server */
    async configureServer(server) {
      let upstream = await startUpstream({ tickerMs: 2000, rateLimit: 20, retryAfterSeconds: 3 });
      const upstreamPort = upstream.port;
      let upstreamUp = true;
      const gateway = await startGateway({ upstreamUrl: upstream.url });
      let tokenSeq = 0;

      /** @type {Record<string, () => unknown | Promise<unknown>>} */
      const actions = {
        'GET /config': () => ({ gatewayUrl: `${gateway.url}/live`, upstreamUp }),
        'POST /token': () => ({ token: `t${++tokenSeq}` }),
        // What the servers saw, for the cross-tab browser tests: tokens handed out, connections
        // the upstream accepted (open or not) and what each received.
        'GET /stats': () => ({
          tokens: tokenSeq,
          connections: upstream.connections.map((c) => ({
            open: c.closedAt === undefined,
            openedAt: c.openedAt,
            received: c.received,
          })),
        }),
        'POST /upstream/kill': async () => {
          if (upstreamUp) await upstream.stop();
          upstreamUp = false;
          return { upstreamUp };
        },
        'POST /upstream/restore': async () => {
          if (!upstreamUp)
            upstream = await startUpstream({ port: upstreamPort, tickerMs: 2000, rateLimit: 20, retryAfterSeconds: 3 });
          upstreamUp = true;
          return { upstreamUp };
        },
        'POST /token/expire': () => upstream.expireTokens(),
        'POST /restart': () => upstream.closeAll(1012, 'service restart'),
        'POST /overload': () => upstream.closeAll(1013, 'overloaded'),
        'POST /drop': () => gateway.dropClients(),
      };

      server.middlewares.use('/__closewise', async (req, res) => {
        const url = new URL(req.url ?? '/', 'http://demo');
        const send = (/** @type {number} */ status, /** @type {unknown} */ body = undefined) => {
          res.statusCode = status;
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify(body ?? { ok: true }));
        };
        if (req.method === 'POST' && url.pathname === '/close') {
          // A custom close from the upstream, forwarded by the gateway: any code, any reason.
          const code = Number(url.searchParams.get('code'));
          if (!Number.isInteger(code) || code < 3000 || code > 4999) {
            return send(400, { error: `code must be 3000-4999, got ${url.searchParams.get('code')}` });
          }
          upstream.closeAll(code, url.searchParams.get('reason') ?? '');
          return send(200);
        }
        const action = actions[`${req.method} ${url.pathname}`];
        if (!action) return send(404, { error: `no demo action ${req.method} ${url.pathname}` });
        try {
          send(200, await action());
        } catch (error) {
          send(500, { error: String(error) });
        }
      });

      server.httpServer?.once('listening', () => {
        if (options.quiet) return;
        const address = server.httpServer?.address();
        const port = typeof address === 'object' && address ? address.port : '?';
        server.config.logger.info(
          `\n  closewise demo: open http://127.0.0.1:${port}/\n  upstream ws://127.0.0.1:${upstreamPort} · gateway ${gateway.url}\n`,
        );
      });
      server.httpServer?.once('close', () => {
        gateway.stop();
        if (upstreamUp) upstream.stop();
      });
    },
  };
}
