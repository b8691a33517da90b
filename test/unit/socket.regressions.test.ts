// Regression tests for issue 11, defects 1-9, 13 and 14: one per defect, through the public API.
// Each fails on the engine the issue replaces and passes once the new one keeps the contract.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ResilientSocket,
  type ResilientSocketEvents,
  type ResilientSocketOptions,
  type SocketStatus,
  type StoppedEvent,
  type WebSocketConstructor,
} from '../../src/index.js';
import { FakeClock, FakeLifecycle, FakeWebSocket, flushPromises, seededRandom } from '../support/fakes.js';

let clock: FakeClock;
let sockets: ResilientSocket[] = [];

function make(
  options: ResilientSocketOptions = {},
  url: ConstructorParameters<typeof ResilientSocket>[0] = 'ws://test/live',
) {
  const socket = new ResilientSocket(url, {
    WebSocket: FakeWebSocket,
    clock,
    random: seededRandom(1),
    lifecycle: false,
    ...options,
  });
  sockets.push(socket);
  return socket;
}

function record<K extends keyof ResilientSocketEvents>(socket: ResilientSocket, event: K) {
  const seen: Parameters<ResilientSocketEvents[K]>[0][] = [];
  socket.on(event, ((payload: Parameters<ResilientSocketEvents[K]>[0]) => seen.push(payload)) as never);
  return seen;
}

/** Every event in order, as 'state:backoff', 'stopped:closed', 'reconnecting', ... */
function eventLog(socket: ResilientSocket): string[] {
  const log: string[] = [];
  socket.on('state', (s: SocketStatus) => log.push(`state:${s.state}`));
  socket.on('stopped', (e: StoppedEvent) => log.push(`stopped:${e.reason}`));
  for (const name of ['open', 'close', 'reconnecting', 'policy', 'drop', 'error'] as const) {
    socket.on(name, () => log.push(name));
  }
  return log;
}

function deferred() {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * Runs `body` with every unhandled rejection collected instead of reported to the runner, and
 * returns them. Node reports them once the microtask queue has drained, hence the setImmediate.
 */
async function unhandledRejections(body: () => Promise<void>): Promise<unknown[]> {
  const seen: unknown[] = [];
  const runners = process.listeners('unhandledRejection');
  process.removeAllListeners('unhandledRejection');
  const onRejection = (reason: unknown) => seen.push(reason);
  process.on('unhandledRejection', onRejection);
  try {
    await body();
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('unhandledRejection', onRejection);
    for (const listener of runners) process.on('unhandledRejection', listener);
  }
  return seen;
}

/**
 * A microtask loop never lets a timer fire, so no test timeout can end it. This counts
 * `queueMicrotask` calls and, past `limit`, stops passing them on: the loop dies and the test can
 * report it.
 */
function boundMicrotasks(limit = 1000) {
  const original = globalThis.queueMicrotask;
  let calls = 0;
  globalThis.queueMicrotask = (callback: () => void) => {
    if (++calls <= limit) original(callback);
  };
  return {
    get runaway() {
      return calls > limit;
    },
    restore() {
      globalThis.queueMicrotask = original;
    },
  };
}

/** The UTF-8 size of an ASCII test message. */
const bytes = (...messages: string[]) => messages.reduce((n, m) => n + m.length, 0);

beforeEach(() => {
  clock = new FakeClock();
  FakeWebSocket.reset();
  sockets = [];
});

afterEach(() => {
  for (const s of sockets) {
    try {
      s.close();
    } catch {
      // Some tests leave a socket whose native close() throws, on purpose.
    }
  }
});

describe('1. a socket created offline', () => {
  class RefusingWebSocket extends FakeWebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      throw new SyntaxError('The URL is invalid');
    }
  }
  const cases: Array<[string, ResilientSocketOptions, ConstructorParameters<typeof ResilientSocket>[0], boolean]> = [
    [
      'a URL provider that throws',
      {},
      () => {
        throw new Error('no token yet');
      },
      false,
    ],
    [
      'an onOpen hook that rejects',
      { onOpen: () => Promise.reject(new Error('auth frame failed')) },
      'ws://test/live',
      true,
    ],
    [
      'a WebSocket constructor that throws',
      { WebSocket: RefusingWebSocket as WebSocketConstructor },
      'ws://test/live',
      false,
    ],
  ];

  it.each(cases)(
    'goes online, then %s: an error and a retry timer, not a microtask loop',
    async (_, options, url, open) => {
      const lifecycle = new FakeLifecycle();
      lifecycle.online = false;
      const socket = make({ ...options, lifecycle }, url);
      const errors = record(socket, 'error');
      const retries = record(socket, 'reconnecting');
      const microtasks = boundMicrotasks();
      try {
        lifecycle.fire('online');
        if (open) FakeWebSocket.last.serverOpen();
        for (let i = 0; i < 2000 && errors.length === 0 && !microtasks.runaway; i++) await Promise.resolve();
        await flushPromises(); // whatever follows the error, such as the retry
      } finally {
        microtasks.restore();
      }
      expect(microtasks.runaway, 'the failure re-queued itself forever').toBe(false);
      expect(errors).toHaveLength(1);
      expect(retries).toHaveLength(1);
      expect(socket.status.state).toBe('backoff');
      expect(clock.pending).toBeGreaterThan(0);
    },
  );
});

