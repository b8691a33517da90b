import fc from 'fast-check';
import type { ResilientSocketOptions } from '../../src/client/options.js';
import { resolveOptions } from '../../src/client/options.js';
import { byteSize, type DropReason, type MessageData } from '../../src/client/outbox.js';
import { type ConnectionState, transition } from '../../src/client/state.js';
import { type EngineConfig, MAX_TIMER_MS } from '../../src/engine/config.js';
import type { Effect, EngineEvent } from '../../src/engine/effects.js';
import type { Env, Input } from '../../src/engine/inputs.js';
import { entries, type Queue } from '../../src/engine/queue.js';
import { currentConn, type EngineState, initialState, type TimerName } from '../../src/engine/state.js';
import { statusOf } from '../../src/engine/status.js';
import { type SendOutcome, step } from '../../src/engine/step.js';
import type { CloseClassification } from '../../src/policy/classify.js';
import { MAX_HINT_MS } from '../../src/policy/hints.js';
import { defineCodes } from '../../src/registry/define.js';
import { discord, graphqlWs } from '../../src/registry/profiles.js';

// The model of issue 11: command sequences for the connection engine, shared by the engine's own
// model test (a small interpreter here, `EngineDriver`, that steps `step` directly and checks every
// invariant after every step) and the interpreter model (the same commands through ResilientSocket
// and the fakes).

// ---- scenarios --------------------------------------------------------------------------------

/** Option values for a scenario, functions left out: each model fills in its own. */
export interface ModelOptions {
  readonly backoff: {
    readonly initialDelayMs: number;
    readonly maxDelayMs: number;
    readonly fleetInitialDelayMs: number;
    readonly fleetMaxDelayMs: number;
    readonly slowDownMinMs: number;
    readonly slowDownMaxMs: number;
    readonly maxAttempts: number;
    readonly maxElapsedMs: number;
    readonly minUptimeMs: number;
    readonly hintJitter: number;
  };
  readonly connectTimeoutMs: number;
  readonly reconnectOnNormalClose: boolean;
  readonly codes: 'registry' | 'graphql-ws' | 'app';
  readonly auth?: { readonly handshakeFailures: number; readonly loopWindowMs: number };
  readonly onOpen: boolean;
  readonly heartbeat?: { readonly intervalMs: number; readonly timeoutMs: number };
  readonly rateLimit: { readonly sendIntervalMs: number; readonly recoverAfterMs: number };
  readonly outbox: {
    readonly maxQueuedMessages: number;
    readonly maxQueuedBytes: number;
    readonly overflow: 'reject' | 'drop-oldest' | 'drop-newest';
    readonly requeueUnsent: boolean;
  };
  readonly lifecycle: boolean;
}

export type EventName = EngineEvent['name'];
/** App code the socket calls: URL/protocol providers, onOpen, auth.refresh, heartbeat.ping, the WebSocket constructor. */
export type CallbackKind = 'resolve' | 'hook' | 'refresh' | 'ping' | 'connect';
export type Mode = 'sync-ok' | 'sync-fail' | 'async';

/** An API call the app makes: from the top level, from a listener, or from inside a hook or provider. */
export type Action =
  | { readonly a: 'close'; readonly code: number; readonly reason: string }
  | { readonly a: 'reconnect' }
  | { readonly a: 'send'; readonly size: number }
  | { readonly a: 'policy-retry'; readonly stale: boolean }
  | { readonly a: 'policy-stop'; readonly stale: boolean };

/** "When `on` happens, make these calls", for the next `times` occurrences. */
export interface Reaction {
  readonly on: EventName | CallbackKind;
  /** One or two calls in a row (close() then send(), reconnect() then send()...). */
  readonly actions: readonly Action[];
  readonly times: number;
}

export type StaleKind =
  | 'native-open'
  | 'native-message'
  | 'native-error'
  | 'native-close'
  | 'connect-failed'
  | 'hook-done'
  | 'hook-failed'
  | 'resolved'
  | 'resolve-failed'
  | 'refreshed'
  | 'refresh-failed'
  | 'ping-built'
  | 'ping-failed'
  | 'timer';

export type Command =
  /** The server accepts the current handshake. */
  | { readonly t: 'open' }
  | { readonly t: 'message'; readonly kind: 'data' | 'pong' | 'bad-pong' }
  /** An error event without a close (Node 22 after a refused handshake). */
  | { readonly t: 'error' }
  | { readonly t: 'server-close'; readonly code: number; readonly reason: string; readonly wasClean: boolean }
  /** The connection drops: error, then close 1006. */
  | { readonly t: 'drop' }
  /** A socket we closed ourselves delivers its close event. */
  | { readonly t: 'finish-retired'; readonly pick: number }
  /** A result or native event for an attempt or connection that is over. */
  | { readonly t: 'stale'; readonly kind: StaleKind; readonly pick: number }
  /** The network takes `bytes` out of the current native socket's buffer (0: all of it). */
  | { readonly t: 'net'; readonly bytes: number }
  | { readonly t: 'advance'; readonly ms: number }
  | { readonly t: 'next-timer' }
  | { readonly t: 'lifecycle'; readonly event: 'online' | 'offline' | 'pagehide' | 'pageshow' }
  | { readonly t: 'api'; readonly action: Action }
  /** A pending provider, hook, refresh or ping settles now (late), or fails late. */
  | { readonly t: 'settle'; readonly pick: number; readonly ok: boolean }
  | { readonly t: 'mode'; readonly kind: CallbackKind; readonly mode: Mode }
  | { readonly t: 'arm'; readonly reaction: Reaction };

export interface Scenario {
  readonly options: ModelOptions;
  readonly startOnline: boolean;
  readonly modes: Readonly<Record<CallbackKind, Mode>>;
  readonly reactions: readonly Reaction[];
  readonly randoms: readonly number[];
  readonly commands: readonly Command[];
}

const timerMs = (...extra: number[]) => fc.constantFrom(1, 2, 50, 1000, MAX_TIMER_MS, ...extra);
const pair = (low: fc.Arbitrary<number>, high: fc.Arbitrary<number>) =>
  fc.tuple(low, high).map(([a, b]): readonly [number, number] => (a <= b ? [a, b] : [b, a]));

