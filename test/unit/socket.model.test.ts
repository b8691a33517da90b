import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PolicyEvent, ResilientSocketEvents } from '../../src/client/events.js';
import { ResilientSocket } from '../../src/client/resilient-socket.js';
import { MAX_HINT_MS } from '../../src/policy/hints.js';
import { FakeClock, FakeLifecycle, FakeWebSocket, seededRandom } from '../support/fakes.js';

type Step =
  | { type: 'open' }
  | { type: 'serverClose'; code: number; reason: string }
  | { type: 'drop' }
  | { type: 'errorWithoutClose' }
  | { type: 'advance'; ms: number }
  | { type: 'send' }
  | { type: 'close' }
  | { type: 'reconnect' }
  | { type: 'lifecycle'; event: 'online' | 'offline' | 'pagehide' | 'pageshow' }
  | { type: 'policyRetry' }
  | { type: 'policyStop' }
  | { type: 'finishRetired' }
  | { type: 'throwingListener'; event: keyof ResilientSocketEvents }
  | { type: 'providerHangs'; hangs: boolean };

/** What the app's buggy listeners throw; the socket rethrows it from a zero-delay timer. */
const LISTENER_BUG = 'bug in an app listener';
const EVENTS: Array<keyof ResilientSocketEvents> = [
  'state',
  'open',
  'message',
  'close',
  'reconnecting',
  'policy',
  'stopped',
  'drop',
  'error',
];

const CODES = [1000, 1001, 1002, 1003, 1005, 1006, 1008, 1009, 1011, 1012, 1013, 1014, 3000, 4000, 4999, 999, 5000];
const REASONS = [
  '',
  'token expired',
  'rate limit; retry-after=3',
  '{"reconnect": false}',
  'slow down',
  'retry-after=99999',
];

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ type: 'open' } as const) },
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('serverClose' as const),
      code: fc.constantFrom(...CODES),
      reason: fc.constantFrom(...REASONS),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ type: 'drop' } as const) },
  { weight: 1, arbitrary: fc.constant({ type: 'errorWithoutClose' } as const) },
  {
    weight: 5,
    arbitrary: fc.record({ type: fc.constant('advance' as const), ms: fc.oneof(fc.nat(2000), fc.nat(700_000)) }),
  },
  { weight: 4, arbitrary: fc.constant({ type: 'send' } as const) },
  { weight: 1, arbitrary: fc.constant({ type: 'close' } as const) },
  { weight: 1, arbitrary: fc.constant({ type: 'reconnect' } as const) },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('lifecycle' as const),
      event: fc.constantFrom('online', 'offline', 'pagehide', 'pageshow'),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ type: 'policyRetry' } as const) },
  { weight: 1, arbitrary: fc.constant({ type: 'policyStop' } as const) },
  { weight: 1, arbitrary: fc.constant({ type: 'finishRetired' } as const) },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant('throwingListener' as const), event: fc.constantFrom(...EVENTS) }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('providerHangs' as const), hangs: fc.boolean() }) },
);

/** Sockets the client still treats as its own: created, not closed by anyone. */
function liveToClient(): FakeWebSocket[] {
  return FakeWebSocket.instances.filter((ws) => ws.readyState < 2 && ws.onclose !== null && ws.onmessage !== null);
}

function current(): FakeWebSocket | undefined {
  const live = liveToClient();
  return live.at(-1);
}

