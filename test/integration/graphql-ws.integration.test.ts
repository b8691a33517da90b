// closewise's graphql-ws profile against a real graphql-ws 6.4.2 server (`useServer` on `ws`) on
// 127.0.0.1: the close codes it really sends, and what ResilientSocket does about them.
import { buildSchema } from 'graphql';
import { useServer as serveGraphqlWs } from 'graphql-ws/use/ws';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import {
  type CloseClassification,
  ResilientSocket,
  type ResilientSocketEvents,
  type ResilientSocketOptions,
} from '../../src/index.js';
import { graphqlWs } from '../../src/registry/profiles.js';
import { nextEvent, waitFor } from '../support/wait.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const schema = buildSchema('type Query { hello: String }');

/** The few graphql-ws server options these tests vary. */
interface ServerOptions {
  readonly onConnect?: (ctx: {
    readonly connectionParams?: Readonly<Record<string, unknown>>;
  }) => boolean | undefined | Promise<boolean>;
  readonly connectionInitWaitTimeout?: number;
  readonly isProd?: boolean;
}

interface Server {
  readonly url: string;
  /** The connection_init payload of every connection, or `null` for one that never sent it. */
  readonly inits: Array<Record<string, unknown> | null>;
  /** How many WebSocket connections the server accepted. */
  connections: number;
}

async function graphqlServer(options: ServerOptions = {}): Promise<Server> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  const server: Server = {
    url: `ws://127.0.0.1:${(wss.address() as { port: number }).port}/graphql`,
    inits: [],
    connections: 0,
  };
  wss.on('connection', () => server.connections++);
  const { dispose } = serveGraphqlWs(
    {
      schema,
      ...options,
      onConnect: (ctx) => {
        server.inits.push(ctx.connectionParams ? { ...ctx.connectionParams } : null);
        return options.onConnect?.(ctx);
      },
    },
    wss,
  );
  cleanups.push(() => dispose());
  return server;
}

// Fast backoff keeps real-time tests short; every loop below is also bounded by a deadline.
const FAST = { initialDelayMs: 50, maxDelayMs: 200, fleetInitialDelayMs: 50, fleetMaxDelayMs: 200, minUptimeMs: 200 };

function client(url: string, options: ResilientSocketOptions = {}) {
  const socket = new ResilientSocket(url, {
    WebSocket: WebSocket as never,
    lifecycle: false,
    protocols: 'graphql-transport-ws',
    codes: graphqlWs,
    // At most 6 attempts in any test: nothing here may loop for long.
    ...options,
    backoff: { ...FAST, maxAttempts: 6, ...options.backoff },
  });
  cleanups.push(() => socket.close());
  return socket;
}

function record<K extends keyof ResilientSocketEvents>(socket: ResilientSocket, event: K) {
  const seen: Parameters<ResilientSocketEvents[K]>[0][] = [];
  socket.on(event, ((p: Parameters<ResilientSocketEvents[K]>[0]) => seen.push(p)) as never);
  return seen;
}

const init = (payload: Record<string, unknown>) => JSON.stringify({ type: 'connection_init', payload });
const freshTokenOnly: ServerOptions['onConnect'] = ({ connectionParams }) => connectionParams?.token === 'fresh';

describe('graphql-ws: a rejected connection_init is 4403, an auth policy close', () => {
  it('onConnect returning false gives 4403: closewise refreshes once, then stops with policy-loop', async () => {
    const server = await graphqlServer({ onConnect: () => false });
    let token = 'old';
    let refreshes = 0;
    const socket = client(server.url, {
      auth: {
        refresh: () => {
          refreshes++;
          token = 'fresh';
        },
      },
      onOpen: ({ send }) => send(init({ token })),
    });
    const closes: CloseClassification[] = record(socket, 'close');
    const stopped = await nextEvent(socket, 'stopped');
    expect(stopped).toMatchObject({
      reason: 'policy-loop',
      classification: { code: 4403, reason: 'Forbidden', name: 'Forbidden', action: 'policy', policyKind: 'auth' },
    });
    expect(refreshes).toBe(1);
    expect(server.inits).toEqual([{ token: 'old' }, { token: 'fresh' }]);
    expect(closes.map((c) => c.code)).toEqual([4403, 4403]);
    // Stopped for good: no further attempt reaches the server.
    await sleep(300);
    expect(server.connections).toBe(2);
    expect(socket.status.state).toBe('stopped');
  });

  it('a 4403 that a fresh token fixes: one refresh, then the server acknowledges the connection', async () => {
    const server = await graphqlServer({ onConnect: freshTokenOnly });
    let token = 'old';
    const socket = client(server.url, {
      auth: {
        refresh: () => {
          token = 'fresh';
        },
      },
      onOpen: ({ send }) => send(init({ token })),
    });
    const messages = record(socket, 'message');
    await waitFor(() => messages.some((m) => String(m).includes('connection_ack')), 'connection_ack');
    expect(server.inits).toEqual([{ token: 'old' }, { token: 'fresh' }]);
    expect(socket.status.state).toBe('open');
  });
});

describe('graphql-ws: the other codes its server really sends', () => {
  it('subscribe before connection_ack gives 4401: closewise stops without a refresh', async () => {
    // A slow onConnect (say, a token lookup) keeps the connection unacknowledged for a while.
    const server = await graphqlServer({ onConnect: () => sleep(300).then(() => true) });
    let refreshes = 0;
    const socket = client(server.url, {
      auth: {
        refresh: () => {
          refreshes++;
        },
      },
      onOpen: ({ send }) => {
        send(init({ token: 'valid' }));
        send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: '{ hello }' } }));
      },
    });
    const policies = record(socket, 'policy');
    const stopped = await nextEvent(socket, 'stopped');
    expect(stopped).toMatchObject({
      reason: 'fatal',
      classification: { code: 4401, reason: 'Unauthorized', name: 'Unauthorized', action: 'stop' },
    });
    expect(stopped.classification?.policyKind).toBeUndefined();
    expect(refreshes).toBe(0);
    expect(policies).toHaveLength(0);
    await sleep(300);
    expect(server.connections).toBe(1);
  });

  it('no connection_init within connectionInitWaitTimeout gives 4408: closewise reconnects', async () => {
    const server = await graphqlServer({ connectionInitWaitTimeout: 150 });
    const socket = client(server.url); // never sends connection_init
    const retries = record(socket, 'reconnecting');
    const stops = record(socket, 'stopped');
    await waitFor(() => server.connections >= 3, 'three connections, each closed with 4408');
    expect(retries.length).toBeGreaterThanOrEqual(2);
    for (const r of retries) {
      expect(r.classification).toMatchObject({
        code: 4408,
        reason: 'Connection initialisation timeout',
        name: 'Connection Initialisation Timeout',
        action: 'reconnect',
        source: 'graphql-ws',
      });
    }
    expect(stops).toHaveLength(0);
    expect(server.inits).toEqual([]);
  });

  it('a throwing server hook gives 4500: closewise stops, as graphql-ws does', async () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {}); // useServer logs the throw
    cleanups.push(() => quiet.mockRestore());
    const server = await graphqlServer({
      isProd: true,
      onConnect: () => {
        throw new Error('database down');
      },
    });
    const socket = client(server.url, { onOpen: ({ send }) => send(init({ token: 'valid' })) });
    const stopped = await nextEvent(socket, 'stopped');
    expect(stopped).toMatchObject({
      reason: 'fatal',
      classification: { code: 4500, reason: 'Internal server error', action: 'stop', source: 'graphql-ws' },
    });
    await sleep(300);
    expect(server.connections).toBe(1);
  });
});
