// The React demo page (demo/react.html: React 19 in <StrictMode>, closewise/react from the sources)
// in real Chromium and real Firefox, through the demo's real gateway and upstream, driven as a
// person would. What reaches the gateway is counted by a transparent TCP tap in front of it: the
// React page is handed the tap's address in /__closewise/config, and every byte, 502 and close frame
// goes through unchanged. One TCP connection is one WebSocket connection (or refused handshake).
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { connect, createServer as createTcpServer, type Server, type Socket } from 'node:net';
import type { Browser, Page } from 'puppeteer-core';
import { createServer, type Plugin, type ViteDevServer } from 'vite';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { demoConfig } from '../../demo/config.mjs';
import { BROWSERS, browserAvailable, describeEachBrowser, launchBrowser, watchErrors } from '../support/browsers.js';
import { waitFor } from '../support/wait.js';

const ARTIFACTS = 'test-artifacts';
const WAIT = { timeout: 30_000 };
/** Polling by interval, not animation frames: a headless page may get few of those. */
const POLL = { polling: 50, ...WAIT };

let server: ViteDevServer | undefined;
let tap: Server | undefined;
let tapUrl = '';
let base = '';
/** TCP connections the browser opened to the gateway, and those still open. */
const counts = { opened: 0 };
const live = new Set<Socket>();

/**
 * Hands the React page the tap's address instead of the gateway's; every other page (the main demo
 * the test navigates to) gets the demo's own answer, so the tap counts the React page alone.
 */
const tapConfig: Plugin = {
  name: 'test-gateway-tap',
  configureServer(vite) {
    vite.middlewares.use('/__closewise/config', (req, res, next) => {
      if (!tapUrl || !req.headers.referer?.includes('/react.html')) return next();
      const end = res.end.bind(res) as (chunk?: unknown) => typeof res;
      (res as { end: (chunk?: unknown) => typeof res }).end = (chunk?: unknown) => {
        const config = JSON.parse(String(chunk)) as { gatewayUrl: string };
        config.gatewayUrl = `${tapUrl}${new URL(config.gatewayUrl).pathname}`;
        return end(JSON.stringify(config));
      };
      next();
    });
  },
};

