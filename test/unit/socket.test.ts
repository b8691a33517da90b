import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClosewiseError, OutboxFullError } from '../../src/client/errors.js';
import type { PolicyEvent, ResilientSocketEvents, StoppedEvent } from '../../src/client/events.js';
import type { ResilientSocketOptions } from '../../src/client/options.js';
import { ResilientSocket } from '../../src/client/resilient-socket.js';
import { DEFAULT_BACKOFF } from '../../src/policy/backoff.js';
import type { CloseClassification } from '../../src/policy/classify.js';
import { en } from '../../src/registry/advice/en.js';
import { tr } from '../../src/registry/advice/tr.js';
import { defineCodes } from '../../src/registry/define.js';
import { graphqlWs } from '../../src/registry/profiles.js';
import type { CodeMap } from '../../src/registry/types.js';
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

beforeEach(() => {
  clock = new FakeClock();
  FakeWebSocket.reset();
  sockets = [];
});

afterEach(() => {
  for (const s of sockets) s.close();
  // close() must leave no timer behind, whatever state the socket was in.
  expect(clock.pending).toBe(0);
});

describe('connecting', () => {
  it('connects at once and reports open with the real url and protocol', () => {
    const socket = make({ protocols: ['v2', 'v1'] });
    const opens = record(socket, 'open');
    expect(socket.status.state).toBe('connecting');
    expect(FakeWebSocket.last.protocols).toEqual(['v2', 'v1']);
    FakeWebSocket.last.serverOpen('v2');
    expect(socket.status.state).toBe('open');
    expect(socket.readyState).toBe(1);
    expect(opens).toEqual([{ url: 'ws://test/live', protocol: 'v2', attempt: 0, totalAttempts: 1 }]);
    expect(socket.protocol).toBe('v2');
  });

  it("attempt means one thing: open's attempt is status.attempt (this outage's retries); totalAttempts counts from the start", () => {
    const hooks: Array<{ attempt: number; totalAttempts: number }> = [];
    const socket = make({ onOpen: ({ attempt, totalAttempts }) => void hooks.push({ attempt, totalAttempts }) });
    const opens = record(socket, 'open');
    FakeWebSocket.last.drop();
    clock.runNext();
    FakeWebSocket.last.drop();
    clock.runNext();
    FakeWebSocket.last.serverOpen();
    expect(opens[0]).toMatchObject({ attempt: 2, totalAttempts: 3 });
    expect(opens[0]?.attempt).toBe(socket.status.attempt);
    expect(hooks).toEqual([{ attempt: 2, totalAttempts: 3 }]);
  });

  it('calls a protocols provider before every attempt and applies binaryType to each native socket', () => {
    let version = 1;
    const socket = make({ protocols: () => [`v${version}`], binaryType: 'arraybuffer' });
    expect(FakeWebSocket.last.protocols).toEqual(['v1']);
    expect(FakeWebSocket.last.binaryType).toBe('arraybuffer');
    version = 2;
    FakeWebSocket.last.drop();
    clock.runNext();
    expect(FakeWebSocket.last.protocols).toEqual(['v2']);
    socket.binaryType = 'blob';
    expect(FakeWebSocket.last.binaryType).toBe('blob');
    expect(() => {
      socket.binaryType = 'text' as never;
    }).toThrow('"text"');
  });

  it('reports url, protocol and bufferedAmount like a WebSocket, counting queued bytes', () => {
    const socket = make({}, 'http://example.com/live');
    expect(socket.url).toBe('ws://example.com/live');
    socket.send('abc');
    socket.send('ğ');
    expect(socket.bufferedAmount).toBe(5);
    expect(socket.queuedMessages).toBe(2);
    FakeWebSocket.last.serverOpen('chat');
    expect(socket.protocol).toBe('chat');
    expect(socket.bufferedAmount).toBe(0);
  });

  it('converts http(s) urls and rejects other schemes naming them', () => {
    make({}, 'https://example.com/live');
    expect(FakeWebSocket.last.url).toBe('wss://example.com/live');
    expect(() => make({}, 'ftp://example.com')).toThrow(/ftp:\/\/example\.com/);
    expect(() => make({}, 'not a url')).toThrow(TypeError);
  });

  it('calls the url provider before every attempt, so a new token lands in the url', async () => {
    let token = 'a';
    const socket = make({}, async () => `ws://test/live?token=${token}`);
    await flushPromises();
    expect(FakeWebSocket.last.url).toBe('ws://test/live?token=a');
    token = 'b';
    FakeWebSocket.last.drop();
    clock.runNext();
    await flushPromises();
    expect(FakeWebSocket.last.url).toBe('ws://test/live?token=b');
    expect(socket.status.state).toBe('connecting');
  });

  it('a provider that throws or rejects is an error event and is retried with backoff', async () => {
    let calls = 0;
    const socket = make({}, () => {
      calls++;
      if (calls === 1) throw new Error('no token yet');
      if (calls === 2) return Promise.reject(new Error('still none'));
      return 'ws://test/live';
    });
    const errors = record(socket, 'error');
    const retries = record(socket, 'reconnecting');
    await flushPromises(); // the first failure is reported after the constructor returns
    expect(errors[0]).toBeInstanceOf(ClosewiseError);
    expect(errors[0]?.kind).toBe('url');
    expect(socket.status.state).toBe('backoff');
    clock.runNext();
    await flushPromises();
    expect(errors).toHaveLength(2);
    clock.runNext();
    expect(FakeWebSocket.instances).toHaveLength(1);
    expect(retries.map((r) => r.attempt)).toEqual([1, 2]);
    expect(retries[0]?.classification).toBeUndefined();
  });

  it('a provider returning a bad url is reported and retried, not thrown', async () => {
    const socket = make({}, () => 'mailto:x@y');
    const errors = record(socket, 'error');
    await flushPromises();
    expect(errors[0]?.message).toContain('mailto:x@y');
    expect(socket.status.state).toBe('backoff');
  });

  it('abandons an attempt that does not open within connectTimeoutMs, as initiator timeout', () => {
    const socket = make({ connectTimeoutMs: 2000 });
    const closes = record(socket, 'close');
    const first = FakeWebSocket.last;
    clock.advance(2000);
    expect(first.readyState).toBe(2);
    expect(closes[0]).toMatchObject({ code: 1006, initiator: 'timeout', phase: 'handshake', action: 'reconnect' });
    expect(socket.status.state).toBe('backoff');
  });
});

