// Real `ws` servers on 127.0.0.1 and a real gateway process in front of them. No network mocks.
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { spawnGateway } from '../../servers/spawn-gateway.mjs';
import { startUpstream } from '../../servers/upstream.mjs';
import type { ResilientSocketEvents } from '../../src/client/events.js';
import type { ResilientSocketOptions } from '../../src/client/options.js';
import { ResilientSocket } from '../../src/client/resilient-socket.js';
import type { CloseClassification } from '../../src/policy/classify.js';
import { LeaderSocket, type Relayed } from '../../src/tabs/leader-socket.js';
import { nextEvent, waitFor } from '../support/wait.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function upstream(options?: Parameters<typeof startUpstream>[0]) {
  const up = await startUpstream(options);
  cleanups.push(() => up.stop());
  return up;
}

async function gateway(upstreamUrl: string) {
  const gw = await spawnGateway(upstreamUrl);
  cleanups.push(() => gw.stop());
  return gw;
}

// Fast backoff keeps real-time tests short; the logic is the same as with the defaults.
const FAST = { initialDelayMs: 50, maxDelayMs: 200, fleetInitialDelayMs: 50, fleetMaxDelayMs: 200, minUptimeMs: 200 };

function client(url: ConstructorParameters<typeof ResilientSocket>[0], options: ResilientSocketOptions = {}) {
  const socket = new ResilientSocket(url, {
    WebSocket,
    lifecycle: false,
    ...options,
    backoff: { ...FAST, ...options.backoff },
  });
  cleanups.push(() => socket.close());
  return socket;
}

function record<K extends keyof ResilientSocketEvents>(socket: ResilientSocket, event: K) {
  const seen: Parameters<ResilientSocketEvents[K]>[0][] = [];
  socket.on(event, ((p: Parameters<ResilientSocketEvents[K]>[0]) => seen.push(p)) as never);
  return seen;
}

describe('through a real gateway process', () => {
  it('1014 outage: reconnects with backoff, recovers, and delivers messages sent during the outage in order', async () => {
    const up = await upstream();
    const gw = await gateway(up.url);
    const socket = client(`${gw.url}/live`);
    const closes: CloseClassification[] = record(socket, 'close');
    const retries = record(socket, 'reconnecting');
    await nextEvent(socket, 'open');

    const port = up.port;
    await up.stop();
    await waitFor(() => closes.some((c) => c.code === 1014), 'a 1014 from the gateway');
    const first = closes.find((c) => c.code === 1014);
    expect(first).toMatchObject({
      code: 1014,
      name: 'Bad Gateway',
      action: 'reconnect',
      wasClean: true,
      phase: 'open',
    });
    // While the upstream is down the gateway answers 502: the browser-visible 1006 before open.
    await waitFor(() => closes.some((c) => c.code === 1006 && c.phase === 'handshake'), 'a failed handshake');
    for (const m of ['m1', 'm2', 'm3', 'm4', 'm5']) expect(socket.send(m)).toBe('queued');
    expect(socket.status.state === 'backoff' || socket.status.state === 'connecting').toBe(true);

    const back = await upstream({ port });
    await nextEvent(socket, 'open');
    await waitFor(() => (back.connections[0]?.received.length ?? 0) === 5, 'the queued messages upstream');
    expect(back.connections[0]?.received).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
    expect(retries.length).toBeGreaterThanOrEqual(2);
    expect(closes.every((c) => c.code !== 1000)).toBe(true);
  });

  it('1008 token expired: auth.refresh, then exactly one new connection carrying the new token', async () => {
    const up = await upstream();
    const gw = await gateway(up.url);
    up.expiredTokens.add('old');
    let token = 'old';
    let refreshes = 0;
    const socket = client(() => `${gw.url}/live?token=${token}`, {
      auth: {
        refresh: async () => {
          refreshes++;
          token = 'fresh';
        },
      },
    });
    const closes: CloseClassification[] = record(socket, 'close');
    const policies = record(socket, 'policy');
    await waitFor(
      () => socket.status.state === 'open' && up.connections.some((c) => c.token === 'fresh'),
      'the reconnect with the new token',
    );
    expect(closes[0]).toMatchObject({ code: 1008, reason: 'token expired', action: 'policy', policyKind: 'auth' });
    expect(refreshes).toBe(1);
    expect(up.connections.map((c) => c.token)).toEqual(['old', 'fresh']);
    expect(policies).toHaveLength(0);
  });

  it("1008 that survives a refresh stops with 'policy-loop'", async () => {
    const up = await upstream();
    const gw = await gateway(up.url);
    up.expiredTokens.add('t');
    const socket = client(`${gw.url}/live?token=t`, { auth: { refresh: () => {} } });
    const stopped = await nextEvent(socket, 'stopped');
    expect(stopped).toMatchObject({ reason: 'policy-loop', classification: { code: 1008 } });
    await new Promise((r) => setTimeout(r, 300));
    expect(up.connections).toHaveLength(2);
  });

  it('1008 rate limit with retry-after=2: policy event, waits at least 2 s, reconnects by itself', async () => {
    const up = await upstream({ rateLimit: 5, retryAfterSeconds: 2 });
    const gw = await gateway(up.url);
    const socket = client(`${gw.url}/live`);
    await nextEvent(socket, 'open');
    const policy = nextEvent(socket, 'policy');
    for (let i = 0; i < 10; i++) socket.send(`flood ${i}`);
    const e = await policy;
    expect(e.kind).toBe('rate-limit');
    expect(e.classification.retryAfterMs).toBe(2000);
    expect(e.advice.howToFix).toMatch(/retry-after/);
    await nextEvent(socket, 'open', 10_000);
    const [firstConn, second] = up.connections;
    expect(second).toBeDefined();
    // The server-side gap between the close and the next connection honours the hint.
    expect((second?.openedAt ?? 0) - (firstConn?.closedAt ?? 0)).toBeGreaterThanOrEqual(1900);
  });
});

