// ResilientWebSocket as a drop-in for the browser's WebSocket, in Chromium and Firefox (issue 16):
// one page bundled from the built ESM package ('closewise', resolved through package.json's exports
// to dist/index.js) runs the SAME app code twice against a real `ws` server, once on
// `new WebSocket(url)` and once on `new ResilientWebSocket(url)`: only the constructor differs.

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
import {
  BROWSERS,
  browserAvailable,
  describeEachBrowser,
  launchBrowser,
  type PageErrors,
  watchErrors,
} from '../support/browsers.js';
import { waitFor } from '../support/wait.js';

const PAGE = `
  import { ResilientWebSocket } from 'closewise';

  // The only line that differs between the runs.
  const CONSTRUCTORS = {
    native: (url) => new WebSocket(url),
    closewise: (url) => new ResilientWebSocket(url),
    // The same, with short delays, to see what repeated 4000s lead to without waiting 30 s.
    'closewise-fast': (url) => new ResilientWebSocket(url, { backoff: { initialDelayMs: 20, maxDelayMs: 20 } }),
  };

  const show = (d) =>
    typeof d === 'string' ? JSON.stringify(d)
    : d instanceof Blob ? 'Blob(' + d.size + ')'
    : d instanceof ArrayBuffer ? 'ArrayBuffer[' + new Uint8Array(d).join(',') + ']'
    : 'other ' + Object.prototype.toString.call(d);

  // ---- the app: written for WebSocket, unchanged between the runs ----
  function app(ws, log, pending) {
    log.push('created readyState=' + ws.readyState + ' connecting=' + (ws.readyState === ws.CONNECTING) +
      ' constants=' + [ws.CONNECTING, ws.OPEN, ws.CLOSING, ws.CLOSED].join(',') + ' binaryType=' + ws.binaryType);
    const removed = () => log.push('a removed listener was called');
    ws.addEventListener('message', removed);
    ws.removeEventListener('message', removed);
    ws.addEventListener('message', (e) => log.push('once: ' + show(e.data)), { once: true });
    ws.onopen = (e) => {
      log.push('open type=' + e.type + ' isOpen=' + (ws.readyState === ws.OPEN) +
        ' extensions=' + JSON.stringify(ws.extensions) + ' binaryType=' + ws.binaryType);
      ws.send('hello');
    };
    ws.addEventListener('message', (e) => {
      const data = e.data;
      log.push('message ' + show(data) + ' type=' + e.type + ' target=' + (e.target === ws));
      if (data === 'hello') {
        ws.send('binary');
      } else if (data instanceof Blob) {
        pending.push(data.arrayBuffer().then((b) => 'Blob bytes [' + new Uint8Array(b).join(',') + ']'));
        ws.binaryType = 'arraybuffer';
        log.push('binaryType=' + ws.binaryType);
        ws.send('binary');
      } else if (data instanceof ArrayBuffer) {
        ws.send('bye');
      }
    });
    ws.onclose = (e) => log.push('close ' + e.code + ' ' + JSON.stringify(e.reason) + ' wasClean=' + e.wasClean);
    ws.addEventListener('close', (e) => log.push('once close type=' + e.type), { once: true });
    ws.onerror = () => log.push('error');
  }

  // On an EventTarget, an on<event> handler runs at the place where it was first set, among the
  // addEventListener listeners: a listener added before it runs before it.
  window.order = (kind, url) => new Promise((resolve) => {
    const log = [];
    const ws = CONSTRUCTORS[kind](url);
    ws.addEventListener('open', () => log.push('listener added before onopen'));
    ws.onopen = () => log.push('onopen');
    ws.addEventListener('open', () => {
      log.push('listener added after onopen');
      ws.close();
      resolve(log);
    });
  });

  window.runs = {};
  window.start = (kind, url) => {
    const run = { log: [], pending: [], closes: [] };
    const ws = CONSTRUCTORS[kind](url);
    run.ws = ws;
    window.runs[kind] = run;
    app(ws, run.log, run.pending);
    // The test's own observer, after the app's listeners: what closewise adds to a close.
    ws.addEventListener('close', (e) => run.closes.push({
      readyState: ws.readyState,
      classification: e.classification === undefined ? null : JSON.parse(JSON.stringify(e.classification)),
    }));
  };
`;

interface Close {
  readyState: number;
  classification: Record<string, unknown> | null;
}
interface Run {
  log: string[];
  closes: Close[];
  blobs: string[];
  readyState: number;
  binaryType: string;
}

let bundle = '';
let http: Server | undefined;
let wss: WebSocketServer | undefined;
let base = '';
/** Connections the server accepted, per path. */
const connections = new Map<string, number>();
const open = new Set<WebSocket>();