describe('the connect timeout covers the whole attempt', () => {
  it('a url provider that never settles is cut off, reported and retried; its late answer is ignored', async () => {
    let calls = 0;
    let answerFirst: (url: string) => void = () => {};
    const socket = make({ connectTimeoutMs: 3000 }, () => {
      calls++;
      return calls === 1 ? new Promise<string>((resolve) => (answerFirst = resolve)) : 'ws://test/second';
    });
    const errors = record(socket, 'error');
    clock.advance(2999);
    expect(socket.status.state).toBe('connecting');
    clock.advance(1);
    expect(errors.map((e) => [e.kind, e.message])).toEqual([
      ['url', 'closewise: the url or protocols provider did not settle in time'],
    ]);
    expect(socket.status.state).toBe('backoff');
    answerFirst('ws://test/first');
    await flushPromises();
    expect(FakeWebSocket.instances).toHaveLength(0);
    clock.runNext();
    expect(calls).toBe(2);
    expect(FakeWebSocket.instances.map((ws) => ws.url)).toEqual(['ws://test/second']);
  });

  it('one deadline from the start of the attempt: a slow provider leaves less time for the handshake', async () => {
    const socket = make({ connectTimeoutMs: 3000 }, async () => {
      await new Promise<void>((resolve) => clock.setTimeout(resolve, 2000));
      return 'ws://test/slow';
    });
    const closes = record(socket, 'close');
    clock.advance(2000);
    await flushPromises();
    expect(FakeWebSocket.instances).toHaveLength(1);
    clock.advance(1000);
    expect(closes[0]).toMatchObject({ code: 1006, initiator: 'timeout', phase: 'handshake' });
  });

  it('going offline while the provider is pending drops the wait: no error when it would have expired', () => {
    const lifecycle = new FakeLifecycle();
    const socket = make({ lifecycle, connectTimeoutMs: 3000 }, () => new Promise<string>(() => {}));
    const errors = record(socket, 'error');
    lifecycle.fire('offline');
    expect(socket.status.state).toBe('offline');
    clock.advance(60_000);
    expect(errors).toEqual([]);
    expect(socket.status.state).toBe('offline');
  });
});