function run(steps: Step[], seed: number): void {
  FakeWebSocket.reset();
  const clock = new FakeClock();
  const lifecycle = new FakeLifecycle();
  let policy: PolicyEvent | undefined;
  // The URL provider: while `hangs`, its token fetch never answers (the connect timeout must end it).
  let hangs = false;
  const url = () => (hangs ? new Promise<string>(() => {}) : 'ws://model/live');
  const socket = new ResilientSocket(url, {
    WebSocket: FakeWebSocket,
    clock,
    lifecycle,
    random: seededRandom(seed),
    auth: { refresh: () => {}, loopWindowMs: 10_000 },
    outbox: { maxQueuedMessages: 5, overflow: 'drop-oldest' },
    backoff: { maxAttempts: 50 },
  });
  const sentByApp: string[] = [];
  const dropped: string[] = [];
  const delays: number[] = [];
  socket.on('drop', (d) => dropped.push(d.data as string));
  socket.on('policy', (e) => {
    policy = e;
  });
  socket.on('reconnecting', (e) => delays.push(e.delayMs));
  let n = 0;
  let closedAt: number | undefined;
  /** Listener errors thrown and not yet rethrown by the socket's zero-delay timers. */
  let reportsPending = 0;
  const ownTimers = () => clock.pending - reportsPending;

  for (const s of steps) {
    const before = FakeWebSocket.instances.length;
    const stateBefore = socket.status.state;
    const ws = current();
    switch (s.type) {
      case 'open':
        if (ws && ws.readyState === 0) ws.serverOpen();
        break;
      case 'serverClose':
        if (ws) ws.serverClose(s.code, s.reason);
        break;
      case 'drop':
        if (ws) ws.drop();
        break;
      case 'errorWithoutClose':
        if (ws) ws.errorWithoutClose();
        break;
      case 'advance': {
        const end = clock.time + s.ms;
        for (;;) {
          try {
            clock.advance(end - clock.time);
            break;
          } catch (error) {
            // A listener's error, rethrown by the socket: expected, and not lost.
            if ((error as Error).message !== LISTENER_BUG) throw error;
            reportsPending--;
          }
        }
        break;
      }
      case 'send': {
        const msg = `m${n++}`;
        sentByApp.push(msg);
        if (socket.status.state === 'closed') {
          expect(() => socket.send(msg)).toThrow();
          dropped.push(msg);
        } else socket.send(msg);
        break;
      }
      case 'close':
        socket.close();
        closedAt = FakeWebSocket.instances.length;
        break;
      case 'reconnect':
        socket.reconnect();
        closedAt = undefined;
        break;
      case 'lifecycle':
        lifecycle.fire(s.event);
        break;
      case 'policyRetry':
        if (policy) {
          const wasWaiting = socket.status.state === 'paused' || socket.status.state === 'backoff';
          policy.retry();
          if (wasWaiting && closedAt !== undefined) closedAt = undefined;
        }
        break;
      case 'policyStop':
        policy?.stop();
        break;
      case 'finishRetired':
        for (const r of FakeWebSocket.instances) if (r.readyState === 2) r.finishClose();
        break;
      case 'providerHangs':
        hangs = s.hangs;
        break;
      case 'throwingListener':
        socket.once(s.event, () => {
          reportsPending++;
          throw new Error(LISTENER_BUG);
        });
        break;
    }
    const state = socket.status.state;
    // Never two live native sockets.
    expect(liveToClient().length).toBeLessThanOrEqual(1);
    // Nothing reconnects after close() or a stop, and no timer is left behind.
    if (state === 'closed' || state === 'stopped') {
      expect(ownTimers()).toBe(0);
      expect(liveToClient()).toHaveLength(0);
    }
    // Never stuck: while connecting, open or in backoff, a native socket is alive or a timer will act.
    if (state === 'connecting' || state === 'open' || state === 'backoff') {
      expect(liveToClient().length + ownTimers()).toBeGreaterThan(0);
    }
    if (closedAt !== undefined && s.type !== 'reconnect') expect(FakeWebSocket.instances.length).toBe(closedAt);
    if (stateBefore === 'stopped' && s.type === 'advance') expect(FakeWebSocket.instances.length).toBe(before);
    // Status agrees with readyState.
    expect(socket.readyState).toBe(state === 'open' ? 1 : state === 'closed' || state === 'stopped' ? 3 : 0);
  }

  // Delays within bounds: never negative, never beyond a clamped hint plus its jitter.
  for (const d of delays) {
    expect(Number.isFinite(d)).toBe(true);
    expect(d).toBeGreaterThanOrEqual(0);
    expect(d).toBeLessThanOrEqual(Math.max(MAX_HINT_MS * 1.2, 600_000));
  }

  socket.close();
  expect(ownTimers()).toBe(0);
  // Every message was delivered in order or reported as dropped.
  const delivered = FakeWebSocket.instances.flatMap((ws) => ws.sent as string[]);
  expect(new Set(delivered).size).toBe(delivered.length);
  const indexes = delivered.map((m) => sentByApp.indexOf(m));
  expect(indexes).toEqual([...indexes].sort((a, b) => a - b));
  expect([...delivered, ...dropped].sort()).toEqual([...sentByApp].sort());
}

describe('ResilientSocket state machine (model-based)', () => {
  it('holds its invariants under random event sequences', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 80 }), fc.integer(), (steps, seed) => run(steps, seed)),
      { numRuns: 400 },
    );
  });
});
