// @vitest-environment jsdom
// <StrictMode> against a real `ws` server on 127.0.0.1: the server counts its connections.
import type { AddressInfo } from 'node:net';
import { act, cleanup, render, screen } from '@testing-library/react';
import { createElement, StrictMode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import type { ResilientSocketOptions } from '../../src/client/options.js';
import { StatusBanner, useResilientSocket, useSocketEvent, useSocketStatus } from '../../src/react/index.js';
import { waitFor } from '../support/wait.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  cleanup();
  while (cleanups.length) await cleanups.pop()?.();
});

/** A ws server that counts every connection it accepts and every one that ended. */
async function server() {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  const counts = { opened: 0, closed: 0, paths: [] as string[] };
  wss.on('connection', (ws, req) => {
    counts.opened++;
    counts.paths.push(req.url ?? '');
    ws.on('message', (data) => ws.send(String(data)));
    ws.on('close', () => counts.closed++);
  });
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => resolve());
      }),
  );
  const { port } = wss.address() as AddressInfo;
  return { wss, counts, url: `ws://127.0.0.1:${port}` };
}

const OPTIONS: ResilientSocketOptions = {
  WebSocket,
  lifecycle: false,
  backoff: { initialDelayMs: 50, maxDelayMs: 200 },
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function App({ url, tag }: { url: string; tag: string }) {
  // A new options object on every render, as apps write them inline.
  const socket = useResilientSocket(url, { ...OPTIONS });
  const status = useSocketStatus(socket);
  useSocketEvent(socket, 'open', () => socket?.send(`hello from ${tag}`));
  return createElement(
    'div',
    null,
    createElement('output', { 'data-testid': 'state' }, status.state),
    createElement(StatusBanner, { socket }),
  );
}

const strict = (url: string, tag = 'a') => createElement(StrictMode, null, createElement(App, { url, tag }));

describe('closewise/react against a real ws server', () => {
  it('StrictMode: the server sees exactly one connection, which stays; unmount closes it', async () => {
    const { counts, url } = await server();
    const { unmount, rerender } = render(strict(`${url}/live`));
    await waitFor(() => screen.getByTestId('state').textContent === 'open', 'the socket to open');
    for (let i = 0; i < 5; i++) rerender(strict(`${url}/live`, `render ${i}`));
    await sleep(300);
    expect(counts).toEqual({ opened: 1, closed: 0, paths: ['/live'] });
    unmount();
    await waitFor(() => counts.closed === 1, 'the server to see the close');
    await sleep(300);
    expect(counts).toEqual({ opened: 1, closed: 1, paths: ['/live'] });
  });

  it('a new URL string: one close and one new connection on the server', async () => {
    const { counts, url } = await server();
    const { rerender } = render(strict(`${url}/a`));
    await waitFor(() => counts.opened === 1, 'the first connection');
    await act(async () => rerender(strict(`${url}/b`)));
    await waitFor(() => counts.opened === 2 && counts.closed === 1, 'the switch to /b');
    await sleep(300);
    expect(counts).toEqual({ opened: 2, closed: 1, paths: ['/a', '/b'] });
  });
});