describe('acting on close codes', () => {
  it('1014 reconnects with jittered, growing backoff and reports the real code', () => {
    const socket = make();
    const closes = record(socket, 'close');
    const retries = record(socket, 'reconnecting');
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.serverClose(1014, 'upstream down');
    expect(closes[0]).toMatchObject({
      code: 1014,
      reason: 'upstream down',
      name: 'Bad Gateway',
      initiator: 'server',
      phase: 'open',
    });
    for (let i = 0; i < 5; i++) {
      clock.runNext();
      FakeWebSocket.last.serverClose(1014);
    }
    const delays = retries.map((r) => r.delayMs);
    expect(retries.map((r) => r.attempt)).toEqual([1, 2, 3, 4, 5, 6]);
    // 1014 hits every client behind the gateway at once: the fleet spread (first wave over 8 s,
    // then the upper half of a ceiling capped at 11 s).
    delays.forEach((d, i) => {
      expect(d).toBeGreaterThanOrEqual(0);
      const ceiling = Math.min(11_000, 8000 * 2 ** i);
      expect(d).toBeLessThanOrEqual(ceiling);
      if (i > 0) expect(d).toBeGreaterThanOrEqual(ceiling / 2);
    });
    expect(new Set(delays).size).toBeGreaterThan(1);
    expect(socket.status).toMatchObject({ state: 'backoff', attempt: 6 });
    expect(socket.status.nextRetryAt).toBe(clock.time + (delays[5] as number));
  });

  it('a lone 1006 retries within 1 s; a fleet outage keeps its wide spread even when later closes are 1006', () => {
    const lone = make();
    const loneRetries = record(lone, 'reconnecting');
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.drop();
    expect(loneRetries[0]?.classification?.scope).toBe('client');
    expect(loneRetries[0]?.delayMs).toBeLessThanOrEqual(1000);
    lone.close();

    const fleet = make({ random: () => 0.99 });
    const retries = record(fleet, 'reconnecting');
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.serverClose(1014);
    clock.runNext();
    FakeWebSocket.last.drop(); // the gateway now answers the handshake with 502
    expect(retries.map((r) => r.classification?.scope)).toEqual(['fleet', 'client']);
    expect(retries[0]?.delayMs).toBeGreaterThan(7000);
    expect(retries[1]?.delayMs).toBeGreaterThan(10_000);
  });

  it('a 1006 whose retry fails in the handshake is a crash: the next retries spread over one growing period', () => {
    const { crashDelayMs, crashGrowth, crashMaxDelayMs, initialDelayMs } = DEFAULT_BACKOFF;
    const socket = make({ random: () => 0.5 });
    const retries = record(socket, 'reconnecting');
    FakeWebSocket.last.serverOpen();
    const droppedAt = clock.now();
    FakeWebSocket.last.drop(); // the server process died
    expect(retries[0]?.delayMs).toBeLessThanOrEqual(initialDelayMs); // could be a blip: retry fast
    clock.runNext();
    FakeWebSocket.last.drop(); // refused: nothing listens, so it is down for everyone
    // Past the blip window, then somewhere in one period (not the doubling full jitter of a blip).
    const second = (retries[1]?.delayMs ?? 0) + clock.now() - droppedAt;
    expect(second).toBeGreaterThan(initialDelayMs);
    expect(second).toBeLessThan(initialDelayMs + crashDelayMs + crashGrowth * initialDelayMs);
    // Every later failure waits the period, which grows with the time since the outage began.
    const periods: number[] = [];
    for (let i = 0; i < 12; i++) {
      clock.runNext();
      const elapsed = clock.now() - droppedAt;
      FakeWebSocket.last.drop();
      const delay = retries.at(-1)?.delayMs as number;
      periods.push(delay);
      const linear = crashDelayMs + crashGrowth * elapsed;
      if (linear < 0.8 * crashMaxDelayMs) expect(delay).toBe(Math.round(linear));
    }
    for (let i = 1; i < periods.length; i++) expect(periods[i]).toBeGreaterThanOrEqual(periods[i - 1] as number);
    expect(periods.at(-1)).toBe(crashMaxDelayMs);
    // Back up: open, healthy, and the next drop is a blip again.
    clock.runNext();
    FakeWebSocket.last.serverOpen();
    clock.advance(5000);
    FakeWebSocket.last.drop();
    expect(retries.at(-1)?.delayMs).toBeLessThanOrEqual(initialDelayMs);
  });

  it('the crash profile holds through auth refreshes and connect timeouts: no wait beyond one period', async () => {
    const { crashMaxDelayMs } = DEFAULT_BACKOFF;
    // Refused handshakes with auth.refresh: every third one refreshes, and the wait after it is
    // still the crash period (it was the 30 s client profile, found by review).
    const refreshing = make({ random: () => 0.999, auth: { refresh: async () => {} } });
    const retries = record(refreshing, 'reconnecting');
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.drop();
    for (let i = 0; i < 14; i++) {
      clock.runNext();
      await flushPromises();
      FakeWebSocket.last.drop();
      await flushPromises();
    }
    expect(retries.length).toBeGreaterThan(12);
    expect(Math.max(...retries.map((r) => r.delayMs))).toBeLessThanOrEqual(crashMaxDelayMs);
    refreshing.close();

    // A server that blackholes: every attempt times out. Also down for everyone.
    const blackholed = make({ random: () => 0.999 });
    const waits = record(blackholed, 'reconnecting');
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.drop();
    for (let i = 0; i < 8; i++) clock.runNext(); // retry timer, then the connect timeout, ...
    expect(waits.length).toBeGreaterThan(3);
    expect(Math.max(...waits.map((r) => r.delayMs))).toBeLessThanOrEqual(crashMaxDelayMs);
    expect(waits.slice(2).every((w) => w.delayMs > 0)).toBe(true);
  });

  it('never reports a failed connection as 1000: a refused handshake is 1006 before open', () => {
    const socket = make();
    const closes = record(socket, 'close');
    FakeWebSocket.last.drop();
    expect(closes[0]).toMatchObject({ code: 1006, phase: 'handshake', wasClean: false });
  });

  it.each([1003, 1007, 1009, 1010, 3003])('fatal %i stops, reports, never loops', (code) => {
    const socket = make();
    const stopped = record(socket, 'stopped');
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.serverClose(code);
    expect(socket.status.state).toBe('stopped');
    expect(stopped[0]).toMatchObject({ reason: 'fatal', classification: { code } });
    clock.advance(3_600_000);
    expect(FakeWebSocket.instances).toHaveLength(1);
    expect(socket.readyState).toBe(3);
  });

  it('1012 waits a random 5-30 s', () => {
    const socket = make();
    const retries = record(socket, 'reconnecting');
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.serverClose(1012);
    expect(retries[0]?.delayMs).toBeGreaterThanOrEqual(5000);
    expect(retries[0]?.delayMs).toBeLessThanOrEqual(30_000);
    expect(socket.status.state).toBe('backoff');
  });

  it('1013 backs off at least 30 s; a retry-after hint is a floor', () => {
    const socket = make();
    const retries = record(socket, 'reconnecting');
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.serverClose(1013);
    expect(retries[0]?.delayMs).toBeGreaterThanOrEqual(30_000);
    clock.runNext();
    FakeWebSocket.last.serverClose(1013, 'retry-after=90');
    expect(retries[1]?.delayMs).toBeGreaterThanOrEqual(90_000);
    expect(retries[1]?.delayMs).toBeLessThanOrEqual(108_000);
  });

  it('server 1000 reconnects by default and stops when reconnectOnNormalClose is false', () => {
    const a = make();
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.serverClose(1000);
    expect(a.status.state).toBe('backoff');
    const b = make({ reconnectOnNormalClose: false });
    const stopped = record(b, 'stopped');
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.serverClose(1000);
    expect(b.status.state).toBe('stopped');
    expect(stopped[0]?.reason).toBe('closed');
  });

  it('1002 retries a few times, then gives up', () => {
    const socket = make();
    const stopped = record(socket, 'stopped');
    for (let i = 0; i < 4 && socket.status.state !== 'stopped'; i++) {
      FakeWebSocket.last.serverOpen();
      FakeWebSocket.last.serverClose(1002);
      clock.runNext();
    }
    expect(FakeWebSocket.instances).toHaveLength(4);
    expect(stopped[0]).toMatchObject({ reason: 'gave-up', classification: { code: 1002, escalated: true } });
  });

  it('uses profile codes: graphql-ws 4403 (onConnect refused) is an auth policy close, 4401 a client bug that stops', () => {
    const socket = make({ codes: graphqlWs });
    const policies = record(socket, 'policy');
    const stopped = record(socket, 'stopped');
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.serverClose(4403, 'Forbidden');
    expect(policies[0]?.kind).toBe('auth');
    expect(policies[0]?.classification.name).toBe('Forbidden');
    policies[0]?.retry();
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.serverClose(4401, 'Unauthorized');
    expect(stopped[0]).toMatchObject({ reason: 'fatal', classification: { code: 4401, action: 'stop' } });
    expect(policies).toHaveLength(1);
  });
});

describe('backoff reset and budget', () => {
  it('resets backoff only after minUptimeMs: an accept-then-close server gets no storm', () => {
    const socket = make({ backoff: { minUptimeMs: 5000 } });
    const retries = record(socket, 'reconnecting');
    for (let i = 0; i < 6; i++) {
      FakeWebSocket.last.serverOpen();
      clock.advance(100);
      FakeWebSocket.last.serverClose(1011);
      clock.runNext();
    }
    expect(retries.map((r) => r.attempt)).toEqual([1, 2, 3, 4, 5, 6]);
    FakeWebSocket.last.serverOpen();
    clock.advance(5000);
    expect(socket.status.attempt).toBe(0);
    FakeWebSocket.last.serverClose(1011);
    expect(retries.at(-1)?.attempt).toBe(1);
  });

  it('gives up after maxAttempts', () => {
    const socket = make({ backoff: { maxAttempts: 3 } });
    const stopped = record(socket, 'stopped');
    for (let i = 0; i < 10 && socket.status.state !== 'stopped'; i++) {
      FakeWebSocket.last.drop();
      clock.runNext();
    }
    expect(FakeWebSocket.instances).toHaveLength(4);
    expect(stopped[0]).toMatchObject({ reason: 'gave-up', classification: { code: 1006 } });
    expect(socket.status.state).toBe('stopped');
  });

  it('gives up after maxElapsedMs', () => {
    const socket = make({ backoff: { maxElapsedMs: 10_000 } });
    const stopped = record(socket, 'stopped');
    for (let i = 0; i < 100 && socket.status.state !== 'stopped'; i++) {
      FakeWebSocket.last.drop();
      clock.runNext();
    }
    expect(stopped[0]?.reason).toBe('gave-up');
    expect(clock.time).toBeGreaterThanOrEqual(10_000);
    expect(clock.time).toBeLessThan(10_000 + 30_000);
  });
});