export const modelOptions: fc.Arbitrary<ModelOptions> = fc
  .record({
    delays: pair(timerMs(100), timerMs(30_000)),
    fleet: pair(timerMs(8000), timerMs(11_000)),
    slowDown: pair(timerMs(30_000), timerMs(300_000)),
    maxAttempts: fc.constantFrom(0, 1, 2, 5, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY),
    maxElapsedMs: fc.constantFrom(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, 1, 5000),
    minUptimeMs: fc.constantFrom(0, 1, 2, 100, 5000, MAX_TIMER_MS),
    hintJitter: fc.constantFrom(0, 0.2, 1),
    connectTimeoutMs: timerMs(10_000),
    reconnectOnNormalClose: fc.boolean(),
    codes: fc.constantFrom('registry' as const, 'graphql-ws' as const, 'app' as const),
    auth: fc.option(
      fc.record({ handshakeFailures: fc.constantFrom(1, 2, 3), loopWindowMs: fc.constantFrom(0, 10_000, 1e12) }),
      { nil: undefined },
    ),
    onOpen: fc.boolean(),
    heartbeat: fc.option(fc.record({ intervalMs: timerMs(), timeoutMs: timerMs() }), { nil: undefined }),
    sendIntervalMs: fc.constantFrom(0, 1, 250, MAX_TIMER_MS),
    recoverAfterMs: fc.constantFrom(0, 1, 30_000, MAX_TIMER_MS),
    maxQueuedMessages: fc.constantFrom(0, 1, 3, 1000, Number.POSITIVE_INFINITY),
    maxQueuedBytes: fc.constantFrom(0, 1, 8, 1024 * 1024, Number.POSITIVE_INFINITY),
    overflow: fc.constantFrom('reject' as const, 'drop-oldest' as const, 'drop-newest' as const),
    requeueUnsent: fc.boolean(),
    lifecycle: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  })
  .map((o) => ({
    backoff: {
      initialDelayMs: o.delays[0],
      maxDelayMs: o.delays[1],
      fleetInitialDelayMs: o.fleet[0],
      fleetMaxDelayMs: o.fleet[1],
      slowDownMinMs: o.slowDown[0],
      slowDownMaxMs: o.slowDown[1],
      maxAttempts: o.maxAttempts,
      maxElapsedMs: o.maxElapsedMs,
      minUptimeMs: o.minUptimeMs,
      hintJitter: o.hintJitter,
    },
    connectTimeoutMs: o.connectTimeoutMs,
    reconnectOnNormalClose: o.reconnectOnNormalClose,
    codes: o.codes,
    ...(o.auth && { auth: o.auth }),
    onOpen: o.onOpen,
    ...(o.heartbeat && { heartbeat: o.heartbeat }),
    rateLimit: { sendIntervalMs: o.sendIntervalMs, recoverAfterMs: o.recoverAfterMs },
    outbox: {
      maxQueuedMessages: o.maxQueuedMessages,
      maxQueuedBytes: o.maxQueuedBytes,
      overflow: o.overflow,
      requeueUnsent: o.requeueUnsent,
    },
    lifecycle: o.lifecycle,
  }));

const APP_CODES = defineCodes({
  4000: { name: 'Retry', action: 'reconnect' },
  4001: { name: 'Token expired', action: 'policy', policyKind: 'auth' },
  4002: { name: 'Kicked', action: 'stop' },
  4003: { name: 'Slow down', action: 'policy', policyKind: 'rate-limit' },
  4004: { name: 'Later', action: 'reconnect-later' },
});

/** Socket options for a scenario; `fns` brings what only a model has (the WebSocket, the clock...). */
export function socketOptions(o: ModelOptions, fns: Partial<ResilientSocketOptions> = {}): ResilientSocketOptions {
  const noop = () => {};
  return {
    backoff: o.backoff,
    connectTimeoutMs: o.connectTimeoutMs,
    reconnectOnNormalClose: o.reconnectOnNormalClose,
    codes: o.codes === 'registry' ? [] : o.codes === 'graphql-ws' ? graphqlWs : [discord, APP_CODES],
    ...(o.auth && { auth: { refresh: noop, ...o.auth } }),
    ...(o.onOpen && { onOpen: noop }),
    ...(o.heartbeat && { heartbeat: { ...o.heartbeat, ping: () => 'ping', isPong: (d: unknown) => d === 'pong' } }),
    rateLimit: o.rateLimit,
    outbox: o.outbox,
    lifecycle: false,
    ...fns,
  };
}

const CODES = [
  1000, 1001, 1002, 1003, 1005, 1006, 1007, 1008, 1009, 1011, 1012, 1013, 1014, 1015, 3000, 4000, 4001, 4002, 4003,
  4004, 4401, 4403, 4999, 999, 5000, 0,
];
const REASONS = [
  '',
  'token expired',
  'rate limit; retry-after=3',
  'retry-after=0',
  '{"reconnect": false}',
  'slow down',
  'retry-after=99999',
  '{"retryAfterMs": 10}',
];
const EVENTS: readonly EventName[] = [
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
const KINDS: readonly CallbackKind[] = ['resolve', 'hook', 'refresh', 'ping', 'connect'];
const mode: fc.Arbitrary<Mode> = fc.constantFrom('sync-ok', 'sync-ok', 'sync-ok', 'sync-fail', 'async', 'async');

export const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 1,
    arbitrary: fc.record({
      a: fc.constant('close' as const),
      code: fc.constantFrom(1000, 3000, 4999),
      reason: fc.constantFrom('', 'bye'),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ a: 'reconnect' } as const) },
  { weight: 4, arbitrary: fc.record({ a: fc.constant('send' as const), size: fc.integer({ min: 0, max: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ a: fc.constant('policy-retry' as const), stale: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ a: fc.constant('policy-stop' as const), stale: fc.boolean() }) },
);

export const reaction: fc.Arbitrary<Reaction> = fc.record({
  on: fc.constantFrom<EventName | CallbackKind>(...EVENTS, ...KINDS),
  actions: fc.array(action, { minLength: 1, maxLength: 2 }),
  times: fc.integer({ min: 1, max: 3 }),
});

const STALE: readonly StaleKind[] = [
  'native-open',
  'native-message',
  'native-error',
  'native-close',
  'connect-failed',
  'hook-done',
  'hook-failed',
  'resolved',
  'resolve-failed',
  'refreshed',
  'refresh-failed',
  'ping-built',
  'ping-failed',
  'timer',
];

export const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 5, arbitrary: fc.constant({ t: 'open' } as const) },
  {
    weight: 2,
    arbitrary: fc.record({ t: fc.constant('message' as const), kind: fc.constantFrom('data', 'pong', 'bad-pong') }),
  },
  { weight: 2, arbitrary: fc.constant({ t: 'error' } as const) },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant('server-close' as const),
      code: fc.constantFrom(...CODES),
      reason: fc.constantFrom(...REASONS),
      wasClean: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ t: 'drop' } as const) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('finish-retired' as const), pick: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({ t: fc.constant('stale' as const), kind: fc.constantFrom(...STALE), pick: fc.nat() }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('net' as const), bytes: fc.constantFrom(0, 1, 3) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant('advance' as const),
      ms: fc.oneof(fc.nat(100), fc.nat(12_000), fc.nat(700_000)),
    }),
  },
  { weight: 3, arbitrary: fc.constant({ t: 'next-timer' } as const) },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('lifecycle' as const),
      event: fc.constantFrom('online', 'offline', 'pagehide', 'pageshow'),
    }),
  },
  { weight: 5, arbitrary: fc.record({ t: fc.constant('api' as const), action }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('settle' as const), pick: fc.nat(), ok: fc.boolean() }) },
  {
    weight: 1,
    arbitrary: fc.record({ t: fc.constant('mode' as const), kind: fc.constantFrom(...KINDS), mode }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('arm' as const), reaction }) },
);

