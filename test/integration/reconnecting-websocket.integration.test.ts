// The adapter against the real reconnecting-websocket 4.4.0 and real `ws` servers on 127.0.0.1.
import { createServer } from 'node:net';
import ReconnectingWebSocket from 'reconnecting-websocket';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { spawnGateway } from '../../servers/spawn-gateway.mjs';
import { startUpstream } from '../../servers/upstream.mjs';
import { type ClosePolicyGuard, withClosePolicy } from '../../src/adapters/reconnecting-websocket.js';
import type { CloseClassification } from '../../src/policy/classify.js';
import { waitFor } from '../support/wait.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

// Short rws delays keep the tests quick; its logic is unchanged.
const RWS = { minReconnectionDelay: 100, maxReconnectionDelay: 300, connectionTimeout: 2000 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function guarded(url: string | (() => string), options: Parameters<typeof withClosePolicy>[1] = {}) {
  const guard = withClosePolicy((Ctor) => new ReconnectingWebSocket(url, [], { ...RWS, WebSocket: Ctor }), {
    WebSocket,
    ...options,
  });
  cleanups.push(() => guard.close());
  const closes: CloseClassification[] = [];
  guard.on('close', (c) => closes.push(c));
  return { guard, closes };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

const opened = (guard: ClosePolicyGuard) => () => guard.status.state === 'open';

describe('reconnecting-websocket 4.4.0 under withClosePolicy', () => {
  it('without the adapter, rws reports a refused connection as a made-up 1000 (the bug we fix)', async () => {
    const port = await freePort();
    const rws = new ReconnectingWebSocket(`ws://127.0.0.1:${port}/`, [], { ...RWS, WebSocket, maxRetries: 0 });
    const codes: number[] = [];
    rws.addEventListener('close', (e) => {
      codes.push(e.code);
    });
    rws.addEventListener('error', () => {});
    await waitFor(() => codes.length > 0, 'a close from rws');
    rws.close();
    expect(codes[0]).toBe(1000);
  });

  it('a refused connection is reported as 1006 before open, not 1000', async () => {
    const port = await freePort();
    const { guard, closes } = guarded(`ws://127.0.0.1:${port}/`);
    await waitFor(() => closes.length > 0, 'the first close');
    expect(closes[0]).toMatchObject({ code: 1006, phase: 'handshake', wasClean: false, action: 'reconnect' });
    expect(guard.status.state === 'backoff' || guard.status.state === 'connecting').toBe(true);
  });

  it('1008 stops it: the server sees exactly one connection, and policy carries the advice', async () => {
    const up = await startUpstream();
    cleanups.push(() => up.stop());
    up.expiredTokens.add('x');
    const { guard, closes } = guarded(`${up.url}/live?token=x`);
    const policies: string[] = [];
    guard.on('policy', (e) => policies.push(`${e.kind}: ${e.advice.howToFix.slice(0, 20)}`));
    await waitFor(() => closes.length === 1, 'the 1008');
    expect(closes[0]).toMatchObject({ code: 1008, reason: 'token expired', action: 'policy', policyKind: 'auth' });
    await sleep(1000); // several rws reconnect delays
    expect(up.connections).toHaveLength(1);
    expect(guard.status.state).toBe('paused');
    expect(policies).toEqual(["auth: Check the server's p"]);
  });

  it('a close listener that throws cannot keep rws looping on 1008; its error is rethrown, not lost', async () => {
    const up = await startUpstream();
    cleanups.push(() => up.stop());
    up.expiredTokens.add('x');
    // The real timers, with the rethrown listener errors collected instead of crashing the runner.
    const rethrown: unknown[] = [];
    const clock = {
      now: () => Date.now(),
      setTimeout: (fn: () => void, ms: number) =>
        setTimeout(() => {
          try {
            fn();
          } catch (error) {
            rethrown.push(error);
          }
        }, ms),
      clearTimeout: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    };
    const { guard } = guarded(`${up.url}/live?token=x`, { clock });
    guard.on('close', () => {
      throw new Error('bug in the close listener');
    });
    await waitFor(() => guard.status.state === 'paused', 'the 1008 pause');
    await sleep(1000); // several rws reconnect delays
    expect(up.connections).toHaveLength(1);
    expect(rethrown.map((e) => (e as Error).message)).toEqual(['bug in the close listener']);
  });

  it('when a refused handshake never fires close (as in Node 22), closes are still reported in order', async () => {
    // ws, minus the close event of a connection that never opened: Node 22's built-in WebSocket.
    function SilentOnRefusal(url: string, protocols?: string | string[]) {
      const ws = new WebSocket(url, protocols);
      let opened = false;
      ws.once('open', () => {
        opened = true;
      });
      const add = ws.addEventListener.bind(ws) as (type: string, listener: unknown, options?: unknown) => void;
      ws.addEventListener = ((type: string, listener: (event: unknown) => void, options?: unknown) =>
        add(type, type === 'close' ? (event: unknown) => opened && listener(event) : listener, options)) as never;
      return ws;
    }
    const up = await startUpstream();
    cleanups.push(() => up.stop());
    up.rejectHandshakes(401);
    const { guard, closes } = guarded(up.url, { WebSocket: SilentOnRefusal as never });
    guard.on('open', () => guard.rws.send('forbidden'));
    await waitFor(() => closes.length > 0, 'the first refusal');
    up.rejectHandshakes(null);
    await waitFor(() => guard.status.state === 'paused', 'the 1008 pause');
    await sleep(2500); // longer than the adapter's wait for a missing native close
    expect(closes.at(-1)).toMatchObject({ code: 1008, action: 'policy', phase: 'open' });
    const before = closes.slice(0, -1);
    expect(before.length).toBeGreaterThan(0);
    for (const c of before) expect(c).toMatchObject({ code: 1006, phase: 'handshake', initiator: 'server' });
    expect(guard.status.state).toBe('paused');
    expect(up.connections).toHaveLength(1);
  });

  it('1014 through the real gateway lets it reconnect', async () => {
    const up = await startUpstream();
    const gw = await spawnGateway(up.url);
    cleanups.push(() => gw.stop());
    const { guard, closes } = guarded(`${gw.url}/live`);
    await waitFor(opened(guard), 'open');
    const port = up.port;
    await up.stop();
    await waitFor(() => closes.some((c) => c.code === 1014), 'the 1014');
    expect(closes.find((c) => c.code === 1014)).toMatchObject({
      name: 'Bad Gateway',
      action: 'reconnect',
      phase: 'open',
    });
    const back = await startUpstream({ port });
    cleanups.push(() => back.stop());
    await waitFor(() => opened(guard)() && back.connections.length === 1, 'the reconnect');
    expect(closes.every((c) => c.code !== 1000)).toBe(true);
  });

  it('auth.refresh: a 1008 token expiry refreshes, then exactly one reconnect with the new token', async () => {
    const up = await startUpstream();
    cleanups.push(() => up.stop());
    up.expiredTokens.add('old');
    let token = 'old';
    let refreshes = 0;
    const { guard } = guarded(() => `${up.url}/live?token=${token}`, {
      auth: {
        refresh: async () => {
          refreshes++;
          token = 'new';
        },
      },
    });
    await waitFor(() => opened(guard)() && up.connections.length === 2, 'the refreshed connection');
    await sleep(500);
    expect(refreshes).toBe(1);
    expect(up.connections.map((c) => c.token)).toEqual(['old', 'new']);
  });

  it("a 1008 that survives the refresh stops with 'policy-loop'", async () => {
    const up = await startUpstream();
    cleanups.push(() => up.stop());
    up.expiredTokens.add('t');
    const { guard } = guarded(`${up.url}/live?token=t`, { auth: { refresh: () => {} } });
    const stopped: string[] = [];
    guard.on('stopped', (e) => stopped.push(e.reason));
    await waitFor(() => stopped.length > 0, 'the stop');
    expect(stopped).toEqual(['policy-loop']);
    await sleep(800);
    expect(up.connections).toHaveLength(2);
  });

  it('rws.close() called by the app is a client close: reported, not acted on', async () => {
    const up = await startUpstream();
    cleanups.push(() => up.stop());
    const { guard, closes } = guarded(`${up.url}/live`);
    await waitFor(opened(guard), 'open');
    guard.rws.close(4001, 'bye');
    await waitFor(() => closes.length === 1, 'the close');
    expect(closes[0]).toMatchObject({ code: 4001, initiator: 'client', action: 'none' });
    expect(guard.status.state).toBe('closed');
    await sleep(500);
    expect(up.connections).toHaveLength(1);
  });

  it('a fatal 1003 stops it for good; policy.retry() style reconnect() revives it', async () => {
    const up = await startUpstream();
    cleanups.push(() => up.stop());
    const { guard } = guarded(`${up.url}/live`);
    await waitFor(opened(guard), 'open');
    up.closeAll(1003, 'text only');
    await waitFor(() => guard.status.state === 'stopped', 'the stop');
    await sleep(800);
    expect(up.connections).toHaveLength(1);
    guard.reconnect();
    await waitFor(() => opened(guard)() && up.connections.length === 2, 'the revival');
  });
});