describe('policy closes', () => {
  it('without a locale, policy advice is the English registry text, for 1008 and for app codes', () => {
    const app = defineCodes({ 4009: { name: 'Room full', action: 'policy' } });
    const socket = make({ codes: app });
    const policies = record(socket, 'policy');
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.serverClose(1008, 'forbidden content');
    expect(policies[0]?.advice).toEqual({
      description: en.codes[1008]?.description,
      whenYouSee: en.codes[1008]?.whenYouSee,
      howToFix: en.codes[1008]?.howToFix,
    });
    policies[0]?.retry();
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.serverClose(4009);
    expect(policies[1]?.classification.name).toBe('Room full');
    expect(policies[1]?.advice).toEqual(en.ranges.private);
    // The event carries a copy: an app that edits it does not rewrite the registry.
    (policies[1]?.advice as { howToFix: string }).howToFix = 'edited';
    expect(en.ranges.private.howToFix).not.toBe('edited');
  });

  it('1008 without auth.refresh pauses and emits policy with localized advice', () => {
    const socket = make({ locale: tr });
    const policies = record(socket, 'policy');
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.serverClose(1008, 'forbidden content');
    expect(socket.status.state).toBe('paused');
    const e = policies[0] as PolicyEvent;
    expect(e.kind).toBe('other');
    expect(e.advice.howToFix).toBe(tr.codes[1008]?.howToFix);
    clock.advance(3_600_000);
    expect(FakeWebSocket.instances).toHaveLength(1);
    e.retry();
    expect(FakeWebSocket.instances).toHaveLength(2);
    expect(socket.status.state).toBe('connecting');
  });

  it("policy.stop() ends in 'stopped' with reason 'policy'; stale handles do nothing", () => {
    const socket = make();
    const policies = record(socket, 'policy');
    const stopped = record(socket, 'stopped');
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.serverClose(1008, 'token expired');
    const e = policies[0] as PolicyEvent;
    expect(e.kind).toBe('auth');
    e.stop();
    expect(stopped[0]).toMatchObject({ reason: 'policy', classification: { code: 1008 } });
    socket.reconnect();
    FakeWebSocket.last.serverOpen();
    e.retry();
    e.stop();
    expect(socket.status.state).toBe('open');
    expect(FakeWebSocket.instances).toHaveLength(2);
  });

  it('auth.refresh runs on an auth close, then the usual backoff, then exactly one reconnect', async () => {
    let token = 'old';
    const refreshCalls: unknown[] = [];
    const socket = make(
      {
        auth: {
          refresh: async (ctx) => {
            refreshCalls.push(ctx.trigger);
            token = 'new';
          },
        },
      },
      () => `ws://test/live?token=${token}`,
    );
    const policies = record(socket, 'policy');
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.serverClose(1008, 'token expired');
    expect(socket.status.state).toBe('connecting');
    await flushPromises();
    expect(refreshCalls).toEqual(['policy']);
    // The refresh was an attempt: the first reconnect delay (at most 1 s) follows it.
    expect(socket.status).toMatchObject({ state: 'backoff', attempt: 1 });
    clock.advance(1000);
    expect(FakeWebSocket.instances).toHaveLength(2);
    expect(FakeWebSocket.last.url).toBe('ws://test/live?token=new');
    expect(policies).toHaveLength(0);
  });

  it("the same auth close right after a refresh stops with 'policy-loop'", async () => {
    const socket = make({ auth: { refresh: async () => {}, loopWindowMs: 60_000 } });
    const stopped = record(socket, 'stopped');
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.serverClose(1008, 'token expired');
    await flushPromises();
    clock.advance(1000);
    FakeWebSocket.last.serverOpen();
    clock.advance(1000);
    FakeWebSocket.last.serverClose(1008, 'token expired');
    await flushPromises();
    expect(stopped[0]).toMatchObject({ reason: 'policy-loop', classification: { code: 1008 } });
    expect(FakeWebSocket.instances).toHaveLength(2);
  });

  it('a refresh that throws is an error event and the socket stays paused', async () => {
    const socket = make({
      auth: {
        refresh: () => {
          throw new Error('refresh endpoint down');
        },
      },
    });
    const errors = record(socket, 'error');
    const policies = record(socket, 'policy');
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.serverClose(3000);
    await flushPromises();
    expect(errors[0]?.kind).toBe('auth-refresh');
    expect(socket.status.state).toBe('paused');
    expect(policies[0]?.kind).toBe('auth');
    clock.advance(600_000);
    expect(FakeWebSocket.instances).toHaveLength(1);
  });

  it('N consecutive 1006 closes before open call auth.refresh (hidden 401)', async () => {
    const triggers: string[] = [];
    const socket = make({
      auth: { refresh: async (ctx) => void triggers.push(ctx.trigger), handshakeFailures: 3 },
    });
    for (let i = 0; i < 3; i++) {
      FakeWebSocket.last.drop();
      clock.runNext();
      await flushPromises();
    }
    expect(triggers).toEqual(['handshake']);
    // The refresh counts as the third retry, and the usual backoff follows it.
    expect(socket.status).toMatchObject({ state: 'backoff', attempt: 3 });
    expect(FakeWebSocket.instances).toHaveLength(3);
    clock.runNext();
    expect(FakeWebSocket.instances).toHaveLength(4);
    expect(socket.status.state).toBe('connecting');
  });

  it('an error with no close after it (Node 22, refused handshake) counts as the 1006 a browser reports', async () => {
    const triggers: string[] = [];
    const socket = make({
      auth: { refresh: async (ctx) => void triggers.push(ctx.trigger), handshakeFailures: 2 },
    });
    const closes = record(socket, 'close');
    const errors = record(socket, 'error');
    FakeWebSocket.last.errorWithoutClose();
    expect(errors).toHaveLength(1);
    expect(closes).toHaveLength(0);
    clock.advance(999);
    expect(closes).toHaveLength(0);
    clock.advance(1);
    expect(closes[0]).toMatchObject({ code: 1006, initiator: 'server', phase: 'handshake', wasClean: false });
    expect(socket.status.state).toBe('backoff');
    // A close that turns up after all is not reported or acted on a second time.
    FakeWebSocket.instances[0]?.serverClose(1006, '', false);
    expect(closes).toHaveLength(1);
    clock.runNext();
    FakeWebSocket.last.errorWithoutClose();
    clock.advance(1000);
    await flushPromises();
    // Long before the 10 s connect timeout, and counted as a hidden handshake rejection.
    expect(triggers).toEqual(['handshake']);
    clock.runNext();
    expect(FakeWebSocket.instances).toHaveLength(3);
  });

  it('an error followed by its close is one close, classified once', () => {
    // A quick retry: the next attempt is live when the error's grace period would have ended.
    const socket = make({ backoff: { initialDelayMs: 10 } });
    const closes = record(socket, 'close');
    FakeWebSocket.last.drop();
    clock.advance(5000);
    expect(closes).toHaveLength(1);
    expect(closes[0]?.initiator).toBe('server');
    expect(FakeWebSocket.instances).toHaveLength(2);
    expect(socket.status.state).toBe('connecting');
  });

  it('a rate-limit 1008 emits policy, waits the hint (a floor over the reconnect backoff), resumes by itself and throttles sends', () => {
    const socket = make({ rateLimit: { sendIntervalMs: 100, recoverAfterMs: 10_000 } });
    const policies = record(socket, 'policy');
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.serverClose(1008, 'rate limit exceeded; retry-after=2');
    const e = policies[0] as PolicyEvent;
    expect(e.kind).toBe('rate-limit');
    // The 2 s hint (plus up to 20 % jitter) is longer than the first reconnect delay: it decides.
    const resumeAt = e.resumeAt as number;
    expect(resumeAt).toBeGreaterThanOrEqual(2000);
    expect(resumeAt).toBeLessThanOrEqual(2400);
    expect(socket.status).toMatchObject({ state: 'backoff', nextRetryAt: resumeAt });
    clock.advance(resumeAt - 1);
    expect(FakeWebSocket.instances).toHaveLength(1);
    clock.advance(1);
    expect(FakeWebSocket.instances).toHaveLength(2);
    const ws = FakeWebSocket.last;
    ws.serverOpen();
    for (let i = 0; i < 5; i++) socket.send(`m${i}`);
    expect(ws.sent).toEqual(['m0']);
    clock.advance(250);
    expect(ws.sent).toEqual(['m0', 'm1', 'm2']);
    clock.advance(10_000);
    for (let i = 5; i < 8; i++) socket.send(`m${i}`);
    expect(ws.sent).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7']);
  });

  it('stop() on a rate-limit policy event still ends it', () => {
    const socket = make();
    const policies = record(socket, 'policy');
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.serverClose(1008, 'too many requests');
    policies[0]?.stop();
    expect(socket.status.state).toBe('stopped');
    clock.advance(3_600_000);
    expect(FakeWebSocket.instances).toHaveLength(1);
  });

  it('{"reconnect": false} in the reason stops', () => {
    const socket = make();
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.serverClose(1011, '{"reconnect": false}');
    expect(socket.status.state).toBe('stopped');
  });
});