export function scenario(maxCommands = 80): fc.Arbitrary<Scenario> {
  return fc.record({
    options: modelOptions,
    startOnline: fc.boolean(),
    modes: fc.record({
      resolve: mode,
      hook: mode,
      refresh: mode,
      ping: mode,
      connect: fc.constantFrom<Mode>('sync-ok', 'sync-ok', 'sync-ok', 'sync-ok', 'sync-fail'),
    }),
    reactions: fc.array(reaction, { maxLength: 5 }),
    randoms: fc.array(
      fc.oneof(fc.constantFrom(0, 0.5, 0.999_999), fc.double({ min: 0, max: 0.999_999, noNaN: true })),
      {
        minLength: 1,
        maxLength: 8,
      },
    ),
    commands: fc.array(command, { minLength: 1, maxLength: maxCommands, size: 'max' }),
  });
}

// ---- shared checks ------------------------------------------------------------------------------

/** Thrown for a broken invariant; fast-check shrinks to the shortest scenario that throws it. */
export class Violation extends Error {
  override name = 'Violation';
}

export function fail(what: string, detail?: unknown): never {
  throw new Violation(detail === undefined ? what : `${what}: ${safeJson(detail)}`);
}

export function safeJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (v === Number.POSITIVE_INFINITY ? 'Infinity' : v));
}

/**
 * Sound bounds on a `reconnecting` delay, from the options: never above 2^31-1; a hint, 1012, 1013
 * and rate limits at least their floor; a plain reconnect never above `maxDelayMs`.
 */
export function checkDelay(
  config: EngineConfig,
  delayMs: number,
  c: CloseClassification | undefined,
  afterRefresh: boolean,
): void {
  const b = config.backoff;
  const cap = (n: number) => Math.min(n, MAX_TIMER_MS);
  if (!Number.isInteger(delayMs) || delayMs < 0 || delayMs > MAX_TIMER_MS) fail('delay out of range', delayMs);
  const reconnectType = afterRefresh || !c || c.action === 'reconnect';
  if (reconnectType && (afterRefresh || c?.retryAfterMs === undefined) && delayMs > b.maxDelayMs) {
    fail('reconnect delay above backoff.maxDelayMs', { delayMs, maxDelayMs: b.maxDelayMs, c });
  }
  if (afterRefresh || !c) return;
  if (c.retryAfterMs !== undefined && delayMs < cap(Math.min(c.retryAfterMs, MAX_HINT_MS))) {
    fail('delay below the retry-after hint', { delayMs, hint: c.retryAfterMs });
  }
  // A rate limit with a hint waits at least the hint, on the reconnect backoff; without one, the slow-down profile.
  const slow = c.action === 'slow-down' || (c.action === 'policy' && c.retryAfterMs === undefined);
  if (slow && delayMs < cap(b.slowDownMinMs)) {
    fail('slow-down/rate-limit delay below backoff.slowDownMinMs', { delayMs, code: c.code });
  }
  if (c.action === 'reconnect-later' && delayMs < cap(b.laterMinMs)) fail('1012 delay below its floor', delayMs);
}

/** The state as plain data, for comparing two versions. */
export function snapshot(s: EngineState): string {
  const inFlight = (s as { inFlight?: Queue<unknown> }).inFlight;
  return safeJson({ ...s, outbox: entries(s.outbox), ...(inFlight && { inFlight: entries(inFlight) }) });
}

// ---- the engine driver ---------------------------------------------------------------------------

interface NativeSocket {
  readonly conn: number;
  readyState: 0 | 1 | 2 | 3;
  buffered: number;
  /** Everything transmitted to it, in order. */
  readonly stream: { data: MessageData; bytes: number; own: boolean; tag?: unknown }[];
  clientClosed: boolean;
  report: boolean;
  code?: number;
  closeDelivered: boolean;
}

type Pending =
  | { readonly kind: 'resolve'; readonly id: number }
  | { readonly kind: 'refresh'; readonly id: number }
  | { readonly kind: 'hook'; readonly conn: number }
  | { readonly kind: 'ping'; readonly conn: number };

interface Message {
  status: 'accepted' | 'refused' | 'dropped';
  drops: DropReason[];
  transmits: number;
  /** Every other message is sent with a tag (as closewise/tabs does): it must come back with it. */
  tag?: string;
  /** A send queued behind another call: still in the inbox. */
  deferred?: Input;
}

interface Timer {
  readonly id: number;
  readonly at: number;
  readonly order: number;
}

const ATTEMPT_SOURCES = new Set(['start', 'reconnect', 'policy-retry']);

/**
 * A test interpreter of the engine, written from the effects' contract and mirroring
 * ResilientSocket's run-to-completion loop: a call made while a step runs is queued and stepped
 * after it (a `send` with nothing queued is stepped at once); events are delivered after the other
 * effects of their step. It checks every invariant after every step and throws a `Violation`.
 */
export class EngineDriver {
  readonly config: EngineConfig;
  state: EngineState = initialState();
  now = 0;
  online: boolean;
  readonly inbox: Input[] = [];
  stepping = false;
  readonly timers = new Map<TimerName, Timer>();
  readonly sockets = new Map<number, NativeSocket>();
  /** The socket the interpreter holds (ResilientSocket's `#native`). */
  nativeConn: number | undefined;
  subscribed = false;
  pending: Pending[] = [];
  readonly modes: Record<CallbackKind, Mode>;
  readonly reactions: { on: Reaction['on']; actions: readonly Action[]; left: number }[];
  readonly events: { step: number; event: EngineEvent }[] = [];
  readonly messages = new Map<string, Message>();
  readonly policies: number[] = [];
  readonly seen = { resolve: [] as number[], refresh: [] as number[], conns: [] as number[], timerIds: [] as number[] };
  steps = 0;
  #order = 0;
  #randoms: readonly number[];
  #r = 0;
  #msg = 0;
  #ping = 0;
  #lastSent = -1;
  /** The WebSocket constructor is running for this connection. */
  #constructing: number | undefined;
  /** A refresh happened and no backoff or fresh attempt followed it yet. */
  #refreshOwed = false;
  readonly env: Env;
  constructor(s: Scenario) {
    const lifecycle = s.options.lifecycle ? { isOnline: () => this.online, subscribe: () => () => {} } : undefined;
    this.config = resolveOptions(
      socketOptions(s.options, {
        WebSocket: class {} as never,
        ...(lifecycle && { lifecycle }),
      }),
    );
    this.online = !lifecycle || s.startOnline;
    this.modes = { ...s.modes };
    this.reactions = s.reactions.map((r) => ({ on: r.on, actions: r.actions, left: r.times }));
    this.#randoms = s.randoms;
    const env = {
      now: () => this.now,
      random: () => this.#randoms[this.#r++ % this.#randoms.length] ?? 0.5,
      // What the current native socket's bufferedAmount still holds: as a count of bytes, and as
      // the messages it covers (an engine that leaves the tracing to its interpreter reads that).
      buffered: () => this.#live()?.buffered ?? 0,
      unsent: () => {
        const ws = this.#live();
        if (!ws) return [];
        return newestOf(ws.stream, ws.buffered).flatMap((x) =>
          x.own
            ? []
            : [x.tag === undefined ? { data: x.data, bytes: x.bytes } : { data: x.data, bytes: x.bytes, tag: x.tag }],
        );
      },
      writable: () => this.#live()?.readyState === 1,
      online: () => !this.config.lifecycle || this.online,
    };
    this.env = env as Env;
  }

