import { type BackoffConfig, DEFAULT_BACKOFF } from '../policy/backoff.js';
import type { CloseClassification } from '../policy/classify.js';
import { en } from '../registry/advice/en.js';
import { describeValue } from '../registry/codes.js';
import { type CodesOption, toCodeMaps } from '../registry/define.js';
import type { CodeMap, Locale } from '../registry/types.js';
import { type Clock, systemClock } from './clock.js';
import { browserLifecycle, type Lifecycle } from './lifecycle.js';
import type { MessageData, OverflowPolicy } from './outbox.js';

/**
 * A value, or a function giving it (sync or async), called before every attempt.
 *
 * @example
 * ```ts
 * const url: Provider<string> = async () => `wss://api.example.com/live?token=${await getToken()}`;
 * ```
 */
export type Provider<T> = T | (() => T | Promise<T>);

/**
 * The shape of a WebSocket constructor: the browser's, or `ws` in Node.
 *
 * @example
 * ```ts
 * import WebSocket from 'ws';
 * new ResilientSocket(url, { WebSocket });
 * ```
 */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocketLike;

/**
 * The parts of a WebSocket instance the socket uses; the browser's and `ws`'s both fit.
 *
 * @example
 * ```ts
 * const native: WebSocketLike = new WebSocket('wss://api.example.com/live');
 * ```
 */
export interface WebSocketLike {
  readonly readyState: number;
  readonly protocol: string;
  readonly bufferedAmount: number;
  readonly url: string;
  binaryType: string;
  /** Sends a message. */
  send(data: MessageData): void;
  /** Starts the closing handshake. */
  close(code?: number, reason?: string): void;
  /** Handler for the open event. */
  onopen: ((event: unknown) => void) | null;
  /** Handler for the close event. */
  onclose: ((event: { code: number; reason: string; wasClean: boolean }) => void) | null;
  /** Handler for the error event. */
  onerror: ((event: unknown) => void) | null;
  /** Handler for the message event. */
  onmessage: ((event: { data: unknown }) => void) | null;
}

/**
 * What `auth.refresh` is told.
 *
 * @example
 * ```ts
 * auth: { refresh: async ({ trigger }) => { token = await api.refreshToken(); } }
 * ```
 */
export interface RefreshContext {
  /** `policy`: an auth policy close (1008 "token expired", 3000, 4401...); `handshake`: repeated 1006 before open. */
  readonly trigger: 'policy' | 'handshake';
  readonly classification: CloseClassification;
}

/**
 * Every option of `ResilientSocket`. All are optional; the defaults are what most apps want.
 *
 * @example
 * ```ts
 * new ResilientSocket(() => `wss://api.example.com/live?token=${token}`, {
 *   locale: tr,
 *   auth: { refresh: async () => { token = await refreshToken(); } },
 *   heartbeat: { intervalMs: 25_000, timeoutMs: 10_000, ping: () => 'ping', isPong: (d) => d === 'pong' },
 * });
 * ```
 */