describe('outbox', () => {
  it('queues while not open and flushes in order after the onOpen hook', async () => {
    const order: string[] = [];
    const socket = make({
      onOpen: async ({ send }) => {
        await Promise.resolve();
        send('auth');
        order.push('hook');
      },
    });
    expect(socket.send('a')).toBe('queued');
    expect(socket.send('b')).toBe('queued');
    FakeWebSocket.last.serverOpen();
    expect(socket.status.state).toBe('connecting');
    expect(socket.send('c')).toBe('queued');
    await flushPromises();
    expect(FakeWebSocket.last.sent).toEqual(['auth', 'a', 'b', 'c']);
    expect(socket.send('d')).toBe('sent');
    expect(order).toEqual(['hook']);
  });

  it('an onOpen hook that fails is an error and the attempt is retried', async () => {
    const socket = make({ onOpen: () => Promise.reject(new Error('no token')) });
    const errors = record(socket, 'error');
    FakeWebSocket.last.serverOpen();
    await flushPromises();
    expect(errors[0]?.kind).toBe('open-hook');
    expect(socket.status.state).toBe('backoff');
    expect(FakeWebSocket.last.readyState).toBe(2);
  });

  it('an onOpen hook that never settles is cut off by the connect timeout', () => {
    const socket = make({ connectTimeoutMs: 3000, onOpen: () => new Promise<void>(() => {}) });
    const closes = record(socket, 'close');
    FakeWebSocket.last.serverOpen();
    clock.advance(3000);
    expect(closes[0]).toMatchObject({ code: 1006, initiator: 'timeout', phase: 'open', action: 'reconnect' });
    expect(socket.status.state).toBe('backoff');
  });

  it.each([
    ['an object', { type: 'subscribe' }, 'object'],
    ['a number', 42, '42'],
    ['null', null, 'null'],
    ['undefined', undefined, 'undefined'],
    ['a boolean', true, 'true'],
  ])('send(%s) throws a TypeError naming it, queued or not, and leaves the outbox intact', (_, data, shown) => {
    const socket = make({ outbox: { maxQueuedBytes: 10 } });
    const message = `ResilientSocket.send: data must be a string, an ArrayBuffer, a typed array or DataView, or a Blob (JSON.stringify objects first), got ${shown}`;
    expect(() => socket.send(data as never)).toThrow(new TypeError(message));
    expect(socket.queuedMessages).toBe(0);
    // The byte bound still holds: nothing made the queue's size NaN.
    expect(socket.send('0123456789')).toBe('queued');
    expect(() => socket.send('x')).toThrow(OutboxFullError);
    FakeWebSocket.last.serverOpen();
    expect(() => socket.send(data as never)).toThrow(new TypeError(message));
    expect(FakeWebSocket.last.sent).toEqual(['0123456789']);
  });

  it('sends binary data as it is: ArrayBuffer, typed arrays, DataView and Blob', () => {
    const socket = make();
    FakeWebSocket.last.serverOpen();
    const buffer = new ArrayBuffer(2);
    const data = [buffer, new Uint8Array(buffer), new DataView(buffer), new Blob(['hi'])];
    for (const d of data) expect(socket.send(d)).toBe('sent');
    expect(FakeWebSocket.last.sent).toEqual(data);
  });

  it("the onOpen hook's send refuses an object too, which fails that attempt as a hook error", () => {
    const socket = make({ onOpen: ({ send }) => send({ type: 'auth' } as never) });
    const errors = record(socket, 'error');
    FakeWebSocket.last.serverOpen();
    expect(errors[0]?.kind).toBe('open-hook');
    expect((errors[0]?.cause as Error | undefined)?.message).toContain('onOpen send: data must be a string');
    expect(FakeWebSocket.instances[0]?.sent).toEqual([]);
  });

  it("'reject' (default) throws OutboxFullError naming the limit; nothing is dropped", () => {
    const socket = make({ outbox: { maxQueuedMessages: 2 } });
    const drops = record(socket, 'drop');
    socket.send('a');
    socket.send('b');
    expect(() => socket.send('c')).toThrow(OutboxFullError);
    expect(() => socket.send('c')).toThrow('max 2 messages');
    expect(drops).toEqual([]);
    expect(socket.queuedMessages).toBe(2);
  });

  it("'drop-oldest' evicts and reports; 'drop-newest' reports the new one", () => {
    const a = make({ outbox: { maxQueuedMessages: 2, overflow: 'drop-oldest' } });
    const dropsA = record(a, 'drop');
    a.send('1');
    a.send('2');
    expect(a.send('3')).toBe('queued');
    expect(dropsA).toEqual([{ data: '1', reason: 'overflow' }]);
    const b = make({ outbox: { maxQueuedBytes: 4, overflow: 'drop-newest' } });
    const dropsB = record(b, 'drop');
    b.send('abcd');
    expect(b.send('e')).toBe('dropped');
    expect(b.send('toolarge')).toBe('dropped');
    expect(dropsB).toEqual([
      { data: 'e', reason: 'overflow' },
      { data: 'toolarge', reason: 'too-large' },
    ]);
    expect(b.bufferedAmount).toBe(4);
  });

  it('reports queued messages as dropped on close() and on stop', () => {
    const a = make();
    const drops = record(a, 'drop');
    a.send('x');
    a.close();
    expect(drops).toEqual([{ data: 'x', reason: 'closed' }]);
    const b = make();
    const dropsB = record(b, 'drop');
    b.send('y');
    FakeWebSocket.last.serverClose(1003);
    expect(dropsB).toEqual([{ data: 'y', reason: 'stopped' }]);
  });

  it('send() after close() throws', () => {
    const socket = make();
    socket.close();
    expect(() => socket.send('x')).toThrow(/after close/);
  });
});