beforeAll(async () => {
  if (!BROWSERS.some((spec) => browserAvailable(spec))) return;
  if (!existsSync('dist/index.js')) execFileSync('npx', ['tsdown'], { stdio: 'ignore' });
  const built = await build({
    stdin: { contents: PAGE, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'error',
  });
  // The page runs the built package, not the sources.
  const inputs = Object.keys(built.metafile.inputs);
  expect(inputs).toContain('dist/index.js');
  expect(inputs.filter((p) => p.startsWith('src/'))).toEqual([]);
  bundle = built.outputFiles[0]?.text ?? '';

  http = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>drop-in</title><body></body>');
  });
  wss = new WebSocketServer({ server: http });
  wss.on('connection', (ws, req) => {
    const path = req.url ?? '/';
    connections.set(path, (connections.get(path) ?? 0) + 1);
    open.add(ws);
    ws.on('close', () => open.delete(ws));
    // Echoes text; 'binary' gets three bytes back as a binary frame; 'bye' gets a 4000 close.
    ws.on('message', (data, isBinary) => {
      const text = isBinary ? '' : data.toString();
      if (text === 'binary') ws.send(Buffer.from([1, 2, 3]), { binary: true });
      else if (text === 'bye') ws.close(4000, 'bye');
      else ws.send(data, { binary: isBinary });
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

type Kind = 'native' | 'closewise' | 'closewise-fast';

const start = (page: Page, kind: Kind, url: string) =>
  page.evaluate(
    (k: string, u: string) => (window as unknown as { start(k: string, u: string): void }).start(k, u),
    kind,
    url,
  );

/** Waits until the run has seen `closes` close events (`opens` opens, if given), then reads it. */
async function read(page: Page, kind: Kind, until: { closes?: number; opens?: number }): Promise<Run> {
  await page.waitForFunction(
    (k: string, closes: number, opens: number) => {
      const run = (window as unknown as { runs: Record<string, { log: string[]; closes: unknown[] }> }).runs[k];
      return (
        run !== undefined && run.closes.length >= closes && run.log.filter((l) => l.startsWith('open ')).length >= opens
      );
    },
    { polling: 50, timeout: 20_000 },
    kind,
    until.closes ?? 0,
    until.opens ?? 0,
  );
  return page.evaluate(async (k: string) => {
    type PageRun = {
      log: string[];
      closes: Close[];
      pending: Promise<string>[];
      ws: { readyState: number; binaryType: string };
    };
    const run = (window as unknown as { runs: Record<string, PageRun> }).runs[k] as PageRun;
    return {
      log: [...run.log],
      closes: [...run.closes],
      blobs: await Promise.all(run.pending),
      readyState: run.ws.readyState,
      binaryType: run.ws.binaryType,
    };
  }, kind);
}

const closeRun = (page: Page, kind: Kind) =>
  page.evaluate((k: string) => {
    (window as unknown as { runs: Record<string, { ws: { close(): void } }> }).runs[k]?.ws.close();
  }, kind);

/** What the app logs for one connection: the same on WebSocket and ResilientWebSocket. */
const CONNECTION = [
  'open type=open isOpen=true extensions="" binaryType=blob',
  'once: "hello"',
  'message "hello" type=message target=true',
  'message Blob(3) type=message target=true',
  'binaryType=arraybuffer',
  'message ArrayBuffer[1,2,3] type=message target=true',
  'close 4000 "bye" wasClean=true',
  'once close type=close',
];
const APP_LOG = ['created readyState=0 connecting=true constants=0,1,2,3 binaryType=blob', ...CONNECTION];

describeEachBrowser('ResilientWebSocket as a drop-in for WebSocket', (spec) => {
  let browser: Browser;
  let page: Page;
  let errors: PageErrors;
  const url = (kind: Kind) => `ws://${base}/${spec.name}/${kind}`;

  beforeAll(async () => {
    browser = await launchBrowser(spec);
    page = await browser.newPage();
    errors = watchErrors(page);
    await page.goto(`http://${base}/`);
    await page.addScriptTag({ type: 'module', content: bundle });
    await page.waitForFunction(() => 'start' in window, { timeout: 10_000 });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('the same app code logs the same sequence on WebSocket and on ResilientWebSocket; closewise adds the classification of 4000 and reconnects', async () => {
    await start(page, 'native', url('native'));
    const native = await read(page, 'native', { closes: 1 });
    expect(native.log).toEqual(APP_LOG);
    expect(native.blobs).toEqual(['Blob bytes [1,2,3]']);
    expect(native.closes).toEqual([{ readyState: 3, classification: null }]);

    await start(page, 'closewise', url('closewise'));
    const first = await read(page, 'closewise', { closes: 1 });
    // Up to the first close (the retry may already be under way: its jitter can be ~0 ms).
    expect(first.log.slice(0, native.log.length)).toEqual(native.log);
    expect(first.blobs).toEqual(native.blobs);
    // 4000 is in the private range: no name of its own, 'reconnect' by default (codes.ts, entryOf).
    expect(first.closes[0]?.classification).toMatchObject({
      code: 4000,
      reason: 'bye',
      wasClean: true,
      range: 'private',
      action: 'reconnect',
      initiator: 'server',
      phase: 'open',
      scope: 'client',
      escalated: false,
    });
    // A difference from the native socket: during that close, readyState is already CONNECTING
    // (closewise is waiting to reconnect), where the native one is CLOSED.
    expect(first.closes[0]?.readyState).toBe(0);

    // The reconnect (after up to 1 s of jitter): the app's onopen runs again, binaryType stays
    // 'arraybuffer', and the { once: true } listeners do not come back.
    const again = await read(page, 'closewise', { opens: 2 });
    expect(again.log.slice(0, APP_LOG.length)).toEqual(APP_LOG);
    expect(again.log[APP_LOG.length]).toBe('open type=open isOpen=true extensions="" binaryType=arraybuffer');
    expect(again.log.filter((l) => l.startsWith('once'))).toEqual(['once: "hello"', 'once close type=close']);
    expect(again.log).not.toContain('a removed listener was called');
    expect(connections.get(`/${spec.name}/closewise`)).toBeGreaterThanOrEqual(2);
    expect(connections.get(`/${spec.name}/native`)).toBe(1);

    // close() ends it for good. The second connection's exchange is quick, so by now it has usually
    // closed with 4000 too and close() finds closewise waiting to retry (no close event then);
    // otherwise close() closes it (a client close, action 'none').
    await closeRun(page, 'closewise');
    const seen = connections.get(`/${spec.name}/closewise`);
    await new Promise((resolve) => setTimeout(resolve, 1500)); // more than the first retry's 1 s ceiling
    const closed = await read(page, 'closewise', {});
    expect(closed.readyState).toBe(3);
    expect(connections.get(`/${spec.name}/closewise`)).toBe(seen);
    // (A close() racing the server's 4000 frame reports the server's code, as 'client' / 'none'.)
    for (const c of closed.closes.slice(1)) {
      const { initiator, action } = c.classification ?? {};
      if (initiator === 'client') expect(action).toBe('none');
      else expect(c.classification).toMatchObject({ code: 4000, initiator: 'server', action: 'reconnect' });
    }
    expect(errors).toEqual({ console: [], thrown: [] });
  });

  const order = (kind: Kind) =>
    page.evaluate(
      (k: string, u: string) => (window as unknown as { order(k: string, u: string): Promise<string[]> }).order(k, u),
      kind,
      `ws://${base}/${spec.name}/order-${kind}`,
    );
  const REGISTRATION_ORDER = ['listener added before onopen', 'onopen', 'listener added after onopen'];

  it('the native WebSocket runs on<event> handlers and listeners in registration order', async () => {
    expect(await order('native')).toEqual(REGISTRATION_ORDER);
  });

  // An on<event> handler runs where it was first set among the listeners, as on a WebSocket.
  it('ResilientWebSocket runs them in registration order too', async () => {
    expect(await order('closewise')).toEqual(REGISTRATION_ORDER);
  });

  it('4000 again and again: closewise reconnects after each of 5 in a row, and the 6th stops it (escalated)', async () => {
    await start(page, 'closewise-fast', url('closewise-fast'));
    const run = await read(page, 'closewise-fast', { closes: 6 });
    // Give a 7th connection the time to show up, if closewise were to try one.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const done = await read(page, 'closewise-fast', { closes: 6 });
    expect(done.closes).toHaveLength(6);
    expect(done.closes.map((c) => [c.classification?.action, c.classification?.escalated])).toEqual([
      ...Array.from({ length: 5 }, () => ['reconnect', false]),
      ['stop', true],
    ]);
    expect(done.closes.map((c) => c.classification?.code)).toEqual(Array(6).fill(4000));
    expect(done.readyState).toBe(3);
    expect(done.closes.at(-1)?.readyState).toBe(3);
    expect(run.log.filter((l) => l === 'close 4000 "bye" wasClean=true')).toHaveLength(6);
    await waitFor(() => connections.get(`/${spec.name}/closewise-fast`) === 6, 'six connections on the server');
    expect(errors).toEqual({ console: [], thrown: [] });
  });
});
