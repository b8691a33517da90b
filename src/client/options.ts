import { DEV } from '../internal/dev.js';
import {
  badOption,
  checkOptions,
  isBoolean,
  isFunction,
  nonNegative,
  numberRule,
  oneOf,
  type Rule,
  type Rules,
  required,
  type Schema,
  sharedOptions,
  timer,
  withMethods,
} from '../internal/schema.js';
import { type BackoffConfig, DEFAULT_BACKOFF } from '../policy/backoff.js';
import type { CloseClassification } from '../policy/classify.js';
import { enPolicy } from '../registry/advice/en-policy.js';
import { asCodeMaps, type CodesOption } from '../registry/resolve.js';
import type { AdviceCatalog, CodeMap } from '../registry/types.js';
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
 * The shape of a WebSocket constructor: the browser's, Node 22's global, `ws`'s, React Native's.
 * Each of them is accepted under `strict` as it is, with no cast.
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
 * The handlers take `never`: the socket installs its own handlers and reads only `code`,
 * `reason`, `wasClean` and `data`, so any implementation's handler type fits (a parameter type
 * of `unknown` would reject the DOM's `(ev: Event) => any` under `strictFunctionTypes`).
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
  /** The extensions the server chose; `ResilientWebSocket.extensions` reports it. */
  readonly extensions?: string;
  binaryType: string;
  /**
   * Sends a message. `ws` calls `callback` with an error when the message was never written
   * (the connection died first); browsers ignore it and keep `bufferedAmount` instead.
   */
  send(data: MessageData, callback?: (error?: Error) => void): void;
  /** Starts the closing handshake. */
  close(code?: number, reason?: string): void;
  /** Handler for the open event. */
  onopen: ((event: never) => void) | null;
  /** Handler for the close event: the socket's reads `code`, `reason` and `wasClean`. */
  onclose: ((event: never) => void) | null;
  /** Handler for the error event. */
  onerror: ((event: never) => void) | null;
  /** Handler for the message event: the socket's reads `data`. */
  onmessage: ((event: never) => void) | null;
}

/** The close event as the socket reads it from any implementation. */
export interface NativeCloseEvent {
  readonly code: number;
  readonly reason: string;
  readonly wasClean: boolean;
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
  readonly locale?: AdviceCatalog;
  /** Profiles or app codes for 3000-4999: `graphqlWs`, `defineCodes({...})`, or a list of them. */
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
    /**
     * Retry period once the server looks down for everyone: a 1006 while open whose fast retry
     * then fails in the handshake (a crash or deploy). Default 2480. Smaller brings a fleet back
     * sooner and loads the recovering server more; see the frontier in docs/benchmarks.md.
     */
    readonly crashDelayMs?: number;
    /** Largest crash period (default 9500): every client is back within this of the server's return. */
    readonly crashMaxDelayMs?: number;
    /** Growth of the crash period per ms since the outage began (default 0.22: +1.1 s per 5 s down). */
    readonly crashGrowth?: number;
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
    /** `'full'`, the only kind: every delay is random in [0, ceiling] (RFC 6455 §7.2.3). */
    readonly jitter?: 'full';
  };
  /**
   * One deadline for each attempt, from calling the URL and protocols providers until the `onOpen`
   * hook settles (default 10000). A pending handshake or hook is abandoned and reported as a close
   * with initiator `timeout`; a pending provider is an `error` of kind `url`. Both are retried.
   */
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
    /**
     * What happens to messages already handed to a connection that died while its buffer still
     * held them (its `bufferedAmount`): `false` (default) reports each in a `drop` event with
     * reason `'unsent'`; `true` puts them back at the front of the outbox for the next connection.
     */
    readonly requeueUnsent?: boolean;
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
  /**
   * `binaryType` set on every native socket; by default the implementation's own ('blob' in
   * browsers, 'nodebuffer' under `ws`). `'nodebuffer'` and `'fragments'` only exist in `ws`.
   */
  readonly binaryType?: BinaryType;
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
  /** As `status.attempt`: the retries of the current outage so far (0 for a first try). */
  readonly attempt: number;
  /** Attempts since the socket was created, this one included (1 for the first). */
  readonly totalAttempts: number;
}