describe('close() and reconnect()', () => {
  it.each([
    [1001, 'code must be 1000 or 3000-4999'],
    [1006, '1006'],
    [2999, '2999'],
    [5000, '5000'],
    [3000.5, '3000.5'],
  ])('close(%s) throws before touching the native socket', (code, message) => {
    const socket = make();
    expect(() => socket.close(code)).toThrow(RangeError);
    expect(() => socket.close(code)).toThrow(message);
    expect(FakeWebSocket.last.closedWith).toBeUndefined();
  });

  it('close() rejects a reason over 123 UTF-8 bytes', () => {
    const socket = make();
    expect(() => socket.close(1000, 'ğ'.repeat(62))).toThrow('124');
    expect(() => socket.close(1000, 'ğ'.repeat(61))).not.toThrow();
  });

  it('close() closes the native socket with the code, reports the real close, and never reconnects', () => {
    const socket = make();
    const closes = record(socket, 'close');
    const stopped = record(socket, 'stopped');
    FakeWebSocket.last.serverOpen();
    socket.close(4000, 'logout');
    expect(FakeWebSocket.last.closedWith).toEqual({ code: 4000, reason: 'logout' });
    expect(socket.status.state).toBe('closed');
    expect(stopped).toEqual([{ reason: 'closed' }]);
    FakeWebSocket.last.finishClose();
    expect(closes[0]).toMatchObject({ code: 4000, initiator: 'client', action: 'none' });
    clock.advance(3_600_000);
    expect(FakeWebSocket.instances).toHaveLength(1);
    expect(clock.pending).toBe(0);
    socket.close();
    expect(stopped).toHaveLength(1);
  });

  it('close() during backoff cancels the retry timer', () => {
    const socket = make();
    FakeWebSocket.last.drop();
    expect(clock.pending).toBe(1);
    socket.close();
    expect(clock.pending).toBe(0);
  });

  it('reconnect() resets backoff and connects now, from stopped, paused and open', () => {
    const socket = make();
    FakeWebSocket.last.serverClose(1009);
    expect(socket.status.state).toBe('stopped');
    socket.reconnect();
    expect(socket.status).toMatchObject({ state: 'connecting', attempt: 0 });
    FakeWebSocket.last.serverOpen();
    const old = FakeWebSocket.last;
    socket.reconnect();
    expect(old.readyState).toBe(2);
    expect(FakeWebSocket.live()).toHaveLength(2); // the old one is closing, not live to us
    expect(socket.status.state).toBe('connecting');
    socket.close();
    socket.reconnect();
    expect(socket.status.state).toBe('connecting');
  });

  it('updates status before each state event', () => {
    const socket = make();
    const seen: string[] = [];
    socket.on('state', (s) => seen.push(`${s.state}/${socket.status.state}`));
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.serverClose(1014);
    // The constructor's own `connecting` is delivered too, once a listener can hear it.
    expect(seen).toEqual(['connecting/connecting', 'open/open', 'backoff/backoff']);
  });
});