beforeAll(async () => {
  if (!BROWSERS.some((spec) => browserAvailable(spec))) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  const demo = demoConfig({ quiet: true });
  server = await createServer({
    ...demo,
    plugins: [tapConfig, ...(demo.plugins ?? [])],
    configFile: false,
    logLevel: 'error',
    // No HMR and no file watching: a source file saved during the run must not reload the page.
    server: { host: '127.0.0.1', port: 0, hmr: false, watch: null },
  });
  await server.listen();
  const address = server.httpServer?.address() as AddressInfo | null;
  base = `http://127.0.0.1:${address?.port}/`;

  const { gatewayUrl } = (await (await fetch(`${base}__closewise/config`)).json()) as { gatewayUrl: string };
  const gatewayPort = Number(new URL(gatewayUrl).port);
  tap = createTcpServer((client) => {
    counts.opened++;
    live.add(client);
    const upstream = connect(gatewayPort, '127.0.0.1');
    client.pipe(upstream).pipe(client);
    const done = () => {
      live.delete(client);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', done).on('error', done);
    upstream.on('close', done).on('error', done);
  });
  await new Promise<void>((resolve) => tap?.listen(0, '127.0.0.1', resolve));
  tapUrl = `ws://127.0.0.1:${(tap.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const socket of live) socket.destroy();
  await new Promise((resolve) => (tap ? tap.close(resolve) : resolve(undefined)));
  await server?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const button = (page: Page, name: string) => page.locator(`::-p-aria([name=${JSON.stringify(name)}][role="button"])`);
const waitForState = (page: Page, state: string) =>
  page.waitForFunction((s: string) => document.querySelector('#state')?.textContent === s, POLL, state);
/** The visible banner region with this role, once its text contains `text`; returns that text. */
const waitForBanner = async (page: Page, role: 'status' | 'alert', text: string) => {
  const handle = await page.waitForFunction(
    (r: string, t: string) => {
      const el = document.querySelector<HTMLElement>(`[data-closewise-status] .banner[role="${r}"]:not([hidden])`);
      return el?.innerText.includes(t) ? el.innerText : false;
    },
    POLL,
    role,
    text,
  );
  return String(await handle.jsonValue());
};

// A test that failed midway must not leave the next one (or the next browser) without an upstream.
afterEach(async () => {
  if (base) await fetch(`${base}__closewise/upstream/restore`, { method: 'POST' });
});

describeEachBrowser('react demo', (spec) => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser(spec);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('StrictMode: one connection; Kill upstream shows the 1014 banner, restore hides it; unmount and navigation close it', async () => {
    counts.opened = 0;
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await page.goto(`${base}react.html`);
    await waitForState(page, 'open');
    // StrictMode ran the effects twice; still one connection reached the gateway, and it stays.
    await sleep(500);
    expect(counts.opened).toBe(1);
    expect(live.size).toBe(1);
    expect(errors).toEqual({ console: [], thrown: [] });
    expect(await page.$eval('#token', (el) => el.textContent)).toMatch(/^t\d+$/);

    await button(page, 'Kill upstream (1014)').click();
    const banner = await waitForBanner(page, 'status', 'Last close: 1014 Bad Gateway');
    expect(banner).toContain('gateway or proxy');
    await page.screenshot({ path: `${ARTIFACTS}/react-demo-${spec.name}-1014-banner.png`, fullPage: true });
    // In the timeline, though perhaps no longer on top: a retry into the gateway's 502 (the
    // upstream is still down) may already have added a 1006 above it.
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('#timeline li .meta')].some((el) => el.textContent?.includes('1014 Bad Gateway')),
      POLL,
    );

    await button(page, 'Restore upstream').click();
    await waitForState(page, 'open');
    await page.waitForSelector('[data-closewise-status] .banner', { hidden: true, ...WAIT });
    await page.screenshot({ path: `${ARTIFACTS}/react-demo-${spec.name}-after-recovery.png`, fullPage: true });
    await sleep(200);
    expect(live.size).toBe(1);

    // Unmount the component that owns the socket (a route change in an app): the gateway sees the close.
    await button(page, 'Unmount the connection').click();
    await waitFor(() => live.size === 0, 'the unmount to close the connection on the server');
    expect(await page.$('#state')).toBeNull();

    // Mount it again (StrictMode again): exactly one new connection.
    const before = counts.opened;
    await button(page, 'Mount the connection').click();
    await waitForState(page, 'open');
    await sleep(500);
    expect(counts.opened - before).toBe(1);
    expect(live.size).toBe(1);

    // Navigate away: the connection closes on the server side.
    await page.goto(base);
    await waitFor(() => live.size === 0, 'navigating away to close the connection on the server');

    // The only errors are the browser's own reports of handshakes the gateway refused with 502
    // while the upstream was down (Chromium: console errors, Firefox: page errors).
    const refused =
      spec.name === 'chromium'
        ? /^WebSocket connection to 'ws:\/\/127\.0\.0\.1:\d+\/live\?token=t\d+' failed: Error during WebSocket handshake: Unexpected response code: 502$/
        : /^Firefox can’t establish a connection to the server at ws:\/\/127\.0\.0\.1:\d+\/live\?token=t\d+\.$/;
    for (const message of [...errors.console, ...errors.thrown]) expect(message).toMatch(refused);
    await page.close();
  });

  it('is linked from the main demo page', async () => {
    const page = await browser.newPage();
    await page.goto(base);
    await Promise.all([page.waitForNavigation(), page.locator('::-p-aria([name="The same demo in React"])').click()]);
    expect(new URL(page.url()).pathname).toBe('/react.html');
    await waitForState(page, 'open');
    await page.close();
  });
});