describe('2. an onOpen hook that rejects after its attempt ended', () => {
  it('the server closed during the hook: no unhandled rejection, the backoff stands', async () => {
    const hook = deferred();
    const socket = make({ onOpen: () => hook.promise });
    const ws = FakeWebSocket.last;
    ws.serverOpen();
    ws.serverClose(1011);
    expect(socket.status.state).toBe('backoff');
    const before = socket.status;
    const unhandled = await unhandledRejections(async () => {
      hook.reject(new Error('auth frame failed'));
      await flushPromises();
    });
    expect(unhandled.map(String)).toEqual([]);
    expect(socket.status).toEqual(before);
  });

  it('the connect timeout fired during the hook: no unhandled rejection, the backoff stands', async () => {
    const hook = deferred();
    const socket = make({ connectTimeoutMs: 1000, onOpen: () => hook.promise });
    FakeWebSocket.last.serverOpen();
    clock.advance(1000);
    expect(socket.status.state).toBe('backoff');
    const before = socket.status;
    const unhandled = await unhandledRejections(async () => {
      hook.reject(new Error('auth frame failed'));
      await flushPromises();
    });
    expect(unhandled.map(String)).toEqual([]);
    expect(socket.status).toEqual(before);
  });

  it('after a 1008 pause, the late rejection does not lift the pause', async () => {
    const hook = deferred();
    const socket = make({ onOpen: () => hook.promise });
    const ws = FakeWebSocket.last;
    ws.serverOpen();
    ws.serverClose(1008, 'policy violation');
    expect(socket.status.state).toBe('paused');
    const retries = record(socket, 'reconnecting');
    const unhandled = await unhandledRejections(async () => {
      hook.reject(new Error('auth frame failed'));
      await flushPromises();
    });
    expect(unhandled.map(String)).toEqual([]);
    expect(socket.status.state).toBe('paused');
    expect(retries).toEqual([]);
  });
});

describe('3. close() or reconnect() inside a synchronous onOpen hook', () => {
  it('close(): nothing throws, the socket ends closed, no open event', () => {
    const socket: ResilientSocket = make({ onOpen: () => socket.close() });
    const opens = record(socket, 'open');
    expect(() => FakeWebSocket.last.serverOpen()).not.toThrow();
    expect(socket.status.state).toBe('closed');
    expect(opens).toEqual([]);
  });

  it('reconnect(): no open event for the abandoned socket; open comes with the new one', () => {
    let hooks = 0;
    const socket: ResilientSocket = make({
      onOpen: () => {
        if (++hooks === 1) socket.reconnect();
      },
    });
    const opens = record(socket, 'open');
    FakeWebSocket.last.serverOpen();
    expect(opens).toEqual([]);
    expect(socket.status.state).toBe('connecting');
    expect(FakeWebSocket.instances).toHaveLength(2);
    FakeWebSocket.last.serverOpen();
    expect(opens).toHaveLength(1);
    expect(socket.status.state).toBe('open');
  });
});