describe('heartbeat', () => {
  it('a missed pong abandons the socket as initiator heartbeat and reconnects', () => {
    const socket = make({
      heartbeat: { intervalMs: 1000, timeoutMs: 500, ping: () => 'ping', isPong: (d) => d === 'pong' },
    });
    const closes = record(socket, 'close');
    const messages = record(socket, 'message');
    const ws = FakeWebSocket.last;
    ws.serverOpen();
    clock.advance(1000);
    expect(ws.sent).toEqual(['ping']);
    ws.serverMessage('pong');
    clock.advance(1000);
    expect(ws.sent).toEqual(['ping', 'ping']);
    clock.advance(500);
    expect(closes[0]).toMatchObject({ code: 1006, initiator: 'heartbeat', phase: 'open', action: 'reconnect' });
    expect(ws.readyState).toBe(2);
    expect(socket.status.state).toBe('backoff');
    expect(messages).toEqual([]);
  });

  it('a ping builder that throws is reported, and does not cut the healthy connection', () => {
    let broken = true;
    const ping = () => {
      if (broken) throw new Error('ping builder bug');
      return 'ping';
    };
    const socket = make({ heartbeat: { intervalMs: 1000, timeoutMs: 500, ping, isPong: (d) => d === 'pong' } });
    const errors = record(socket, 'error');
    const ws = FakeWebSocket.last;
    ws.serverOpen();
    clock.advance(3000);
    expect(errors.map((e) => [e.kind, e.message, (e.cause as Error).message])).toEqual(
      Array(3).fill(['heartbeat', 'closewise: heartbeat.ping threw', 'ping builder bug']),
    );
    expect(socket.status.state).toBe('open');
    expect(ws.sent).toEqual([]);
    // Once the builder works again, pings and the pong deadline resume.
    broken = false;
    clock.advance(1000);
    expect(ws.sent).toEqual(['ping']);
    clock.advance(500);
    expect(socket.status.lastClose).toMatchObject({ code: 1006, initiator: 'heartbeat' });
  });

  it('an isPong that throws is reported, and the message is still delivered', () => {
    const isPong = (d: unknown) => {
      if (d === 'odd') throw new Error('isPong bug');
      return d === 'pong';
    };
    const socket = make({ heartbeat: { intervalMs: 1000, timeoutMs: 500, ping: () => 'ping', isPong } });
    const errors = record(socket, 'error');
    const messages = record(socket, 'message');
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.serverMessage('odd');
    FakeWebSocket.last.serverMessage('pong');
    expect(messages).toEqual(['odd']);
    expect(errors.map((e) => [e.kind, (e.cause as Error).message])).toEqual([['heartbeat', 'isPong bug']]);
  });
});

describe('listeners that throw', () => {
  it('a throwing close listener does not stop the reconnect; the error is rethrown from a timer', () => {
    const socket = make();
    socket.on('close', () => {
      throw new Error('bug in the close listener');
    });
    const reconnecting = record(socket, 'reconnecting');
    FakeWebSocket.last.serverOpen();
    expect(() => FakeWebSocket.last.serverClose(1014)).not.toThrow();
    expect(socket.status.state).toBe('backoff');
    expect(reconnecting).toHaveLength(1);
    // The error is not swallowed: the next timer (delay 0, before the retry) throws it.
    expect(() => clock.runNext()).toThrow('bug in the close listener');
    clock.runNext();
    expect(FakeWebSocket.instances).toHaveLength(2);
  });

  it('a throwing state or policy listener leaves the socket paused with its policy event intact', () => {
    const socket = make();
    socket.on('state', (s) => {
      if (s.state === 'paused') throw new Error('state listener bug');
    });
    socket.on('policy', () => {
      throw new Error('policy listener bug');
    });
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.serverClose(1008, 'token expired');
    expect(socket.status.state).toBe('paused');
    expect(() => clock.advance(0)).toThrow('state listener bug');
    expect(() => clock.advance(0)).toThrow('policy listener bug');
    expect(clock.pending).toBe(0);
  });
});

describe('lifecycle', () => {
  it('offline stops attempts; online attempts at once', () => {
    const lifecycle = new FakeLifecycle();
    const socket = make({ lifecycle });
    FakeWebSocket.last.serverOpen();
    lifecycle.fire('offline');
    expect(socket.status.state).toBe('offline');
    expect(socket.status.lastClose).toMatchObject({ initiator: 'offline' });
    clock.advance(600_000);
    expect(FakeWebSocket.instances).toHaveLength(1);
    lifecycle.fire('online');
    expect(FakeWebSocket.instances).toHaveLength(2);
    expect(socket.status.state).toBe('connecting');
  });

  it('starts offline when the browser is offline, and a close while offline waits for online', () => {
    const lifecycle = new FakeLifecycle();
    lifecycle.online = false;
    const socket = make({ lifecycle });
    expect(socket.status.state).toBe('offline');
    expect(FakeWebSocket.instances).toHaveLength(0);
    lifecycle.fire('online');
    FakeWebSocket.last.serverOpen();
    lifecycle.online = false;
    FakeWebSocket.last.serverClose(1006, '', false);
    expect(socket.status.state).toBe('offline');
  });

  it('pagehide closes the socket for the bfcache; pageshow reconnects', () => {
    const lifecycle = new FakeLifecycle();
    const socket = make({ lifecycle });
    FakeWebSocket.last.serverOpen();
    lifecycle.fire('pagehide');
    expect(FakeWebSocket.last.readyState).toBe(2);
    expect(socket.status.state).toBe('paused');
    expect(clock.pending).toBe(0);
    lifecycle.fire('pageshow');
    expect(FakeWebSocket.instances).toHaveLength(2);
  });

  it('close() unsubscribes from the lifecycle', () => {
    const lifecycle = new FakeLifecycle();
    const socket = make({ lifecycle });
    socket.close();
    expect(lifecycle.listeners.size).toBe(0);
  });
});