export interface ResilientSocketOptions {
  /** WebSocket constructor (default `globalThis.WebSocket`; pass `ws` in Node 20). */
  readonly WebSocket?: WebSocketConstructor;
  /** Subprotocols, or a provider called before every attempt. */
  readonly protocols?: Provider<string | string[] | undefined>;
  /** Language of the advice in `policy` events (default English). */
  readonly locale?: Locale;
  /** Profiles or app codes for 3000-4999, e.g. `graphqlWs` or `defineCodes({...})`. */
  readonly codes?: CodesOption;
  /** Backoff numbers, budget and reset rule. */
  readonly backoff?: {
    /** Ceiling of the first reconnect delay, doubling per attempt (default 1000). */
    readonly initialDelayMs?: number;
    /** Largest reconnect delay (default 30000). */
    readonly maxDelayMs?: number;
    /** Ceiling of the first reconnect delay after a fleet-wide close such as 1014 (default 8000). */
    readonly fleetInitialDelayMs?: number;
    /** Largest reconnect delay in a fleet-wide outage (default 11000). */
    readonly fleetMaxDelayMs?: number;
    /** Give up after this many attempts in one outage (default Infinity). */
    readonly maxAttempts?: number;
    /** Give up when an outage has lasted this long (default Infinity). */
    readonly maxElapsedMs?: number;
    /** The connection must stay open this long before backoff resets (default 5000). */
    readonly minUptimeMs?: number;
    /** First slow-down delay, for 1013 and rate limits (default 30000). */
    readonly slowDownMinMs?: number;
    /** Cap of the slow-down base; the delay is then 1-2x it (default 300000). */
    readonly slowDownMaxMs?: number;
    /** Jitter share added on top of a retry-after hint (default 0.2). */
    readonly hintJitter?: number;
  };
  /** Abandon an attempt that has not opened after this long (default 10000). */
  readonly connectTimeoutMs?: number;
  /** Reconnect when the server closes with 1000 or 1005 (default true). */
  readonly reconnectOnNormalClose?: boolean;
  /** Token refresh for auth policy closes and hidden handshake rejections. */
  readonly auth?: {
    /** Gets a new token (the URL provider should read it); the socket then reconnects once. */
    readonly refresh: (ctx: RefreshContext) => void | Promise<void>;
    /** Consecutive 1006 closes before open that trigger a refresh (default 3). */
    readonly handshakeFailures?: number;
    /** The same policy close within this long after a refresh stops with 'policy-loop' (default 60000). */
    readonly loopWindowMs?: number;
  };
  /** Runs after the handshake, before queued messages flush: send an auth frame here. */
  readonly onOpen?: (ctx: OpenContext) => void | Promise<void>;
  /** Bounds of the queue that holds messages sent while not open. */
  readonly outbox?: {
    /** Default 1000. */
    readonly maxQueuedMessages?: number;
    /** Default 1 MiB. */
    readonly maxQueuedBytes?: number;
    /** Default 'reject' (send() throws OutboxFullError). */
    readonly overflow?: OverflowPolicy;
  };
  /** How sending slows down after a rate-limit policy close. */
  readonly rateLimit?: {
    /** Minimum gap between two sends while throttled (default 250). */
    readonly sendIntervalMs?: number;
    /** Throttling ends after the connection has been open this long (default 30000). */
    readonly recoverAfterMs?: number;
  };
  /** Application-level ping/pong to find half-open connections. Off by default. */
  readonly heartbeat?: {
    readonly intervalMs: number;
    readonly timeoutMs: number;
    /** Builds the ping message. */
    readonly ping: () => MessageData;
    /** Recognises the pong; pongs are not emitted as messages. */
    readonly isPong: (data: unknown) => boolean;
  };
  /** Network and page events; the browser's by default, or `false` to ignore them. */
  readonly lifecycle?: Lifecycle | false;
  /** Time source (inject a fake one in tests). */
  readonly clock?: Clock;
  /** Random source in [0, 1) for jitter (inject a seeded one in tests). */
  readonly random?: () => number;
  /** `binaryType` set on every native socket (default 'blob' in browsers, as the platform). */
  readonly binaryType?: 'blob' | 'arraybuffer';
}

/**
 * What the `onOpen` hook gets: a `send` that bypasses the outbox, so the auth frame goes first.
 *
 * @example
 * ```ts
 * onOpen: async ({ send }) => send(JSON.stringify({ type: 'connection_init', payload: { token } }))
 * ```
 */
export interface OpenContext {
  /** Sends on the new connection at once, before any queued message. */
  send(data: MessageData): void;
  /** 1 for the first connection, counting up on every attempt. */
  readonly attempt: number;
}

/** Options after validation, with every default filled in. */
export interface ResolvedOptions {
  readonly WebSocket: WebSocketConstructor;
  readonly protocols: Provider<string | string[] | undefined>;
  readonly locale: Locale;
  readonly codes: readonly CodeMap[];
  readonly backoff: BackoffConfig;
  readonly maxAttempts: number;
  readonly maxElapsedMs: number;
  readonly minUptimeMs: number;
  readonly connectTimeoutMs: number;
  readonly reconnectOnNormalClose: boolean;
  readonly auth?: {
    readonly refresh: (ctx: RefreshContext) => void | Promise<void>;
    readonly handshakeFailures: number;
    readonly loopWindowMs: number;
  };
  readonly onOpen?: (ctx: OpenContext) => void | Promise<void>;
  readonly outbox: { readonly maxMessages: number; readonly maxBytes: number; readonly overflow: OverflowPolicy };
  readonly rateLimit: { readonly sendIntervalMs: number; readonly recoverAfterMs: number };
  readonly heartbeat?: ResilientSocketOptions['heartbeat'];
  readonly lifecycle?: Lifecycle;
  readonly clock: Clock;
  readonly random: () => number;
  readonly binaryType?: 'blob' | 'arraybuffer';
}

const TOP_LEVEL = new Set<string>([
  'WebSocket',
  'protocols',
  'locale',
  'codes',
  'backoff',
  'connectTimeoutMs',
  'reconnectOnNormalClose',
  'auth',
  'onOpen',
  'outbox',
  'rateLimit',
  'heartbeat',
  'lifecycle',
  'clock',
  'random',
  'binaryType',
]);

function bad(name: string, expected: string, value: unknown): never {
  throw new TypeError(`ResilientSocket: option ${name} must be ${expected}, got ${describeValue(value)}`);
}

type NumberRule = { min: number; allowInfinity?: boolean; integer?: boolean; positive?: boolean };