  start(): void {
    this.dispatch({ type: 'start' });
  }

  // ---- the loop (ResilientSocket's #dispatch / #run / #stepNow) ----

  dispatch(input: Input): SendOutcome | undefined {
    this.inbox.push(input);
    if (this.stepping) return undefined;
    this.stepping = true;
    let outcome: SendOutcome | undefined;
    let n = 0;
    try {
      for (let next = this.inbox.shift(); next; next = this.inbox.shift()) {
        if (++n > 2000) fail('runaway: 2000 steps without outside input');
        const sent = this.stepNow(next);
        if (next === input) outcome = sent;
      }
    } finally {
      this.stepping = false;
    }
    return outcome;
  }

  stepNow(input: Input): SendOutcome | undefined {
    const before = this.state;
    let result: ReturnType<typeof step>;
    try {
      result = step(this.config, before, input, this.env);
    } catch (error) {
      fail(`step threw on ${input.type}`, String(error));
    }
    const index = ++this.steps;
    this.state = result.state;
    // Accounted when the step returns: a nested step (a send from a listener) must see them.
    this.#checkSending(result.effects, before, result.state);
    for (const effect of result.effects) this.#account(effect);
    for (const effect of result.effects) this.#perform(effect, index);
    this.#check(before, input, result.state, result.effects, result.sent);
    return result.sent;
  }

  // ---- the app's API (ResilientSocket's public methods) ----

  act(a: Action): void {
    switch (a.a) {
      case 'close':
        this.dispatch({ type: 'close', code: a.code, reason: a.reason });
        return;
      case 'reconnect':
        this.dispatch({ type: 'reconnect' });
        return;
      case 'send':
        this.send(a.size);
        return;
      case 'policy-retry':
      case 'policy-stop': {
        const policy = a.stale ? (this.policies[0] ?? 12345) : this.policies.at(-1);
        if (policy === undefined) return;
        this.dispatch({ type: a.a, policy });
        return;
      }
    }
  }

  send(size: number): void {
    const n = this.#msg++;
    const data = `m${n}${'x'.repeat(size)}`;
    const tag = n % 2 === 1 ? `tab-${n}` : undefined;
    const m: Message = { status: 'accepted', drops: [], transmits: 0, ...(tag && { tag }) };
    this.messages.set(data, m);
    if (this.state.phase.name === 'closed' && this.inbox.length === 0) {
      m.status = 'refused'; // ResilientSocket throws: send() after close()
      return;
    }
    const input: Input = { type: 'send', data, bytes: byteSize(data), ...(tag && { tag }) };
    let outcome: SendOutcome | undefined;
    if (!this.stepping) outcome = this.dispatch(input);
    else if (this.inbox.length === 0) outcome = this.stepNow(input);
    else {
      // Behind a queued call: send() has returned 'queued' already (ResilientSocket marks it).
      m.deferred = { ...input, deferred: true };
      this.inbox.push(m.deferred);
      return;
    }
    // `outcome` is what send() returns or throws (OutboxFullError); #check has recorded it.
    void outcome;
  }

  // ---- the outside world ----

  run(c: Command): void {
    const ws = this.nativeConn === undefined ? undefined : this.sockets.get(this.nativeConn);
    switch (c.t) {
      case 'open':
        if (ws && ws.readyState === 0 && !ws.clientClosed) {
          ws.readyState = 1;
          this.dispatch({ type: 'native-open', conn: ws.conn });
        }
        return;
      case 'message':
        if (ws && ws.readyState === 1) {
          const hb = this.config.heartbeat !== undefined;
          const pong =
            !hb || c.kind === 'data'
              ? false
              : c.kind === 'pong'
                ? true
                : { message: 'closewise: heartbeat.isPong threw', cause: 'boom' };
          this.dispatch({ type: 'native-message', conn: ws.conn, data: c.kind, pong });
        }
        return;
      case 'error':
        if (ws && ws.readyState < 3) {
          ws.readyState = 3;
          this.dispatch({ type: 'native-error', conn: ws.conn, event: {} });
        }
        return;
      case 'server-close':
      case 'drop':
        if (ws && ws.readyState < 3) {
          ws.readyState = 3;
          if (c.t === 'drop') this.dispatch({ type: 'native-error', conn: ws.conn, event: {} });
          this.#deliverClose(
            ws,
            c.t === 'drop' ? 1006 : c.code,
            c.t === 'drop' ? '' : c.reason,
            c.t !== 'drop' && c.wasClean,
          );
        }
        return;
      case 'finish-retired': {
        const retired = [...this.sockets.values()].filter((s) => s.clientClosed && s.report && !s.closeDelivered);
        const r = retired[c.pick % Math.max(1, retired.length)];
        if (r) {
          r.readyState = 3;
          this.#deliverClose(r, r.code ?? 1005, '', true);
        }
        return;
      }
      case 'stale':
        this.#stale(c.kind, c.pick);
        return;
      case 'net':
        if (ws) ws.buffered = c.bytes === 0 ? 0 : Math.max(0, ws.buffered - c.bytes);
        return;
      case 'advance':
        this.advance(c.ms);
        return;
      case 'next-timer': {
        const next = this.#nextTimer();
        if (next) this.advance(next[1].at - this.now);
        return;
      }
      case 'lifecycle':
        if (!this.config.lifecycle) return;
        if (c.event === 'online') this.online = true;
        if (c.event === 'offline') this.online = false;
        if (this.subscribed) this.dispatch({ type: 'lifecycle', event: c.event });
        return;
      case 'api':
        this.act(c.action);
        return;
      case 'settle': {
        const p = this.pending[c.pick % Math.max(1, this.pending.length)];
        if (!p) return;
        this.pending = this.pending.filter((q) => q !== p);
        this.dispatch(this.#result(p, c.ok));
        return;
      }
      case 'mode':
        this.modes[c.kind] = c.mode;
        return;
      case 'arm':
        this.reactions.push({ on: c.reaction.on, actions: c.reaction.actions, left: c.reaction.times });
        return;
    }
  }