describe('4. close() and reconnect() from event listeners', () => {
  it("close() from a 'state' listener on connecting leaves no timer, and nothing happens later", () => {
    const socket = make();
    FakeWebSocket.last.drop();
    expect(socket.status.state).toBe('backoff');
    socket.on('state', (s: SocketStatus) => {
      if (s.state === 'connecting') socket.close();
    });
    const errors = record(socket, 'error');
    clock.runNext(); // the retry: connecting, and the listener closes
    expect(socket.status.state).toBe('closed');
    expect(clock.pending).toBe(0);
    expect(() => clock.advance(20_000)).not.toThrow();
    expect(errors).toEqual([]);
    expect(socket.status.state).toBe('closed');
  });

  it("close() from a 'state' listener on backoff: no timer survives, nothing after 'stopped: closed'", () => {
    const socket = make();
    const log = eventLog(socket);
    socket.on('state', (s: SocketStatus) => {
      if (s.state === 'backoff') socket.close();
    });
    FakeWebSocket.last.drop();
    expect(log).toContain('stopped:closed');
    expect(log.slice(log.indexOf('stopped:closed') + 1)).toEqual([]);
    expect(clock.pending).toBe(0);
    clock.advance(60_000);
    expect(FakeWebSocket.instances).toHaveLength(1);
  });

  it("close() from a 'state' listener on open: no timer survives, no open after 'stopped: closed'", () => {
    const socket = make();
    const log = eventLog(socket);
    socket.on('state', (s: SocketStatus) => {
      if (s.state === 'open') socket.close();
    });
    FakeWebSocket.last.serverOpen();
    expect(log).toContain('stopped:closed');
    expect(log.slice(log.indexOf('stopped:closed') + 1)).toEqual([]);
    expect(clock.pending).toBe(0);
  });

  it("reconnect() from a 'stopped' listener: every listener sees 'stopped' while status says stopped", () => {
    const socket = make();
    let revived = false;
    socket.on('stopped', () => {
      if (revived) return;
      revived = true;
      socket.reconnect();
    });
    const statesInStopped: string[] = [];
    socket.on('stopped', () => statesInStopped.push(socket.status.state));
    const states = record(socket, 'state');
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.serverClose(1003, 'text only');
    expect(statesInStopped).toEqual(['stopped']);
    expect(socket.status.state).toBe('connecting');
    expect(states.at(-1)).toEqual(socket.status);
  });
});

describe('5. close() reasons and native close errors', () => {
  it('a reason of lone surrogates is measured as its 183 wire bytes: RangeError', () => {
    const socket = make();
    FakeWebSocket.last.serverOpen();
    expect(() => socket.close(1000, '\uD800'.repeat(61))).toThrow(RangeError);
    expect(socket.status.state).toBe('open');
  });

  it('an error thrown by the native close() is reported as an error event', () => {
    class ThrowingClose extends FakeWebSocket {
      override close(): void {
        throw new SyntaxError('The close reason is too long');
      }
    }
    const socket = make({ WebSocket: ThrowingClose });
    const errors = record(socket, 'error');
    FakeWebSocket.last.serverOpen();
    try {
      socket.close(1000, 'bye');
    } catch {
      // Throwing is not what is checked here; reporting is.
    }
    expect(errors).toHaveLength(1);
  });
});

