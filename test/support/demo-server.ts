// The demo (Vite, its upstream service and gateway) on 127.0.0.1 for the browser tests, started
// once per test file. No HMR and no file watching: a source file saved during the run must not
// reload the page.
import type { AddressInfo } from 'node:net';
import { createServer, type ViteDevServer } from 'vite';
import { demoConfig } from '../../demo/config.mjs';

export interface DemoServer {
  /** The demo page's URL, ending in '/'. */
  readonly base: string;
  close(): Promise<void>;
}

export async function startDemoServer(): Promise<DemoServer> {
  const server: ViteDevServer = await createServer({
    ...demoConfig({ quiet: true }),
    configFile: false,
    logLevel: 'error',
    server: { host: '127.0.0.1', port: 0, hmr: false, watch: null },
  });
  await server.listen();
  const address = server.httpServer?.address() as AddressInfo | null;
  return { base: `http://127.0.0.1:${address?.port}/`, close: () => server.close() };
}
