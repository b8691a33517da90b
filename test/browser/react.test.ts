// closewise/react in Chromium and Firefox: a page bundled from the built ESM package ('closewise/react',
// resolved through package.json's exports) and React 19 from node_modules, in <StrictMode> with
// React's development build (where StrictMode runs effects twice), against a real `ws` server.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
import { BROWSERS, browserAvailable, describeEachBrowser, launchBrowser, watchErrors } from '../support/browsers.js';
import { waitFor } from '../support/wait.js';

const PAGE = `
  import { createElement, StrictMode } from 'react';
  import { createRoot } from 'react-dom/client';
  import { StatusBanner, useResilientSocket, useSocketStatus } from 'closewise/react';

  // Long, fixed delays: the banner stays up until "Retry now".
  const options = {
    lifecycle: false,
    random: () => 1,
    backoff: { initialDelayMs: 30000, maxDelayMs: 30000, fleetInitialDelayMs: 30000, fleetMaxDelayMs: 30000 },
  };
  function App({ url }) {
    const socket = useResilientSocket(url, { ...options });
    const status = useSocketStatus(socket);
    return createElement('main', null,
      createElement('output', { id: 'state' }, status.state),
      createElement(StatusBanner, { socket }));
  }
  const root = createRoot(document.getElementById('root'));
  window.mount = (url) => root.render(createElement(StrictMode, null, createElement(App, { url })));
  window.unmount = () => root.unmount();
`;

let bundle = '';
let http: Server | undefined;
let wss: WebSocketServer | undefined;
let base = '';
const counts = { opened: 0, closed: 0 };
const open = new Set<WebSocket>();

beforeAll(async () => {
  if (!BROWSERS.some((spec) => browserAvailable(spec))) return;
  if (!existsSync('dist/react/index.js')) execFileSync('npx', ['tsdown'], { stdio: 'ignore' });
  const built = await build({
    stdin: { contents: PAGE, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    format: 'esm',
    write: false,
    // React's development build, so that <StrictMode> mounts, cleans up and mounts again.
    define: { 'process.env.NODE_ENV': '"development"' },
    logLevel: 'error',
  });
  bundle = built.outputFiles[0]?.text ?? '';
  http = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>react</title><div id="root"></div>');
  });
  wss = new WebSocketServer({ server: http });
  wss.on('connection', (ws) => {
    counts.opened++;
    open.add(ws);
    ws.on('close', () => {
      counts.closed++;
      open.delete(ws);
    });
  });
  await new Promise<void>((resolve) => http?.listen(0, '127.0.0.1', resolve));
  base = `127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const ws of open) ws.terminate();
  await new Promise((resolve) => (wss ? wss.close(resolve) : resolve(undefined)));
  await new Promise((resolve) => (http ? http.close(resolve) : resolve(undefined)));
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeEachBrowser('closewise/react', (spec) => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser(spec);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('StrictMode: one connection; after a 1014 the banner is a status with the advice; Retry now by keyboard; unmount closes', async () => {
    counts.opened = 0;
    counts.closed = 0;
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await page.goto(`http://${base}/`);
    await page.addScriptTag({ type: 'module', content: bundle });
    await page.waitForFunction(() => 'mount' in window, { timeout: 10_000 });
    await page.evaluate(
      (url: string) => (window as unknown as { mount(u: string): void }).mount(url),
      `ws://${base}/live`,
    );
    await page.waitForFunction(() => document.querySelector('#state')?.textContent === 'open', { timeout: 10_000 });
    await sleep(300);
    expect(counts).toEqual({ opened: 1, closed: 0 });

    // The upstream is gone: 1014 with a reason the banner must never show.
    for (const ws of open) ws.close(1014, '<img src=x onerror=alert(1)>');
    const region = await page.waitForSelector('[data-closewise-status] [role="status"]:not([hidden])', {
      timeout: 10_000,
    });
    const shown = await region?.evaluate((el) => ({
      text: (el as HTMLElement).innerText,
      name: document.getElementById(el.getAttribute('aria-labelledby') ?? '')?.textContent ?? '',
      timer: el.querySelector('[role="timer"]')?.textContent ?? '',
      images: document.querySelectorAll('img').length,
    }));
    expect(shown?.text).toContain('Last close: 1014 Bad Gateway');
    expect(shown?.text).toContain('gateway or proxy');
    expect(shown?.text).not.toContain('onerror');
    expect(shown?.name).toMatch(/^Connection lost\. Retrying in \d+ s\.$/);
    expect(Number(shown?.timer)).toBeGreaterThan(20);
    expect(shown?.images).toBe(0);

    // "Retry now" from the keyboard: Tab to it, Enter.
    let focused = '';
    for (let i = 0; i < 10 && focused !== 'retry'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.className ?? '');
    }
    expect(focused).toBe('retry');
    await page.keyboard.press('Enter');
    await waitFor(() => counts.opened === 2, 'the retry to reach the server');
    await page.waitForFunction(() => document.querySelector('#state')?.textContent === 'open', { timeout: 10_000 });
    await page.waitForSelector('[data-closewise-status] .banner', { hidden: true, timeout: 10_000 });

    await page.evaluate(() => (window as unknown as { unmount(): void }).unmount());
    await waitFor(() => counts.closed === 2, 'the unmount to close the connection on the server');
    await sleep(200);
    expect(counts).toEqual({ opened: 2, closed: 2 });
    expect(errors).toEqual({ console: [], thrown: [] });
    await page.close();
  });
});