describe('6. a retry-after hint is a floor on top of backoff', () => {
  function firstDelay(code: number, reason: string, random: () => number): number | undefined {
    const socket = make({ random });
    const retries = record(socket, 'reconnecting');
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.serverClose(code, reason);
    return retries[0]?.delayMs;
  }

  it("1011 'retry-after=0' waits at least what a plain 1011 waits", () => {
    const plain = firstDelay(1011, '', () => 0.5) ?? Number.NaN;
    expect(plain).toBeGreaterThan(0);
    expect(firstDelay(1011, 'retry-after=0', () => 0.5)).toBeGreaterThanOrEqual(plain);
  });

  it("1013 'retry-after=0' still waits its own >= 30 s", () => {
    expect(firstDelay(1013, 'retry-after=0', () => 0)).toBeGreaterThanOrEqual(30_000);
  });

  it("a 1008 rate limit with 'retry-after=0' keeps the reconnect backoff, growing with every attempt", () => {
    const socket = make({ random: () => 0.5 });
    const retries = record(socket, 'reconnecting');
    for (let i = 0; i < 4; i++) {
      FakeWebSocket.last.serverOpen();
      FakeWebSocket.last.serverClose(1008, 'rate limited; retry-after=0');
      clock.runNext();
    }
    // Full jitter over 1, 2, 4, 8 s at random 0.5: never 0, as the hint alone would give.
    expect(retries.map((r) => r.delayMs)).toEqual([500, 1000, 2000, 4000]);
  });

  it('a 1008 rate limit with a hint waits the hint, not the slow-down profile', () => {
    expect(firstDelay(1008, 'rate limited; retry-after=3', () => 0)).toBe(3000);
  });

  it("an accept-then-close 1011 'retry-after=0' server gets a bounded number of attempts", () => {
    const socket = make();
    for (let i = 0; i < 1000 && clock.time < 60_000; i++) {
      const ws = FakeWebSocket.last;
      if (ws.readyState === 0) {
        ws.serverOpen();
        ws.serverClose(1011, 'retry-after=0');
      }
      clock.runNext();
    }
    expect(socket.status.state).not.toBe('stopped');
    expect(FakeWebSocket.instances.length).toBeLessThan(30);
  });
});

describe('7. auth.handshakeFailures: 1 with the server down', () => {
  /** Every attempt drops before open, for `ms` of fake time (or 2000 steps). */
  function serverDown(ms: number): void {
    for (let i = 0; i < 2000 && clock.time < ms; i++) {
      const ws = FakeWebSocket.last;
      if (ws.readyState === 0) ws.drop();
      else clock.runNext();
    }
  }

  it('each refresh is followed by backoff: few refreshes in 10 s', () => {
    let refreshes = 0;
    make({
      auth: {
        refresh: () => {
          refreshes++;
        },
        handshakeFailures: 1,
      },
    });
    serverDown(10_000);
    expect(refreshes).toBeGreaterThan(0);
    expect(refreshes).toBeLessThan(30);
  });

  it("each refresh counts as an attempt: maxAttempts 3 stops with 'gave-up'", () => {
    const socket = make({ auth: { refresh: () => {}, handshakeFailures: 1 }, backoff: { maxAttempts: 3 } });
    const stopped = record(socket, 'stopped');
    serverDown(60_000);
    expect(socket.status.state).toBe('stopped');
    expect(stopped.map((s) => s.reason)).toEqual(['gave-up']);
  });
});

describe('8. timer options are integers in [0, 2147483647]', () => {
  const heartbeat = { intervalMs: 1000, timeoutMs: 500, ping: () => 'ping', isPong: (d: unknown) => d === 'pong' };
  const cases: Array<[string, ResilientSocketOptions]> = [
    ['connectTimeoutMs', { connectTimeoutMs: 2 ** 31 }],
    ['connectTimeoutMs', { connectTimeoutMs: 1.5 }],
    ['heartbeat.timeoutMs', { heartbeat: { ...heartbeat, timeoutMs: 3e9 } }],
    ['heartbeat.intervalMs', { heartbeat: { ...heartbeat, intervalMs: 1.5 } }],
    ['backoff.maxDelayMs', { backoff: { maxDelayMs: 2 ** 31 } }],
    ['backoff.initialDelayMs', { backoff: { initialDelayMs: 1.5 } }],
    ['backoff.fleetInitialDelayMs', { backoff: { fleetInitialDelayMs: 1.5 } }],
    ['backoff.crashDelayMs', { backoff: { crashDelayMs: 0 } }],
    ['backoff.crashMaxDelayMs', { backoff: { crashDelayMs: 5000, crashMaxDelayMs: 4000 } }],
    ['backoff.crashGrowth', { backoff: { crashGrowth: -0.1 } }],
    ['backoff.minUptimeMs', { backoff: { minUptimeMs: 2 ** 31 } }],
    ['backoff.slowDownMaxMs', { backoff: { slowDownMaxMs: 2 ** 31 } }],
    ['rateLimit.sendIntervalMs', { rateLimit: { sendIntervalMs: 1.5 } }],
    ['rateLimit.recoverAfterMs', { rateLimit: { recoverAfterMs: 2 ** 31 } }],
  ];

  it.each(cases)('%s: %j throws a TypeError naming it', (name, options) => {
    expect(() => make(options)).toThrow(TypeError);
    expect(() => make(options)).toThrow(name);
  });

  it('2147483647 itself is accepted', () => {
    expect(() => make({ connectTimeoutMs: 2147483647 })).not.toThrow();
  });
});