/** Options after validation, with every default filled in. */
export interface ResolvedOptions {
  readonly WebSocket: WebSocketConstructor;
  readonly protocols: Provider<string | string[] | undefined>;
  readonly locale: AdviceCatalog;
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
  readonly outbox: {
    readonly maxMessages: number;
    readonly maxBytes: number;
    readonly overflow: OverflowPolicy;
    readonly requeueUnsent: boolean;
  };
  readonly rateLimit: { readonly sendIntervalMs: number; readonly recoverAfterMs: number };
  readonly heartbeat?: ResilientSocketOptions['heartbeat'];
  readonly lifecycle?: Lifecycle;
  readonly clock: Clock;
  readonly random: () => number;
  readonly binaryType?: BinaryType;
}

/**
 * How binary messages arrive: `'blob'` or `'arraybuffer'` (browsers, Node 22, `ws`), or
 * `'nodebuffer'` / `'fragments'` (`ws` only).
 *
 * @example
 * ```ts
 * socket.binaryType = 'arraybuffer';
 * ```
 */
export type BinaryType = 'blob' | 'arraybuffer' | 'nodebuffer' | 'fragments';

/** Every value of `BinaryType`, for the option check and the setter. */
export const BINARY_TYPES: readonly BinaryType[] = ['blob', 'arraybuffer', 'nodebuffer', 'fragments'];

// Validation: see schema.ts. This is the socket's schema, complete by construction.
const OWNER = 'ResilientSocket';
// A function, so that a production build, which never calls it, leaves all of it out.
const schema = (): { readonly [K in keyof ResilientSocketOptions]-?: Rule | Schema } => ({
  ...sharedOptions,
  protocols: [
    (v) =>
      typeof v === 'string' || typeof v === 'function' || (Array.isArray(v) && v.every((p) => typeof p === 'string')),
    'a string, an array of strings or a function',
  ],
  backoff: {
    initialDelayMs: timer(1),
    maxDelayMs: timer(1),
    fleetInitialDelayMs: timer(1),
    fleetMaxDelayMs: timer(1),
    crashDelayMs: timer(1),
    crashMaxDelayMs: timer(1),
    crashGrowth: nonNegative,
    maxAttempts: numberRule(0, false, true, true),
    maxElapsedMs: numberRule(0, true, false, true),
    minUptimeMs: timer(0),
    slowDownMinMs: timer(1),
    slowDownMaxMs: timer(1),
    hintJitter: nonNegative,
    jitter: oneOf('full'),
  } satisfies Rules<NonNullable<ResilientSocketOptions['backoff']>>,
  connectTimeoutMs: timer(1),
  auth: sharedOptions.auth satisfies Rules<NonNullable<ResilientSocketOptions['auth']>>,
  onOpen: isFunction,
  outbox: {
    maxQueuedMessages: numberRule(0, false, true, true),
    maxQueuedBytes: numberRule(0, false, false, true),
    overflow: oneOf('reject', 'drop-oldest', 'drop-newest'),
    requeueUnsent: isBoolean,
  } satisfies Rules<NonNullable<ResilientSocketOptions['outbox']>>,
  rateLimit: { sendIntervalMs: timer(0), recoverAfterMs: timer(0) } satisfies Rules<
    NonNullable<ResilientSocketOptions['rateLimit']>
  >,
  heartbeat: {
    intervalMs: required(timer(1)),
    timeoutMs: required(timer(1)),
    ping: required(isFunction),
    isPong: required(isFunction),
  } satisfies Rules<NonNullable<ResilientSocketOptions['heartbeat']>>,
  lifecycle: [
    (v) => v === false || withMethods('isOnline', 'subscribe')[0](v),
    'false or an object with isOnline(), subscribe()',
  ],
  binaryType: oneOf(...BINARY_TYPES),
});