describe('option validation', () => {
  it.each([
    [{ backoff: { initialDelayMs: -1 } }, 'backoff.initialDelayMs', '-1'],
    [{ backoff: { initialDelayMs: Number.NaN } }, 'backoff.initialDelayMs', 'NaN'],
    [{ backoff: { maxDelayMs: 10, initialDelayMs: 100 } }, 'backoff.maxDelayMs', '10'],
    [{ backoff: { maxAttempts: 1.5 } }, 'backoff.maxAttempts', '1.5'],
    [{ backoff: { maxAttempts: -3 } }, 'backoff.maxAttempts', '-3'],
    [{ backoff: { jitter: 'none' } }, 'backoff.jitter', '"none"'],
    [{ backoff: { maxDelay: 5 } }, 'backoff.maxDelay', 'unknown'],
    [{ connectTimeoutMs: 0 }, 'connectTimeoutMs', '0'],
    [{ connectTimeoutMs: '5s' }, 'connectTimeoutMs', '"5s"'],
    [{ outbox: { overflow: 'explode' } }, 'outbox.overflow', '"explode"'],
    [{ outbox: { maxQueuedMessages: -1 } }, 'outbox.maxQueuedMessages', '-1'],
    [
      { heartbeat: { intervalMs: 1000, timeoutMs: 500, ping: 'ping', isPong: (): boolean => true } },
      'heartbeat.ping',
      '"ping"',
    ],
    [
      { heartbeat: { timeoutMs: 500, ping: (): string => 'p', isPong: (): boolean => true } },
      'heartbeat.intervalMs',
      'undefined',
    ],
    [{ auth: { refresh: 'yes' } }, 'auth.refresh', '"yes"'],
    [{ auth: { refresh: () => {}, handshakeFailures: 0 } }, 'auth.handshakeFailures', '0'],
    [{ reconnectOnNormalClose: 'no' }, 'reconnectOnNormalClose', '"no"'],
    [{ random: 4 }, 'random', '4'],
    [{ binaryType: 'text' }, 'binaryType', '"text"'],
    [{ locale: 'tr' }, 'locale', '"tr"'],
    [{ protocols: 5 }, 'protocols', '5'],
    [{ protocols: 'graphql-ws, v2' }, 'protocols', '"graphql-ws, v2"'],
    [{ protocols: '' }, 'protocols', '""'],
    [{ protocols: ['v1', 'v2', 'v1'] }, 'protocols[2] must be listed once', '"v1"'],
    [{ protocols: ['v1', 'chat/v2'] }, 'protocols[1] must be a subprotocol token', '"chat/v2"'],
    [{ maxAttempts: 3 }, 'maxAttempts', 'unknown'],
    [{ outbox: { maxMessages: 10 } }, 'outbox.maxMessages', 'unknown'],
    [{ auth: { refresh: () => {}, retries: 2 } }, 'auth.retries', 'unknown'],
    [{ rateLimit: { intervalMs: 100 } }, 'rateLimit.intervalMs', 'unknown'],
    [
      { heartbeat: { intervalMs: 1, timeoutMs: 1, ping: (): string => 'p', isPong: (): boolean => true, every: 5 } },
      'heartbeat.every',
      'unknown',
    ],
    [{ backoff: { maxAttempts: Number.NaN } }, 'backoff.maxAttempts', 'NaN'],
    [{ backoff: { maxElapsedMs: 0 } }, 'backoff.maxElapsedMs', '0'],
    [{ outbox: { maxQueuedBytes: -1 } }, 'outbox.maxQueuedBytes', '-1'],
    [{ backoff: 'fast' }, 'backoff', '"fast"'],
    [{ lifecycle: { isOnline: () => true } }, 'lifecycle', 'object'],
    [{ lifecycle: true }, 'lifecycle', 'true'],
    [{ clock: { now: () => 0 } }, 'clock', 'object'],
    [{ WebSocket: 'ws' }, 'WebSocket', '"ws"'],
    [{ onOpen: {} }, 'onOpen', 'object'],
  ])('%j throws a TypeError naming %s and %s', (options, name, value) => {
    expect(() => make(options as ResilientSocketOptions)).toThrow(TypeError);
    expect(() => make(options as ResilientSocketOptions)).toThrow(name);
    expect(() => make(options as ResilientSocketOptions)).toThrow(value);
  });

  it.each([
    [
      { reconnectDelay: 5 },
      'ResilientSocket: unknown option "reconnectDelay"; known options: WebSocket, locale, codes,',
    ],
    [
      { backoff: { maxDelay: 5 } },
      'ResilientSocket: unknown option "backoff.maxDelay"; known options: initialDelayMs, maxDelayMs,',
    ],
    [
      { maxRetries: 3 },
      'unknown option "maxRetries" (reconnecting-websocket\'s maxRetries: in closewise use backoff.maxAttempts)',
    ],
    [{ minReconnectionDelay: 500 }, 'in closewise use backoff.initialDelayMs'],
    [{ maxReconnectionDelay: 500 }, 'in closewise use backoff.maxDelayMs'],
    [{ connectionTimeout: 500 }, 'in closewise use connectTimeoutMs'],
    [{ debug: true }, "in closewise use nothing: listen to the 'close', 'reconnecting' and 'policy' events"],
    [{ backoff: null }, 'ResilientSocket: option backoff must be an object, got null'],
  ])('%j reads as a sentence: %s', (options, message) => {
    expect(() => make(options as ResilientSocketOptions)).toThrow(message);
  });

  it('null options read as a sentence too', () => {
    expect(() => new ResilientSocket('ws://test/live', null as unknown as ResilientSocketOptions)).toThrow(
      new TypeError('ResilientSocket: options must be an object, got null'),
    );
  });

  it('accepts Infinity where a budget may be unlimited, and raises a default ceiling to a larger floor', () => {
    expect(() =>
      make({
        backoff: { maxAttempts: Number.POSITIVE_INFINITY, maxElapsedMs: Number.POSITIVE_INFINITY },
        outbox: { maxQueuedMessages: Number.POSITIVE_INFINITY, maxQueuedBytes: Number.POSITIVE_INFINITY },
      }),
    ).not.toThrow();
    expect(() => make({ connectTimeoutMs: Number.POSITIVE_INFINITY })).toThrow('connectTimeoutMs');
    // initialDelayMs above the default 30 s ceiling: the ceiling follows it instead of throwing.
    const socket = make({ backoff: { initialDelayMs: 60_000 }, random: () => 0.99 });
    const retries = record(socket, 'reconnecting');
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.drop();
    expect(retries[0]?.delayMs).toBeGreaterThan(30_000);
    expect(retries[0]?.delayMs).toBeLessThanOrEqual(60_000);
  });

  it('a plain object in the codes option throws a TypeError pointing at defineCodes', () => {
    const plain = { 4001: { name: 'Kicked', action: 'stop' } } as unknown as CodeMap;
    expect(() => make({ codes: plain })).toThrow(TypeError);
    expect(() => make({ codes: plain })).toThrow(/codes/);
    expect(() => make({ codes: plain })).toThrow(/defineCodes\(\)/);
  });

  it('asks for a WebSocket implementation when there is none', () => {
    expect(() => new ResilientSocket('ws://x', { WebSocket: undefined, lifecycle: false, clock })).toThrow(
      /import WebSocket from 'ws'/,
    );
  });
});

describe('events carry what UIs need', () => {
  it('close events carry the classification; stopped carries it too', () => {
    const socket = make();
    const closes: CloseClassification[] = record(socket, 'close');
    const stopped: StoppedEvent[] = record(socket, 'stopped');
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.serverClose(1009, 'too big', true);
    expect(closes[0]).toMatchObject({ code: 1009, reason: 'too big', wasClean: true, action: 'stop' });
    expect(stopped[0]?.classification).toBe(closes[0]);
    expect(socket.status.lastClose).toBe(closes[0]);
  });
});