describe('9. a heartbeat ping() that returns an object', () => {
  it('is an error of kind heartbeat, arms no pong deadline and sends nothing', () => {
    const socket = make({
      heartbeat: { intervalMs: 1000, timeoutMs: 500, ping: () => ({}) as string, isPong: (d) => d === 'pong' },
    });
    const closes = record(socket, 'close');
    const errors = record(socket, 'error');
    const ws = FakeWebSocket.last;
    ws.serverOpen();
    clock.advance(5000);
    expect(closes.filter((c) => c.initiator === 'heartbeat')).toEqual([]);
    expect(socket.status.state).toBe('open');
    expect(FakeWebSocket.instances).toHaveLength(1);
    expect(ws.sent).toEqual([]);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.kind === 'heartbeat')).toBe(true);
  });
});

describe('13. backoff.maxDelayMs caps fleet closes', () => {
  it.each([0.999, 0.5, 0.25])('1014 with random %d: every delay <= 100 ms', (r) => {
    const socket = make({ backoff: { initialDelayMs: 20, maxDelayMs: 100 }, random: () => r });
    const retries = record(socket, 'reconnecting');
    for (let i = 0; i < 5; i++) {
      FakeWebSocket.last.serverOpen();
      FakeWebSocket.last.serverClose(1014);
      clock.runNext();
    }
    expect(retries).toHaveLength(5);
    expect(retries.map((e) => e.delayMs).filter((ms) => ms > 100)).toEqual([]);
  });
});

describe('14. data the native socket provably did not send', () => {
  /**
   * Three messages sent while open; the first leaves the native buffer, the last two are still in
   * it when the connection drops (the fake's bufferedAmount moves as a real one would).
   */
  function sendThenDrop(socket: ResilientSocket): void {
    const ws = FakeWebSocket.last;
    ws.serverOpen();
    expect(socket.send('first')).toBe('sent');
    ws.bufferedAmount = 0; // written to the network
    expect(socket.send('second')).toBe('sent');
    ws.bufferedAmount = bytes('second');
    expect(socket.send('third')).toBe('sent');
    ws.bufferedAmount = bytes('second', 'third');
    ws.drop();
  }

  it("is reported as drop 'unsent', once per message, and not sent again", () => {
    const socket = make();
    const drops = record(socket, 'drop');
    sendThenDrop(socket);
    expect(drops.map((d) => [d.data, d.reason])).toEqual([
      ['second', 'unsent'],
      ['third', 'unsent'],
    ]);
    clock.runNext();
    FakeWebSocket.last.serverOpen();
    expect(FakeWebSocket.last.sent).toEqual([]);
    socket.close();
    expect(drops).toHaveLength(2);
  });

  it('with outbox.requeueUnsent, it is sent first on the next connection instead', () => {
    const socket = make({ outbox: { requeueUnsent: true } });
    const drops = record(socket, 'drop');
    sendThenDrop(socket);
    expect(socket.send('fourth')).toBe('queued');
    clock.runNext();
    FakeWebSocket.last.serverOpen();
    expect(FakeWebSocket.last.sent).toEqual(['second', 'third', 'fourth']);
    expect(drops).toEqual([]);
  });
});