function num(name: string, value: unknown, fallback: number, rule: NumberRule): number {
  if (value === undefined) return fallback;
  const ok =
    typeof value === 'number' &&
    !Number.isNaN(value) &&
    (Number.isFinite(value) || (rule.allowInfinity && value === Number.POSITIVE_INFINITY)) &&
    (rule.positive ? value > rule.min : value >= rule.min) &&
    (!rule.integer || !Number.isFinite(value) || Number.isInteger(value));
  if (!ok) {
    const what = `${rule.integer ? 'an integer' : 'a number'} ${rule.positive ? '>' : '>='} ${rule.min}${rule.allowInfinity ? ' (or Infinity)' : ''}`;
    bad(name, what, value);
  }
  return value as number;
}

function fn<T>(name: string, value: unknown, required: boolean): T | undefined {
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'function') bad(name, 'a function', value);
  return value as T;
}

function obj(name: string, value: unknown): Record<string, unknown> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) bad(name, 'an object', value);
  return value as Record<string, unknown>;
}

function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T)) bad(name, `one of ${allowed.map((a) => `'${a}'`).join(', ')}`, value);
  return value as T;
}

/**
 * Validates options and fills in defaults. Throws a `TypeError` naming the option and the value
 * for anything negative, NaN, mistyped or unknown.
 */