describe('against a real ws server', () => {
  it('a server TCP drop is reported as the real 1006, never as 1000', async () => {
    const up = await upstream();
    const socket = client(`${up.url}/live`);
    await nextEvent(socket, 'open');
    const close = nextEvent(socket, 'close');
    up.dropAll();
    expect(await close).toMatchObject({ code: 1006, wasClean: false, phase: 'open', action: 'reconnect' });
    await nextEvent(socket, 'open');
  });

  it.each([401, 502])('a %i handshake is 1006 before open; after 3 the auth hook runs', async (status) => {
    const up = await upstream();
    up.rejectHandshakes(status);
    const triggers: string[] = [];
    const socket = client(`${up.url}/live`, {
      auth: {
        refresh: () => {
          triggers.push('handshake');
          up.rejectHandshakes(null);
        },
      },
    });
    const closes: CloseClassification[] = record(socket, 'close');
    await nextEvent(socket, 'open');
    expect(closes).toHaveLength(3);
    for (const c of closes) expect(c).toMatchObject({ code: 1006, phase: 'handshake', reason: '' });
    expect(triggers).toEqual(['handshake']);
  });

  it('1012 from a restarting server waits a random 5-30 s', async () => {
    const up = await upstream();
    const socket = client(`${up.url}/live`);
    await nextEvent(socket, 'open');
    const next = nextEvent(socket, 'reconnecting');
    up.closeAll(1012, 'restarting');
    const e = await next;
    expect(e.classification).toMatchObject({ code: 1012, action: 'reconnect-later', reason: 'restarting' });
    expect(e.delayMs).toBeGreaterThanOrEqual(5000);
    expect(e.delayMs).toBeLessThanOrEqual(30_000);
  });

  it('1013 from an overloaded server backs off at least 30 s', async () => {
    const up = await upstream();
    const socket = client(`${up.url}/live`);
    await nextEvent(socket, 'open');
    const next = nextEvent(socket, 'reconnecting');
    up.closeAll(1013, 'overloaded');
    const e = await next;
    expect(e.classification?.action).toBe('slow-down');
    expect(e.delayMs).toBeGreaterThanOrEqual(30_000);
    expect(socket.status.state).toBe('backoff');
  });

  it('a fatal 1003 stops and the server sees no second connection', async () => {
    const up = await upstream();
    const socket = client(`${up.url}/live`);
    await nextEvent(socket, 'open');
    const stopped = nextEvent(socket, 'stopped');
    up.closeAll(1003, 'binary only');
    expect(await stopped).toMatchObject({ reason: 'fatal', classification: { code: 1003 } });
    await new Promise((r) => setTimeout(r, 300));
    expect(up.connections).toHaveLength(1);
  });

  it('a half-open connection is found by the heartbeat and replaced', async () => {
    const up = await upstream();
    const socket = client(`${up.url}/live`, {
      heartbeat: { intervalMs: 100, timeoutMs: 150, ping: () => 'ping', isPong: (d) => String(d) === 'pong' },
    });
    await nextEvent(socket, 'open');
    up.answerPings(false);
    const close = await nextEvent(socket, 'close');
    expect(close).toMatchObject({ code: 1006, initiator: 'heartbeat', action: 'reconnect' });
    up.answerPings(true);
    await nextEvent(socket, 'open');
    expect(up.connections.length).toBeGreaterThanOrEqual(2);
  });

  it('close() sends the code to the server and nothing reconnects', async () => {
    const up = await upstream();
    const socket = client(`${up.url}/live`);
    await nextEvent(socket, 'open');
    const close = nextEvent(socket, 'close');
    socket.close(4000, 'bye');
    expect(await close).toMatchObject({ code: 4000, reason: 'bye', initiator: 'client', action: 'none' });
    await new Promise((r) => setTimeout(r, 300));
    expect(up.connections).toHaveLength(1);
    expect(up.liveCount).toBe(0);
  });

  it('messages ws never wrote before the connection died go out on the next one, once each, in order (requeueUnsent)', async () => {
    const { WebSocketServer } = await import('ws');
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    cleanups.push(() => new Promise((r) => server.close(r)));
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as { port: number }).port;
    let first = true;
    const received: string[] = [];
    server.on('connection', (conn, req) => {
      const raw = req.socket as import('node:net').Socket;
      conn.on('message', (m) => received.push(String(m).slice(0, 8)));
      if (!first) return;
      first = false;
      raw.pause(); // the server stops reading: the client's writes back up
      setTimeout(() => raw.destroy(), 300);
    });
    const socket = client(`ws://127.0.0.1:${port}/live`, {
      outbox: { requeueUnsent: true, maxQueuedBytes: 64 * 1024 * 1024 },
    });
    const drops = record(socket, 'drop');
    await nextEvent(socket, 'open');
    const big = 'x'.repeat(70_000);
    const ids = Array.from({ length: 200 }, (_, i) => `m${String(i).padStart(7, '0')}`);
    for (const id of ids) expect(socket.send(id + big)).toBe('sent');
    await nextEvent(socket, 'close', 5000);
    await nextEvent(socket, 'open', 5000);
    await waitFor(() => received.length > 0 && socket.queuedMessages === 0, 'the re-queued messages', 5000);
    await new Promise((r) => setTimeout(r, 300));
    // Every message the second connection got was one the first never wrote, in order, once.
    expect(drops).toEqual([]);
    expect(received.length).toBeGreaterThan(0);
    expect(new Set(received).size).toBe(received.length);
    expect(received).toEqual(ids.slice(ids.length - received.length));
  });

  it("a leader tab's connection reports the messages ws never wrote to the tab that sent each, with its seq", async () => {
    const { WebSocketServer } = await import('ws');
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    cleanups.push(() => new Promise((r) => server.close(r)));
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as { port: number }).port;
    const received: string[] = [];
    server.on('connection', (conn, req) => {
      const raw = req.socket as import('node:net').Socket;
      conn.on('message', (m) => received.push(String(m).slice(0, 8)));
      raw.pause(); // the server stops reading: the client's writes back up
      setTimeout(() => raw.destroy(), 300);
    });
    const socket = new LeaderSocket(`ws://127.0.0.1:${port}/live`, {
      WebSocket,
      lifecycle: false,
      backoff: FAST,
      outbox: { maxQueuedBytes: 64 * 1024 * 1024 },
    });
    cleanups.push(() => socket.close());
    const lost: (Relayed & { reason: string })[] = [];
    socket.relayLost = (r, reason) => lost.push({ ...r, reason });
    const ownDrops = record(socket, 'drop');
    await nextEvent(socket, 'open');
    const big = 'x'.repeat(70_000);
    // Every other message is another tab's; the rest are the leader tab's own.
    const ids = Array.from({ length: 200 }, (_, i) => `m${String(i).padStart(7, '0')}`);
    ids.forEach((id, i) => {
      const data = id + big;
      expect(i % 2 ? socket.sendFor({ from: 'tab-b', seq: i, data }) : socket.send(data)).toBe('sent');
    });
    await nextEvent(socket, 'close', 5000);
    await waitFor(() => lost.length + ownDrops.length > 0, 'the unwritten messages', 5000);
    // ws's write callbacks said which never left: each is reported once, to whoever sent it.
    expect(lost.length).toBeGreaterThan(0);
    for (const r of lost) {
      expect(r).toMatchObject({ from: 'tab-b', reason: 'unsent' });
      expect(String(r.data).slice(0, 8)).toBe(ids[r.seq]);
    }
    for (const d of ownDrops) expect(ids.indexOf(String(d.data).slice(0, 8)) % 2).toBe(0);
    const reported = [...lost.map((r) => String(r.data)), ...ownDrops.map((d) => String(d.data))].map((d) =>
      d.slice(0, 8),
    );
    expect(new Set(reported).size).toBe(reported.length);
    for (const id of reported) expect(received).not.toContain(id);
  });

  it("binaryType reports what ws really delivers ('nodebuffer'), and a set value reaches each connection", async () => {
    const up = await upstream();
    const socket = client(`${up.url}/live`);
    await nextEvent(socket, 'open');
    expect(socket.binaryType).toBe('nodebuffer');
    const first = nextEvent(socket, 'message');
    socket.send(new Uint8Array([1, 2, 3]));
    expect(Buffer.isBuffer(await first)).toBe(true);
    socket.binaryType = 'arraybuffer';
    const second = nextEvent(socket, 'message');
    socket.send(new Uint8Array([4, 5]));
    expect(await second).toBeInstanceOf(ArrayBuffer);
    expect(socket.binaryType).toBe('arraybuffer');
  });

  it('code written for reconnecting-websocket runs on ResilientWebSocket with only the constructor changed', async () => {
    const up = await upstream();
    const url = `${up.url}/live`;
    // The app code, unchanged between the two: DOM-style handlers, listeners and constants.
    type DomLike = {
      readonly OPEN: number;
      readonly readyState: number;
      onopen: ((e: never) => void) | null;
      send(data: string): void;
      addEventListener(type: 'message', listener: (e: { data: unknown }) => void): void;
      close(): void;
    };
    const app = (ws: DomLike) =>
      new Promise<string[]>((resolve) => {
        const log: string[] = [];
        ws.onopen = () => {
          log.push(`open:${ws.readyState === ws.OPEN}`);
          ws.send('hello');
        };
        ws.addEventListener('message', (e) => {
          log.push(`message:${String(e.data)}`);
          ws.close();
          resolve(log);
        });
      });
    const { default: ReconnectingWebSocket } = await import('reconnecting-websocket');
    const before = await app(new ReconnectingWebSocket(url, [], { WebSocket }) as unknown as DomLike);
    const { ResilientWebSocket } = await import('../../src/client/resilient-websocket.js');
    const after = new ResilientWebSocket(url, { WebSocket, lifecycle: false });
    cleanups.push(() => after.close());
    expect(await app(after)).toEqual(before);
    expect(before).toEqual(['open:true', 'message:hello']);
  });
});