// Found by the adversarial review of the new engine: each failed before its fix.
describe('review: a send() queued behind a call from the same listener', () => {
  it('that no longer fits the outbox is reported as a drop, never lost', () => {
    const socket = make({ outbox: { maxQueuedMessages: 1 } }); // overflow: 'reject'
    const drops = record(socket, 'drop');
    expect(socket.send('first')).toBe('queued'); // the outbox is now full
    let result: string | undefined;
    socket.once('reconnecting', () => {
      socket.reconnect();
      result = socket.send('second'); // too late to throw OutboxFullError: queued behind reconnect()
    });
    FakeWebSocket.last.drop();
    expect(result).toBe('queued');
    expect(drops).toEqual([{ data: 'second', reason: 'overflow' }]);
    FakeWebSocket.last.serverOpen();
    expect(FakeWebSocket.last.sent).toEqual(['first']);
  });
});

describe('review: a wait the server ordered survives offline and hidden', () => {
  function held() {
    const lifecycle = new FakeLifecycle();
    const socket = make({ lifecycle, random: () => 0.5 });
    const policies = record(socket, 'policy');
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.serverClose(1008, 'rate limit exceeded; retry-after=600');
    const until = socket.status.nextRetryAt as number;
    expect(until).toBeGreaterThanOrEqual(600_000);
    return { socket, lifecycle, policies, until };
  }

  it('an offline/online flap resumes the rest of the wait instead of connecting at once', () => {
    const { socket, lifecycle, until } = held();
    clock.advance(1000);
    lifecycle.fire('offline');
    expect(socket.status.state).toBe('offline');
    lifecycle.fire('online');
    expect(socket.status).toMatchObject({ state: 'backoff', nextRetryAt: until });
    expect(FakeWebSocket.instances).toHaveLength(1);
    clock.advance(until - clock.time);
    expect(FakeWebSocket.instances).toHaveLength(2);
  });

  it("the rate-limit policy event's stop() still works while offline", () => {
    const { socket, lifecycle, policies } = held();
    lifecycle.fire('offline');
    policies[0]?.stop();
    expect(socket.status.state).toBe('stopped');
    lifecycle.fire('online');
    clock.advance(3_600_000);
    expect(FakeWebSocket.instances).toHaveLength(1);
  });

  it('pagehide/pageshow resumes the rest of the wait; pageshow while offline waits for online', () => {
    const { socket, lifecycle, until } = held();
    lifecycle.fire('pagehide');
    expect(socket.status.state).toBe('paused');
    lifecycle.online = false;
    lifecycle.fire('pageshow');
    expect(socket.status.state).toBe('offline');
    lifecycle.fire('online');
    expect(socket.status).toMatchObject({ state: 'backoff', nextRetryAt: until });
    expect(FakeWebSocket.instances).toHaveLength(1);
  });

  it('an ordinary backoff still reconnects at once when the network is back', () => {
    const lifecycle = new FakeLifecycle();
    const socket = make({ lifecycle });
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.drop();
    lifecycle.fire('offline');
    lifecycle.fire('online');
    expect(socket.status.state).toBe('connecting');
    expect(FakeWebSocket.instances).toHaveLength(2);
  });
});

describe('review: outbox.requeueUnsent keeps the outbox limits', () => {
  it('re-queues the unsent messages that fit, oldest first, and reports the rest as overflow', () => {
    const socket = make({ outbox: { maxQueuedMessages: 2, requeueUnsent: true } });
    const drops = record(socket, 'drop');
    const ws = FakeWebSocket.last;
    ws.serverOpen();
    for (const m of ['a', 'b', 'c', 'd', 'e']) {
      expect(socket.send(m)).toBe('sent');
      ws.bufferedAmount += 1; // nothing leaves the buffer
    }
    ws.drop();
    expect(socket.queuedMessages).toBe(2);
    expect(drops).toEqual(['c', 'd', 'e'].map((data) => ({ data, reason: 'overflow' })));
    clock.runNext();
    FakeWebSocket.last.serverOpen();
    expect(FakeWebSocket.last.sent).toEqual(['a', 'b']);
  });
});