  /** Moves time forward, firing every timer that falls due, in order (at most 50 firings). */
  advance(ms: number): void {
    const end = this.now + ms;
    for (let fired = 0; fired < 50; fired++) {
      const next = this.#nextTimer();
      if (!next || next[1].at > end) break;
      this.timers.delete(next[0]);
      this.now = next[1].at;
      this.dispatch({ type: 'timer', name: next[0], id: next[1].id });
    }
    this.now = Math.max(this.now, end);
  }

  #nextTimer(): [TimerName, Timer] | undefined {
    let best: [TimerName, Timer] | undefined;
    for (const entry of this.timers) {
      if (!best || entry[1].at < best[1].at || (entry[1].at === best[1].at && entry[1].order < best[1].order)) {
        best = entry;
      }
    }
    return best;
  }

  #deliverClose(ws: NativeSocket, code: number, reason: string, wasClean: boolean): void {
    // ResilientSocket stops listening to a socket it closed without `report`.
    if (ws.closeDelivered || (ws.clientClosed && !ws.report)) return;
    ws.closeDelivered = true;
    this.dispatch({ type: 'native-close', conn: ws.conn, code, reason, wasClean });
  }

  #stale(kind: StaleKind, pick: number): void {
    const one = (xs: readonly number[]) => (xs.length === 0 ? 999_999 : (xs[pick % xs.length] as number));
    const conn = one(this.seen.conns);
    let input: Input;
    switch (kind) {
      case 'native-open':
      case 'connect-failed':
      case 'hook-done':
      case 'ping-failed':
        input =
          kind === 'native-open'
            ? { type: kind, conn }
            : kind === 'hook-done'
              ? { type: kind, conn }
              : { type: kind, conn, error: { message: 'stale' } };
        break;
      case 'hook-failed':
        input = { type: kind, conn, error: 'stale' };
        break;
      case 'native-message':
        input = { type: kind, conn, data: 'stale', pong: false };
        break;
      case 'native-error':
        input = { type: kind, conn, event: {} };
        break;
      case 'native-close':
        input = { type: kind, conn, code: 1011, reason: 'stale', wasClean: true };
        break;
      case 'ping-built':
        input = { type: kind, conn, data: 'stale-ping', bytes: 10 };
        break;
      case 'resolved':
        input = { type: kind, id: one(this.seen.resolve), url: 'ws://stale/' };
        break;
      case 'resolve-failed':
        input = { type: kind, id: one(this.seen.resolve), error: { message: 'stale' } };
        break;
      case 'refreshed':
        input = { type: kind, id: one(this.seen.refresh) };
        break;
      case 'refresh-failed':
        input = { type: kind, id: one(this.seen.refresh), error: 'stale' };
        break;
      case 'timer': {
        const names: TimerName[] = [
          'retry',
          'deadline',
          'close-after-error',
          'uptime',
          'heartbeat',
          'pong',
          'throttle',
        ];
        const name = names[pick % names.length] as TimerName;
        input = { type: kind, name, id: one(this.seen.timerIds) };
        break;
      }
    }
    // Only what the engine no longer waits for: a socket we stopped listening to delivers nothing.
    if (awaited(this.state, input)) return;
    if (input.type === 'native-close') {
      const s = this.sockets.get(input.conn);
      if (s && ((s.clientClosed && !s.report) || s.closeDelivered)) return;
      if (s) s.closeDelivered = true;
    }
    this.dispatch(input);
  }

  // ---- effects ----

  #live(): NativeSocket | undefined {
    return currentConn(this.state.phase) === this.nativeConn && this.nativeConn !== undefined
      ? this.sockets.get(this.nativeConn)
      : undefined;
  }

  #perform(e: Effect, index: number): void {
    switch (e.type) {
      case 'emit':
        this.#emit(e.event, index);
        return;
      case 'set-timer':
        if (!Number.isInteger(e.ms) || e.ms < 0 || e.ms > MAX_TIMER_MS) fail('timer out of range', e);
        this.timers.set(e.name, { id: e.id, at: this.now + e.ms, order: this.#order++ });
        this.seen.timerIds.push(e.id);
        return;
      case 'clear-timer':
        this.timers.delete(e.name);
        return;
      case 'transmit': {
        const ws = this.nativeConn === e.conn ? this.sockets.get(e.conn) : undefined;
        if (ws?.readyState !== 1) fail('transmit to a socket that is not open', e);
        const bytes = byteSize(e.data);
        const own = isPing(e.data);
        ws.stream.push(e.tag === undefined ? { data: e.data, bytes, own } : { data: e.data, bytes, own, tag: e.tag });
        ws.buffered += bytes;
        return;
      }
      case 'resolve':
        this.seen.resolve.push(e.id);
        this.#callback('resolve', { kind: 'resolve', id: e.id });
        return;
      case 'connect': {
        this.seen.conns.push(e.conn);
        this.#constructing = e.conn;
        this.#react('connect'); // inside the WebSocket constructor
        this.#constructing = undefined;
        if (this.modes.connect === 'sync-fail') {
          this.dispatch({ type: 'connect-failed', conn: e.conn, error: { message: 'constructor threw' } });
          return;
        }
        this.sockets.set(e.conn, {
          conn: e.conn,
          readyState: 0,
          buffered: 0,
          stream: [],
          clientClosed: false,
          report: false,
          closeDelivered: false,
        });
        this.nativeConn = e.conn;
        return;
      }
      case 'run-hook':
        if (!this.config.onOpen) fail('run-hook without onOpen');
        if (this.nativeConn !== e.conn) return; // ResilientSocket: no native socket, no hook
        this.#callback('hook', { kind: 'hook', conn: e.conn });
        return;
      case 'refresh':
        if (!this.config.auth) fail('refresh without auth');
        this.seen.refresh.push(e.id);
        this.#callback('refresh', { kind: 'refresh', id: e.id });
        return;
      case 'ping':
        if (!this.config.heartbeat) fail('ping without heartbeat');
        this.#callback('ping', { kind: 'ping', conn: e.conn });
        return;
      case 'close-native': {
        const ws = this.sockets.get(e.conn);
        if (!ws || this.nativeConn !== e.conn) return; // ResilientSocket: only its current socket
        this.nativeConn = undefined;
        ws.clientClosed = true;
        ws.report = e.report;
        if (ws.readyState < 2) {
          ws.readyState = 2;
          ws.code = e.code;
        }
        return;
      }
      case 'listen':
        this.subscribed = e.on;
        return;
    }
  }

  /** Messages go out in the order they were sent, one per interval while throttled. */
  #checkSending(effects: readonly Effect[], before: EngineState, after: EngineState): void {
    const c = this.config;
    const out = effects.flatMap((e) => (e.type === 'transmit' && !isPing(e.data) ? [e.data as string] : []));
    if (!c.outbox.requeueUnsent) {
      for (const data of out) {
        const n = Number.parseInt(data.slice(1), 10);
        if (n <= this.#lastSent) fail('messages transmitted out of order', { n, after: this.#lastSent });
        this.#lastSent = n;
      }
    }
    // Each rate-limit close starts a fresh throttle (its first message may go at once); the step
    // that ends it (recoverAfterMs) flushes freely.
    const throttle = after.throttle ? before.throttle : undefined;
    if (throttle && out.length > 0 && c.rateLimit.sendIntervalMs > 0) {
      if (out.length > 1) fail('throttled, yet several messages went out at once', out);
      if (this.now - throttle.lastSendAt < c.rateLimit.sendIntervalMs)
        fail('throttled sends closer than sendIntervalMs');
    }
  }

  #account(e: Effect): void {
    if (e.type === 'emit' && e.event.name === 'policy') this.policies.push(e.event.policy);
    if (e.type === 'transmit' && !isPing(e.data)) {
      const m = this.messages.get(e.data as string);
      if (!m) fail('transmitted a message nobody sent', e.data);
      m.transmits++;
      if (m.drops.length > 0) fail('transmitted a message after its drop', e.data);
      if (e.tag !== m.tag)
        fail('transmitted without the tag it was sent with', { data: e.data, tag: e.tag, sent: m.tag });
    }
    if (e.type === 'emit' && e.event.name === 'drop') {
      const m = this.messages.get(e.event.data as string);
      if (!m) fail('drop of a message nobody sent', e.event.data);
      m.drops.push(e.event.reason);
      if (e.event.tag !== m.tag) {
        fail('a drop without the tag its message was sent with', { data: e.event.data, tag: e.event.tag, sent: m.tag });
      }
      if (m.drops.length > 1) fail('a message reported in two drops', { data: e.event.data, reasons: m.drops });
    }
  }

  /** Calls the app's code: a re-entrant reaction first, then a result now, or later. */
  #callback(kind: Exclude<CallbackKind, 'connect'>, p: Pending): void {
    // Pending while it runs: a send from inside it is stepped before it returns.
    this.pending.push(p);
    this.#react(kind);
    const m = this.modes[kind];
    if (m === 'async') return;
    this.pending = this.pending.filter((q) => q !== p);
    this.dispatch(this.#result(p, m === 'sync-ok'));
  }

  #result(p: Pending, ok: boolean): Input {
    switch (p.kind) {
      case 'resolve':
        return ok
          ? { type: 'resolved', id: p.id, url: 'ws://model/' }
          : { type: 'resolve-failed', id: p.id, error: { message: 'provider failed' } };
      case 'refresh':
        return ok ? { type: 'refreshed', id: p.id } : { type: 'refresh-failed', id: p.id, error: 'refresh failed' };
      case 'hook':
        return ok ? { type: 'hook-done', conn: p.conn } : { type: 'hook-failed', conn: p.conn, error: 'hook failed' };
      case 'ping': {
        if (!ok) return { type: 'ping-failed', conn: p.conn, error: { message: 'ping threw' } };
        const data = `ping${this.#ping++}`;
        return { type: 'ping-built', conn: p.conn, data, bytes: byteSize(data) };
      }
    }
  }

  #emit(event: EngineEvent, index: number): void {
    this.events.push({ step: index, event });
    this.#react(event.name);
  }

  /** Every armed reaction to `on` runs, in the order they were armed (one listener may call several APIs). */
  #react(on: Reaction['on']): void {
    for (const r of this.reactions.filter((x) => x.on === on && x.left > 0)) {
      r.left--;
      for (const a of r.actions) this.act(a);
    }
  }

  // ---- invariants ----

  #check(
    before: EngineState,
    input: Input,
    after: EngineState,
    effects: readonly Effect[],
    sent: SendOutcome | undefined,
  ): void {
    const c = this.config;
    const events = effects.flatMap((e) => (e.type === 'emit' ? [e.event] : []));
    const from = before.phase.name;
    const to = after.phase.name;

    // The timer table the effects built is the engine's own.
    const mine = [...this.timers].map(([n, t]) => `${n}:${t.id}`).sort();
    const its = Object.entries(this.state.timers)
      .map(([n, id]) => `${n}:${id}`)
      .sort();
    if (mine.join() !== its.join()) fail('timer table differs from state.timers', { mine, its });

    // Transitions, and one state event carrying the final status.
    const states = events.filter((e) => e.name === 'state');
    if (states.length > 1) fail('more than one state event in a step', states);
    const status = statusOf(after);
    if (states[0] && safeJson(states[0].status) !== safeJson(status)) {
      fail('state event differs from statusOf(final state)', { event: states[0].status, status });
    }
    if (from !== to && !states[0]) fail('state changed without a state event', { from, to });
    if ((from !== to || states[0]) && input.type !== 'start') {
      try {
        transition(from as ConnectionState, to as ConnectionState);
      } catch (error) {
        fail(`transition not allowed on ${input.type}`, String(error));
      }
    }
    if (!states[0] && safeJson(statusOf(before)) !== safeJson(status)) {
      fail(`status changed without a state event on ${describe(input)}`, { before: statusOf(before), after: status });
    }

    // A result or event for an attempt or connection that is over changes nothing.
    if (isResult(input) && !awaited(before, input)) {
      const retiredClose = input.type === 'native-close' && before.retired.some((r) => r.conn === input.conn);
      if (!retiredClose && (effects.length > 0 || snapshot(after) !== snapshot(before))) {
        fail(`stale ${describe(input)} was not ignored`, { phase: before.phase, effects });
      }
    }

    // Attempts start only from the retry timer, online, pageshow, reconnect, a policy retry, or start.
    for (const e of effects) {
      if (e.type === 'resolve') {
        const ok =
          ATTEMPT_SOURCES.has(input.type) ||
          (input.type === 'timer' && input.name === 'retry') ||
          (input.type === 'lifecycle' && (input.event === 'online' || input.event === 'pageshow'));
        if (!ok) fail(`an attempt started from ${describe(input)}`);
        if (!(input.type === 'timer')) this.#refreshOwed = false;
      }
      if (e.type === 'connect' && input.type !== 'resolved') fail(`connect from ${describe(input)}`);
      if (e.type === 'run-hook' && input.type !== 'native-open') fail(`run-hook from ${describe(input)}`);
      if (e.type === 'refresh') {
        if (this.#refreshOwed) fail('a refresh followed another refresh without backoff');
        this.#refreshOwed = true;
      }
    }
    if (input.type === 'refreshed' && from !== to && !['backoff', 'offline', 'stopped'].includes(to)) {
      fail('a refresh was not followed by backoff', to);
    }

    // Backoff: the attempt counter, its budget and the delay.
    if (status.attempt > c.maxAttempts) fail('attempt above maxAttempts', { attempt: status.attempt });
    for (const e of events) {
      if (e.name !== 'reconnecting') continue;
      this.#refreshOwed = false;
      if (e.attempt !== status.attempt) fail('reconnecting.attempt differs from status.attempt', e);
      const retry = effects.find((x) => x.type === 'set-timer' && x.name === 'retry');
      if (retry?.type !== 'set-timer' || retry.ms !== e.delayMs) fail('reconnecting without its retry timer');
      if (after.phase.name !== 'backoff' || after.phase.until !== this.now + e.delayMs) {
        fail('reconnecting: phase is not backoff until now + delay', after.phase);
      }
      checkDelay(c, e.delayMs, e.classification, input.type === 'refreshed');
    }

    // After close(): nothing but the close events of sockets it retired (and drops of sends queued behind it).
    if (from === 'closed' && input.type !== 'reconnect' && input.type !== 'start') {
      for (const e of effects) {
        const ok =
          e.type === 'emit' &&
          ((e.event.name === 'close' &&
            e.event.classification.initiator === 'client' &&
            input.type === 'native-close' &&
            before.retired.some((r) => r.conn === input.conn)) ||
            (e.event.name === 'drop' && e.event.reason === 'closed' && input.type === 'send'));
        if (!ok) fail(`after close(), ${describe(input)} had an effect`, e);
      }
    }

    // What died with a connection and was still in its buffer is reported (or queued again).
    const lost = currentConn(before.phase);
    if (lost !== undefined && currentConn(after.phase) !== lost) {
      const died = events.some((e) => e.name === 'close' && e.classification.initiator !== 'client');
      const ws = this.sockets.get(lost);
      const unsent = events.flatMap((e) => (e.name === 'drop' && e.reason === 'unsent' ? [e.data as string] : []));
      // Re-queued, a message may be drained from the outbox in the same step (a stop after the close).
      const dropped = events.flatMap((e) => (e.name === 'drop' ? [e.data as string] : []));
      if (died && ws) {
        const tail = newestOf(ws.stream, ws.buffered).filter((x) => !x.own);
        const outbox = new Set(entries(after.outbox).map((x) => x.item as string));
        for (const x of tail) {
          const data = x.data as string;
          const requeued = c.outbox.requeueUnsent && (outbox.has(data) || dropped.includes(data));
          if (!unsent.includes(data) && !requeued) {
            fail('a message still in the dead socket buffer was not reported', { data, buffered: ws.buffered });
          }
        }
        for (const d of unsent) {
          if (!tail.some((x) => x.data === d)) fail('reported unsent what the buffer no longer held', d);
        }
      } else if (unsent.length > 0) fail('unsent drops without a lost connection', unsent);
    }

    // Sending: in order, within the outbox's bounds, one message per interval while throttled, and
    // a pong deadline only for a ping that went out.
    if (!c.outbox.requeueUnsent) {
      const { maxMessages, maxBytes } = c.outbox;
      const q = after.outbox;
      if (q.end - q.start > maxMessages || q.bytes > maxBytes) fail('outbox above its bounds', entries(q));
    }
    if (
      effects.some((e) => e.type === 'set-timer' && e.name === 'pong') &&
      !effects.some((e) => e.type === 'transmit' && isPing(e.data))
    ) {
      fail('pong deadline armed without a ping sent');
    }
    if (input.type === 'native-close' && before.retired.some((r) => r.conn === input.conn)) {
      const closes = events.filter((e) => e.name === 'close');
      const code = closes[0]?.name === 'close' ? closes[0].classification : undefined;
      if (closes.length !== 1 || code?.initiator !== 'client' || code.code !== input.code) {
        fail('a retired socket close not reported once with its real code', closes);
      }
    }

    if (input.type === 'send') {
      const m = this.messages.get(input.data as string) as Message;
      // What send() returns (a send queued behind another call has already returned 'queued').
      if (!m.deferred && typeof sent === 'object') m.status = 'refused';
      if (!m.deferred && sent === 'dropped') m.status = 'dropped';
      if (m.deferred && typeof sent === 'object') {
        // ResilientSocket cannot throw any more: it returned 'queued' when the send was queued.
        fail("send() returned 'queued' (queued behind another call), then the full outbox refused it: lost, no drop", {
          data: input.data,
          sent,
        });
      }
    }
    if (sent === 'dropped' && input.type === 'send') {
      if (!events.some((e) => e.name === 'drop' && e.data === input.data)) fail('send dropped without a drop event');
    }
    if (typeof sent === 'object' && events.some((e) => e.name === 'drop')) fail('a rejected send dropped something');

    this.#checkMessages();
    this.#checkPhase();
  }

  /** Every accepted message is in exactly one place: on the wire, in the outbox, or in one drop. */
  #checkMessages(): void {
    const c = this.config;
    const inOutbox = new Map<string, number>();
    for (const e of entries(this.state.outbox)) {
      const d = e.item as string;
      inOutbox.set(d, (inOutbox.get(d) ?? 0) + 1);
    }
    const deferred = new Set(this.inbox.filter((i) => i.type === 'send').map((i) => (i as { data: string }).data));
    for (const [data, m] of this.messages) {
      const queued = inOutbox.get(data) ?? 0;
      if (queued > 1) fail('a message twice in the outbox', data);
      if (m.status === 'refused' && (queued || m.drops.length || m.transmits)) {
        fail('a refused send went somewhere', { data, m });
      }
      if (queued && m.drops.length) fail('a dropped message is still queued', data);
      if (queued && m.transmits && !c.outbox.requeueUnsent) fail('a transmitted message is queued again', data);
      if (m.transmits > 1 && !c.outbox.requeueUnsent) fail('a message transmitted twice', data);
      if (m.status === 'dropped' && m.drops.length !== 1) fail("send() said 'dropped' without one drop", data);
      if (m.status === 'accepted' && !queued && !m.drops.length && !m.transmits && !deferred.has(data)) {
        fail('an accepted message vanished: not sent, not queued, not dropped', { data, phase: this.state.phase });
      }
    }
  }

  /** Exactly one thing moves each phase on: a live socket, a timer, or a wait on the app or the network. */
  #checkPhase(): void {
    const s = this.state;
    const p = s.phase;
    const has = (n: TimerName) => s.timers[n] !== undefined;
    const timerNames = Object.keys(s.timers);
    const live = [...this.sockets.values()].filter((w) => !w.clientClosed && !w.closeDelivered).map((w) => w.conn);
    const queued = (f: (i: Input) => boolean) => this.inbox.some(f);
    const waits = (kind: Pending['kind'], key: number) =>
      this.pending.some((x) => x.kind === kind && ('id' in x ? x.id : x.conn) === key) ||
      queued((i) => resultOf(i) === kind && ('id' in i ? i.id : 'conn' in i ? i.conn : undefined) === key);
    const where = () => safeJson({ phase: p, timers: s.timers, live, pending: this.pending, inbox: this.inbox });
    const need = (ok: boolean, what: string) => {
      if (!ok) fail(`${p.name}${'step' in p ? `/${p.step}` : ''}: ${what}`, where());
    };
    if (p.name !== 'backoff') need(!has('retry'), 'a retry timer outside backoff');
    if (this.config.lifecycle) need(this.subscribed === s.listening, 'lifecycle subscription differs from state');
    need(s.listening === (p.name !== 'closed'), 'listening to the lifecycle iff not closed');
    switch (p.name) {
      case 'connecting': {
        if (p.step === 'refresh') {
          need(timerNames.length === 0, 'a timer while refreshing');
          need(live.length === 0, 'a live socket while refreshing');
          need(waits('refresh', p.id), 'no pending auth.refresh');
          return;
        }
        need(has('deadline'), 'no deadline timer');
        if (p.step === 'resolve') {
          need(live.length === 0, 'a live socket while resolving');
          need(waits('resolve', p.id), 'no pending provider');
          return;
        }
        const failed = queued((i) => i.type === 'connect-failed' && i.conn === p.conn) || this.#constructing === p.conn;
        need(
          failed || (live.length === 1 && live[0] === p.conn && this.nativeConn === p.conn),
          'not exactly its socket',
        );
        if (p.step === 'hook') {
          need(waits('hook', p.conn), 'no pending onOpen hook');
          const ws = this.sockets.get(p.conn) as NativeSocket;
          need(ws.readyState === 1 || has('close-after-error'), 'a dead socket nobody waits for');
        }
        if (p.step === 'handshake' && !failed) {
          const ws = this.sockets.get(p.conn) as NativeSocket;
          need(ws.readyState === 0 || has('close-after-error'), 'a dead handshake nobody waits for');
        }
        return;
      }
      case 'open': {
        need(!has('deadline'), 'a deadline timer while open');
        need(live.length === 1 && live[0] === p.conn && this.nativeConn === p.conn, 'not exactly its socket');
        const ws = this.sockets.get(p.conn) as NativeSocket;
        need(ws.readyState === 1 || has('close-after-error'), 'a dead socket nobody waits for');
        if (this.config.heartbeat) {
          need(
            has('heartbeat') || has('pong') || waits('ping', p.conn) || has('close-after-error'),
            'heartbeat stopped while open',
          );
        }
        return;
      }
      case 'backoff': {
        need(timerNames.length === 1 && has('retry'), 'not exactly the retry timer');
        need(this.timers.get('retry')?.at === p.until, 'retry timer does not fire at nextRetryAt');
        need(live.length === 0, 'a live socket in backoff');
        return;
      }
      default:
        need(timerNames.length === 0, 'a timer left running');
        need(live.length === 0, 'a live socket left');
        if (p.name === 'offline') need(!this.env.online(), 'offline while the network is up: nothing will move it');
        if (p.name === 'paused') {
          need(
            p.hidden === true || (p.policy !== undefined && this.policies.includes(p.policy)),
            'paused with no policy event to act on',
          );
        }
    }
  }

  /** Closes at the end of a run: afterwards every accepted message was sent once or dropped once. */
  finish(): void {
    // A listener may reconnect from the `stopped` event close() emits: close until it stays closed.
    for (let i = 0; i < 50 && this.state.phase.name !== 'closed'; i++) this.act({ a: 'close', code: 1000, reason: '' });
    if (this.state.phase.name !== 'closed') fail('close() does not take');
    if (this.timers.size > 0) fail('a timer pending after close()');
    for (const [data, m] of this.messages) {
      if (m.status === 'accepted' && m.drops.length + (m.transmits > 0 ? 1 : 0) === 0) {
        fail('an accepted message was neither sent nor dropped', data);
      }
    }
  }
}