/** RFC 6455 §4.1: a subprotocol is an HTTP token; browsers and `ws` throw a SyntaxError otherwise. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Names the first bad or repeated subprotocol, which the WebSocket constructor would refuse on every attempt. */
function checkProtocols(protocols: ResilientSocketOptions['protocols']): void {
  if (typeof protocols === 'function' || protocols === undefined) return;
  const list = typeof protocols === 'string' ? [protocols] : protocols;
  list.forEach((p, i) => {
    const name = typeof protocols === 'string' ? 'protocols' : `protocols[${i}]`;
    if (!TOKEN.test(p)) badOption(OWNER, name, "a subprotocol token (letters, digits and !#$%&'*+-.^_`|~)", p);
    if (list.indexOf(p) !== i) badOption(OWNER, name, 'listed once', p);
  });
}

/**
 * Validates options and fills in defaults. Throws a `TypeError` naming the option and the value
 * for anything negative, NaN, mistyped or unknown.
 */
export function resolveOptions(options: ResilientSocketOptions = {}): ResolvedOptions {
  if (DEV) {
    checkOptions(OWNER, schema(), options);
    checkProtocols(options.protocols);
  }
  const Ctor = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (!Ctor) {
    throw new TypeError(
      "ResilientSocket: no WebSocket implementation; pass options.WebSocket (in Node 20: import WebSocket from 'ws')",
    );
  }
  const b = options.backoff ?? {};
  const backoff = { ...DEFAULT_BACKOFF, ...b };
  // Each (low, high) pair: the high one defaults to at least the low one, and may not be below it.
  for (const [low, high] of [
    ['initialDelayMs', 'maxDelayMs'],
    ['fleetInitialDelayMs', 'fleetMaxDelayMs'],
    ['crashDelayMs', 'crashMaxDelayMs'],
    ['slowDownMinMs', 'slowDownMaxMs'],
  ] as const) {
    if (b[high] === undefined) backoff[high] = Math.max(backoff[high], backoff[low]);
    else if (DEV && backoff[high] < backoff[low])
      badOption(OWNER, `backoff.${high}`, `>= backoff.${low} (${backoff[low]})`, b[high]);
  }
  const { auth, outbox = {}, rateLimit = {} } = options;
  const lifecycle = options.lifecycle === undefined ? browserLifecycle() : options.lifecycle || undefined;
  return {
    WebSocket: Ctor,
    protocols: options.protocols,
    locale: options.locale ?? enPolicy,
    codes: asCodeMaps(options.codes),
    backoff,
    maxAttempts: b.maxAttempts ?? Number.POSITIVE_INFINITY,
    maxElapsedMs: b.maxElapsedMs ?? Number.POSITIVE_INFINITY,
    minUptimeMs: b.minUptimeMs ?? 5000,
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    reconnectOnNormalClose: options.reconnectOnNormalClose !== false,
    ...(auth && {
      auth: {
        refresh: auth.refresh,
        handshakeFailures: auth.handshakeFailures ?? 3,
        loopWindowMs: auth.loopWindowMs ?? 60_000,
      },
    }),
    ...(options.onOpen && { onOpen: options.onOpen }),
    outbox: {
      maxMessages: outbox.maxQueuedMessages ?? 1000,
      maxBytes: outbox.maxQueuedBytes ?? 1024 * 1024,
      overflow: outbox.overflow ?? 'reject',
      requeueUnsent: outbox.requeueUnsent === true,
    },
    rateLimit: { sendIntervalMs: rateLimit.sendIntervalMs ?? 250, recoverAfterMs: rateLimit.recoverAfterMs ?? 30_000 },
    ...(options.heartbeat && { heartbeat: options.heartbeat }),
    ...(lifecycle && { lifecycle }),
    clock: options.clock ?? systemClock,
    random: options.random ?? Math.random,
    ...(options.binaryType && { binaryType: options.binaryType }),
  };
}