export function resolveOptions(input: ResilientSocketOptions = {}): ResolvedOptions {
  const o = obj('options', input);
  for (const key of Object.keys(o)) {
    if (!TOP_LEVEL.has(key)) bad(key, `a known option (${[...TOP_LEVEL].join(', ')})`, 'unknown option');
  }
  const Ctor = o.WebSocket ?? (globalThis as { WebSocket?: unknown }).WebSocket;
  if (typeof Ctor !== 'function') {
    throw new TypeError(
      "ResilientSocket: no WebSocket implementation; pass options.WebSocket (in Node 20: import WebSocket from 'ws')",
    );
  }
  const b = obj('backoff', o.backoff);
  // Three (low, high) pairs: each value positive, the high one defaulting to at least the low one.
  const pair = (lowKey: keyof BackoffConfig, highKey: keyof BackoffConfig): [number, number] => {
    const rule = { min: 0, positive: true };
    const low = num(`backoff.${lowKey}`, b[lowKey], DEFAULT_BACKOFF[lowKey], rule);
    const high = num(`backoff.${highKey}`, b[highKey], Math.max(DEFAULT_BACKOFF[highKey], low), rule);
    if (high < low) bad(`backoff.${highKey}`, `>= backoff.${lowKey} (${low})`, high);
    return [low, high];
  };
  const [initialDelayMs, maxDelayMs] = pair('initialDelayMs', 'maxDelayMs');
  const [fleetInitialDelayMs, fleetMaxDelayMs] = pair('fleetInitialDelayMs', 'fleetMaxDelayMs');
  const [slowDownMinMs, slowDownMaxMs] = pair('slowDownMinMs', 'slowDownMaxMs');
  const hintJitter = num('backoff.hintJitter', b.hintJitter, DEFAULT_BACKOFF.hintJitter, { min: 0 });
  const unknownBackoff = Object.keys(b).find(
    (k) =>
      ![
        'initialDelayMs',
        'maxDelayMs',
        'maxAttempts',
        'maxElapsedMs',
        'minUptimeMs',
        'slowDownMinMs',
        'slowDownMaxMs',
        'hintJitter',
        'fleetInitialDelayMs',
        'fleetMaxDelayMs',
        'jitter',
      ].includes(k),
  );
  if (unknownBackoff) bad(`backoff.${unknownBackoff}`, 'a known backoff option', 'unknown option');
  if (b.jitter !== undefined && b.jitter !== 'full') bad('backoff.jitter', "'full'", b.jitter);

  const a = o.auth === undefined ? undefined : obj('auth', o.auth);
  const out = obj('outbox', o.outbox);
  const rl = obj('rateLimit', o.rateLimit);
  const hb = o.heartbeat === undefined ? undefined : obj('heartbeat', o.heartbeat);
  let heartbeat: ResilientSocketOptions['heartbeat'];
  if (hb) {
    heartbeat = {
      intervalMs: num('heartbeat.intervalMs', hb.intervalMs, Number.NaN, { min: 0, positive: true }),
      timeoutMs: num('heartbeat.timeoutMs', hb.timeoutMs, Number.NaN, { min: 0, positive: true }),
      ping: fn<() => MessageData>('heartbeat.ping', hb.ping, true) as () => MessageData,
      isPong: fn<(d: unknown) => boolean>('heartbeat.isPong', hb.isPong, true) as (d: unknown) => boolean,
    };
    if (Number.isNaN(heartbeat.intervalMs)) bad('heartbeat.intervalMs', 'a number > 0', hb.intervalMs);
    if (Number.isNaN(heartbeat.timeoutMs)) bad('heartbeat.timeoutMs', 'a number > 0', hb.timeoutMs);
  }
  let lifecycle: Lifecycle | undefined;
  if (o.lifecycle === undefined) lifecycle = browserLifecycle();
  else if (o.lifecycle !== false) {
    const l = obj('lifecycle', o.lifecycle);
    fn('lifecycle.isOnline', l.isOnline, true);
    fn('lifecycle.subscribe', l.subscribe, true);
    lifecycle = o.lifecycle as Lifecycle;
  }
  let clock = systemClock;
  if (o.clock !== undefined) {
    const c = obj('clock', o.clock);
    for (const m of ['now', 'setTimeout', 'clearTimeout']) fn(`clock.${m}`, c[m], true);
    clock = o.clock as Clock;
  }
  let locale: Locale = en;
  if (o.locale !== undefined) {
    const l = obj('locale', o.locale);
    if (typeof l.id !== 'string' || typeof l.codes !== 'object' || typeof l.ranges !== 'object') {
      bad('locale', "a locale object such as `tr` from 'closewise/locales/tr'", o.locale);
    }
    locale = o.locale as Locale;
  }
  const protocols = o.protocols as ResolvedOptions['protocols'];
  if (
    protocols !== undefined &&
    typeof protocols !== 'string' &&
    typeof protocols !== 'function' &&
    !(Array.isArray(protocols) && protocols.every((p) => typeof p === 'string'))
  ) {
    bad('protocols', 'a string, an array of strings or a function', protocols);
  }
  const onOpen = fn<ResolvedOptions['onOpen']>('onOpen', o.onOpen, false);
  const refresh = a ? fn<NonNullable<ResolvedOptions['auth']>['refresh']>('auth.refresh', a.refresh, true) : undefined;
  const binaryType =
    o.binaryType === undefined ? undefined : oneOf('binaryType', o.binaryType, ['blob', 'arraybuffer'], 'blob');
  if (o.reconnectOnNormalClose !== undefined && typeof o.reconnectOnNormalClose !== 'boolean') {
    bad('reconnectOnNormalClose', 'a boolean', o.reconnectOnNormalClose);
  }
  return {
    WebSocket: Ctor as WebSocketConstructor,
    protocols,
    locale,
    codes: toCodeMaps(o.codes as CodesOption | undefined),
    backoff: {
      ...DEFAULT_BACKOFF,
      initialDelayMs,
      maxDelayMs,
      fleetInitialDelayMs,
      fleetMaxDelayMs,
      slowDownMinMs,
      slowDownMaxMs,
      hintJitter,
    },
    maxAttempts: num('backoff.maxAttempts', b.maxAttempts, Number.POSITIVE_INFINITY, {
      min: 0,
      allowInfinity: true,
      integer: true,
    }),
    maxElapsedMs: num('backoff.maxElapsedMs', b.maxElapsedMs, Number.POSITIVE_INFINITY, {
      min: 0,
      positive: true,
      allowInfinity: true,
    }),
    minUptimeMs: num('backoff.minUptimeMs', b.minUptimeMs, 5000, { min: 0 }),
    connectTimeoutMs: num('connectTimeoutMs', o.connectTimeoutMs, 10_000, { min: 0, positive: true }),
    reconnectOnNormalClose: o.reconnectOnNormalClose !== false,
    ...(refresh &&
      a && {
        auth: {
          refresh,
          handshakeFailures: num('auth.handshakeFailures', a.handshakeFailures, 3, { min: 1, integer: true }),
          loopWindowMs: num('auth.loopWindowMs', a.loopWindowMs, 60_000, { min: 0 }),
        },
      }),
    ...(onOpen && { onOpen }),
    outbox: {
      maxMessages: num('outbox.maxQueuedMessages', out.maxQueuedMessages, 1000, {
        min: 0,
        integer: true,
        allowInfinity: true,
      }),
      maxBytes: num('outbox.maxQueuedBytes', out.maxQueuedBytes, 1024 * 1024, { min: 0, allowInfinity: true }),
      overflow: oneOf('outbox.overflow', out.overflow, ['reject', 'drop-oldest', 'drop-newest'], 'reject'),
    },
    rateLimit: {
      sendIntervalMs: num('rateLimit.sendIntervalMs', rl.sendIntervalMs, 250, { min: 0 }),
      recoverAfterMs: num('rateLimit.recoverAfterMs', rl.recoverAfterMs, 30_000, { min: 0 }),
    },
    ...(heartbeat && { heartbeat }),
    ...(lifecycle && { lifecycle }),
    clock,
    random: (fn<() => number>('random', o.random, false) ?? Math.random) as () => number,
    ...(binaryType && { binaryType }),
  };
}