/** Does the engine wait for this result in this state? Written from the phase's contract. */
export function awaited(s: EngineState, i: Input): boolean {
  const p = s.phase;
  const at = (step: string) => p.name === 'connecting' && p.step === step;
  switch (i.type) {
    case 'resolved':
    case 'resolve-failed':
      return at('resolve') && 'id' in p && p.id === i.id;
    case 'refreshed':
    case 'refresh-failed':
      return at('refresh') && 'id' in p && p.id === i.id;
    case 'native-open':
    case 'connect-failed':
      return at('handshake') && 'conn' in p && p.conn === i.conn;
    case 'hook-done':
    case 'hook-failed':
      return at('hook') && 'conn' in p && p.conn === i.conn;
    case 'ping-built':
    case 'ping-failed':
      return p.name === 'open' && p.conn === i.conn;
    case 'native-message':
    case 'native-error':
    case 'native-close':
      return currentConn(p) === i.conn;
    case 'timer':
      return s.timers[i.name] === i.id;
    default:
      return true;
  }
}

function isPing(data: unknown): boolean {
  return typeof data === 'string' && data.startsWith('ping');
}

/** Which app callback this input is the result of. */
function resultOf(i: Input): Pending['kind'] | undefined {
  if (i.type === 'resolved' || i.type === 'resolve-failed') return 'resolve';
  if (i.type === 'refreshed' || i.type === 'refresh-failed') return 'refresh';
  if (i.type === 'hook-done' || i.type === 'hook-failed') return 'hook';
  if (i.type === 'ping-built' || i.type === 'ping-failed') return 'ping';
  return undefined;
}

function isResult(i: Input): boolean {
  return !['start', 'send', 'close', 'reconnect', 'policy-retry', 'policy-stop', 'lifecycle', 'close-failed'].includes(
    i.type,
  );
}

export function describe(i: Input): string {
  if (i.type === 'timer') return `timer ${i.name}`;
  if (i.type === 'lifecycle') return `lifecycle ${i.event}`;
  return i.type;
}

/** The newest entries whose bytes together reach `bytes`: what a socket's buffer may still hold. */
export function newestOf<T extends { bytes: number }>(stream: readonly T[], bytes: number): T[] {
  const out: T[] = [];
  let sum = 0;
  for (let i = stream.length - 1; i >= 0 && sum < bytes; i--) {
    const x = stream[i] as T;
    out.unshift(x);
    sum += x.bytes;
  }
  return out;
}
