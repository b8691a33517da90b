// Regression tests for issue 11, defects 10-12: withClosePolicy governing the real
// reconnecting-websocket 4.4.0, under fake timers (rws reads the global setTimeout).
import { type Clock as FakeTimersClock, install } from '@sinonjs/fake-timers';
import ReconnectingWebSocket from 'reconnecting-websocket';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type ClosePolicyGuard,
  type ClosePolicyOptions,
  withClosePolicy,
} from '../../src/adapters/reconnecting-websocket.js';
import type { ResilientSocketEvents } from '../../src/index.js';
import { EventFakeWebSocket, FakeWebSocket } from '../support/fakes.js';

let timers: FakeTimersClock;
let guards: ClosePolicyGuard[] = [];

// Short rws delays, as in the integration test; its logic is unchanged.
const RWS = { minReconnectionDelay: 100, maxReconnectionDelay: 300, connectionTimeout: 2000 };

function guarded(options: ClosePolicyOptions = {}, rwsOptions: { maxRetries?: number; startClosed?: boolean } = {}) {
  const guard = withClosePolicy(
    (WebSocket) => new ReconnectingWebSocket('ws://test/live', [], { ...RWS, ...rwsOptions, WebSocket }),
    {
      WebSocket: EventFakeWebSocket,
      clock: {
        now: () => timers.now,
        setTimeout: (fn, ms) => timers.setTimeout(fn, ms),
        clearTimeout: (handle) => timers.clearTimeout(handle as never),
      },
      random: () => 0.5,
      ...options,
    },
  );
  guards.push(guard);
  return guard;
}

function record<K extends 'state' | 'close' | 'stopped'>(guard: ClosePolicyGuard, event: K) {
  const seen: Parameters<ResilientSocketEvents[K]>[0][] = [];
  guard.on(event, ((payload: Parameters<ResilientSocketEvents[K]>[0]) => seen.push(payload)) as never);
  return seen;
}

/** Fake time moves on, with rws's promise chains run between timers. */
async function advance(ms: number): Promise<void> {
  await timers.tickAsync(ms);
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((res) => {
    resolve = res;
  });
  return { promise, resolve };
}

/** A guarded rws whose first connection is open. */
async function openGuard(options: ClosePolicyOptions = {}) {
  const guard = guarded(options);
  await advance(0); // rws creates its first socket after a zero-delay wait
  const ws = FakeWebSocket.last;
  ws.serverOpen();
  expect(guard.status.state).toBe('open');
  return { guard, ws };
}

beforeEach(() => {
  timers = install({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  FakeWebSocket.reset();
  guards = [];
});

afterEach(() => {
  for (const guard of guards) {
    guard.dispose();
    guard.rws.close();
  }
  timers.uninstall();
});

describe("10. the app's own rws.close() is final", () => {
  it('during the guard’s auth.refresh: no reconnect once the refresh resolves', async () => {
    const refresh = deferred();
    let refreshes = 0;
    const { guard, ws } = await openGuard({
      auth: {
        refresh: () => {
          refreshes++;
          return refresh.promise;
        },
      },
    });
    ws.serverClose(1008, 'token expired');
    expect(refreshes).toBe(1);
    guard.rws.close(); // the app logs out while the token refresh is pending
    refresh.resolve();
    await advance(60_000);
    expect(FakeWebSocket.instances).toHaveLength(1);
    expect(['closed', 'stopped']).toContain(guard.status.state);
  });

  it('during a 1013 hold: no reconnect once the hold ends', async () => {
    const { guard, ws } = await openGuard();
    ws.serverClose(1013, 'try again later');
    expect(guard.status.state).toBe('backoff');
    guard.rws.close(); // the app logs out during the hold
    await advance(11 * 60_000); // longer than any 1013 hold
    expect(FakeWebSocket.instances).toHaveLength(1);
    expect(['closed', 'stopped']).toContain(guard.status.state);
  });
});

describe("11. rws's own maxRetries running out", () => {
  it("ends in 'stopped' with reason 'gave-up'", async () => {
    const guard = guarded({}, { maxRetries: 2 });
    const stopped = record(guard, 'stopped');
    // The server is down: every attempt fails before open, for a minute of fake time.
    for (let i = 0; i < 120 && timers.now < 60_000; i++) {
      for (const ws of FakeWebSocket.live()) if (ws.readyState === 0) ws.drop();
      await advance(500);
    }
    expect(FakeWebSocket.instances.length).toBeLessThanOrEqual(3); // the first attempt and rws's 2 retries
    expect(guard.status.state).toBe('stopped');
    expect(stopped.map((s) => s.reason)).toEqual(['gave-up']);
  });
});

describe('12. guard.reconnect() while open', () => {
  it('is not reported as a server close 1006 and does not enter backoff', async () => {
    const { guard, ws: first } = await openGuard();
    const closes = record(guard, 'close');
    const states = record(guard, 'state');
    guard.reconnect();
    await advance(0); // rws opens its next socket
    first.finishClose(); // the server answers the closing handshake
    expect(FakeWebSocket.instances).toHaveLength(2);
    FakeWebSocket.last.serverOpen();
    await advance(0);
    expect(closes.filter((c) => c.initiator === 'server')).toEqual([]);
    expect(states.map((s) => s.state)).not.toContain('backoff');
    expect(states.map((s) => s.state)).toContain('connecting');
    expect(guard.status.state).toBe('open');
  });
});

// Found by the adversarial review of the new engine: each failed before its fix.
describe('review: dispose() and startClosed', () => {
  it('dispose() while the guard holds rws between attempts hands back an rws that reconnects by itself', async () => {
    const { guard, ws } = await openGuard();
    ws.serverClose(1011); // the guard holds rws for closewise's backoff
    expect(guard.status.state).toBe('backoff');
    guard.dispose();
    await advance(1000); // longer than rws's own 100-300 ms delays
    expect(FakeWebSocket.instances).toHaveLength(2);
    FakeWebSocket.last.serverOpen();
    expect(FakeWebSocket.last.readyState).toBe(1);
  });

  it("rws's startClosed is honoured: nothing connects until the app calls rws.reconnect()", async () => {
    const guard = guarded({}, { startClosed: true });
    await advance(5000);
    expect(FakeWebSocket.instances).toHaveLength(0);
    expect(guard.status.state).toBe('closed');
    guard.rws.reconnect();
    await advance(0);
    expect(FakeWebSocket.instances).toHaveLength(1);
    FakeWebSocket.last.serverOpen();
    expect(guard.status.state).toBe('open');
  });
});
