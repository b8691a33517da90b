import { type Clock, systemClock } from '../client/clock.js';
import type { OpenEvent, ResilientSocketEvents } from '../client/events.js';
import { EngineHost, type HostOptions, type OwnEffect } from '../client/host.js';
import type { RefreshContext, WebSocketConstructor, WebSocketLike } from '../client/options.js';
import { currentConn } from '../engine/state.js';
import { DEV } from '../internal/dev.js';
import { checkOptions, type Rule, type Rules, type Schema, sharedOptions } from '../internal/schema.js';
import { DEFAULT_BACKOFF } from '../policy/backoff.js';
import { enPolicy } from '../registry/advice/en-policy.js';
import { asCodeMaps, type CodesOption } from '../registry/resolve.js';
import type { AdviceCatalog } from '../registry/types.js';

/**
 * The parts of a reconnecting-websocket 4.x instance the adapter uses.
 *
 * @example
 * ```ts
 * const rws: ReconnectingWebSocketLike = new ReconnectingWebSocket(url);
 * ```
 */
export interface ReconnectingWebSocketLike {
  /** Subscribes to the instance's events. */
  addEventListener(type: 'open' | 'close' | 'error', listener: (event: never) => void): void;
  /** Unsubscribes. */
  removeEventListener(type: 'open' | 'close' | 'error', listener: (event: never) => void): void;
  /** Closes and stops reconnecting. */
  close(code?: number, reason?: string): void;
  /** Connects again with its retry count reset. */
  reconnect(code?: number, reason?: string): void;
}

/**
 * Options of `withClosePolicy`: the same names and meanings as `ResilientSocket`'s. A bad value or
 * an unknown key (such as rws's `maxRetries`, which belongs to rws's own options) throws a
 * `TypeError` naming it.
 *
 * @example
 * ```ts
 * withClosePolicy(build, { locale: tr, codes: graphqlWs, auth: { refresh } });
 * ```
 */
export interface ClosePolicyOptions {
  /** The real WebSocket constructor (default `globalThis.WebSocket`; `ws` in Node 20). */
  readonly WebSocket?: WebSocketConstructor;
  readonly locale?: AdviceCatalog;
  readonly codes?: CodesOption;
  readonly reconnectOnNormalClose?: boolean;
  readonly auth?: {
    /** Gets a new token; the URL provider should read it. Then the socket reconnects once. */
    readonly refresh: (ctx: RefreshContext) => void | Promise<void>;
    readonly handshakeFailures?: number;
    readonly loopWindowMs?: number;
  };
  readonly clock?: Clock;
  /** Random source in [0, 1) for jitter (inject a seeded one in tests). */
  readonly random?: () => number;
}

/**
 * Events of the adapter: the ones of `ResilientSocket` that concern closes and status.
 *
 * @example
 * ```ts
 * guard.on('stopped', ({ reason }: StoppedEvent) => console.warn('rws stopped:', reason));
 * ```
 */
export type ClosePolicyEvents = Pick<
  ResilientSocketEvents,
  'state' | 'open' | 'close' | 'reconnecting' | 'policy' | 'stopped' | 'error'
>;

// The adapter takes exactly the options it shares with ResilientSocket.
const schema = (): { readonly [K in keyof ClosePolicyOptions]-?: Rule | Schema } => ({
  ...sharedOptions,
  auth: sharedOptions.auth satisfies Rules<NonNullable<ClosePolicyOptions['auth']>>,
});

/** The parts of rws's options and internals the guard reads. */
interface RwsInternals {
  _options?: { maxRetries?: number; minUptime?: number; connectionTimeout?: number; startClosed?: boolean };
  _shouldReconnect?: boolean;
  /** Left set when close() lands during rws's own wait (an rws bug); cleared before we resume. */
  _connectLock?: boolean;
}

interface NativeSocket extends WebSocketLike {
  addEventListener(type: string, listener: (event: never) => void): void;
  removeEventListener(type: string, listener: (event: never) => void): void;
}

/** The engine's numbers, with rws's own limits (maxRetries, minUptime, connectionTimeout) as closewise's. */
function hostOptions(options: ClosePolicyOptions, rws: RwsInternals['_options'] = {}): HostOptions {
  const { auth } = options;
  return {
    backoff: DEFAULT_BACKOFF,
    maxAttempts: rws.maxRetries ?? Number.POSITIVE_INFINITY,
    maxElapsedMs: Number.POSITIVE_INFINITY,
    minUptimeMs: rws.minUptime ?? 5000,
    connectTimeoutMs: rws.connectionTimeout ?? 4000,
    reconnectOnNormalClose: options.reconnectOnNormalClose !== false,
    codes: asCodeMaps(options.codes),
    ...(auth && {
      auth: {
        refresh: auth.refresh,
        handshakeFailures: auth.handshakeFailures ?? 3,
        loopWindowMs: auth.loopWindowMs ?? 60_000,
      },
    }),
    rateLimit: { sendIntervalMs: 0, recoverAfterMs: 0 },
    outbox: { maxMessages: 0, maxBytes: 0, overflow: 'drop-newest', requeueUnsent: false },
    clock: options.clock ?? systemClock,
    random: options.random ?? Math.random,
    locale: options.locale ?? enPolicy,
  };
}

/**
 * A reconnecting-websocket instance, governed by closewise's close policy.
 *
 * reconnecting-websocket 4.4.0 reports every failed connection as a made-up close 1000, reconnects
 * forever on 1008 and has no jitter. The guard runs the same engine as `ResilientSocket` and
 * carries out its effects with rws calls: it hands rws a `WebSocket` class whose sockets it
 * watches (so every close is the real one), holds rws closed between attempts and starts each
 * attempt the engine decides on with `rws.reconnect()`. Closes, delays, `policy`, `auth.refresh`
 * and `stopped` are therefore exactly `ResilientSocket`'s. rws's `maxRetries`, `minUptime` and
 * `connectionTimeout` act as `backoff.maxAttempts`, `backoff.minUptimeMs` and `connectTimeoutMs`;
 * its delay options are not used. The app's own `rws.close()` is final, like `guard.close()`.
 *
 * @example
 * ```ts
 * const guard = withClosePolicy((WebSocket) => new ReconnectingWebSocket(url, [], { WebSocket }));
 * guard.status.state; // 'connecting'
 * guard.rws.send('hi');
 * ```
 */
export class ClosePolicyGuard<
  R extends ReconnectingWebSocketLike = ReconnectingWebSocketLike,
> extends EngineHost<ClosePolicyEvents> {
  /** The reconnecting-websocket instance; use it for `send`, `binaryType`, `onmessage` and so on. */
  readonly rws: R;
  readonly #close: R['close'];
  readonly #reconnect: R['reconnect'];
  /** Is rws held closed by us, between the engine's attempts? */
  #holding = false;
  #disposed = false;
  /** The socket rws just created for the attempt the engine is resolving. */
  #created: NativeSocket | undefined;
  #native: NativeSocket | undefined;
  #conn = 0;
  /** Is rws making a socket (between its _connect and the socket's construction)? */
  #chain = false;

  constructor(build: (WebSocket: WebSocketConstructor) => R, options: ClosePolicyOptions = {}) {
    if (DEV) checkOptions('withClosePolicy', schema(), options);
    const Native = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    if (typeof Native !== 'function') {
      throw new TypeError(
        "withClosePolicy: no WebSocket implementation; pass options.WebSocket (in Node 20: import WebSocket from 'ws')",
      );
    }
    if (typeof build !== 'function') {
      throw new TypeError('withClosePolicy: the first argument must build the reconnecting-websocket instance');
    }
    // rws creates its sockets asynchronously, after its own wait: the guard exists by then.
    const sink: { create?: (url: string, protocols?: string | string[]) => NativeSocket } = {};
    const rws = build(watched(Native, (url, protocols) => sink.create?.(url, protocols)));
    super(hostOptions(options, (rws as RwsInternals)._options));
    this.rws = rws;
    sink.create = (url, protocols) => this.#create(Native, url, protocols);
    this.#close = rws.close.bind(rws);
    this.#reconnect = rws.reconnect.bind(rws);
    // The app's own calls go through the engine: its close() is final, its reconnect() resets.
    rws.close = (code = 1000, reason = '') => {
      this.dispatch({ type: 'close', code, reason });
      // While rws is still making a socket, its close() would only be undone by the next
      // reconnect(); the socket it makes is closed as one nobody asked for instead.
      if (!this.#chain) this.#close(code, reason);
    };
    rws.reconnect = () => this.dispatch({ type: 'reconnect' });
    // rws's `startClosed`: nothing connects until the app calls reconnect().
    if ((rws as RwsInternals)._options?.startClosed) this.#holding = true;
    else {
      this.#chain = true; // rws's constructor has started making its first socket
      this.start();
    }
  }

  /** Connects again now, from any state, with backoff reset. */
  reconnect(): void {
    this.dispatch({ type: 'reconnect' });
  }

  /** Closes for good (the rws instance too); later closes are reported but not acted on. */
  close(code = 1000, reason = ''): void {
    this.rws.close(code, reason);
  }

  /**
   * Detaches from the rws instance without closing it: rws gets its own `close` and `reconnect`
   * back, and if the guard was holding it between attempts, it reconnects on its own again.
   */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.stopTimers();
    this.rws.close = this.#close;
    this.rws.reconnect = this.#reconnect;
    const phase = this.state.phase.name;
    if (this.#holding && phase !== 'closed') this.#resumeRws();
  }

  /** @internal */
  protected override dispatch(input: Parameters<EngineHost<ClosePolicyEvents>['dispatch']>[0]) {
    return this.#disposed ? undefined : super.dispatch(input);
  }

  /** @internal */
  protected perform(e: OwnEffect): void {
    switch (e.type) {
      case 'resolve': {
        // The first attempt is rws's own, started by its constructor; every later one is ours.
        if (!this.#holding && (this.rws as RwsInternals)._shouldReconnect !== false) return;
        this.#resumeRws();
        return;
      }
      case 'connect': {
        const ws = this.#created;
        this.#created = undefined;
        if (ws) this.#watch(e.conn, ws);
        return;
      }
      case 'close-native':
        if (e.conn !== this.#conn) return;
        this.#holding = true;
        try {
          this.#close(e.code, e.reason);
        } catch (error) {
          this.dispatch({ type: 'close-failed', conn: e.conn, error });
        }
        return;
      default:
      // transmit, run-hook, ping, listen: the guard has no outbox, hook, heartbeat or lifecycle.
    }
  }

  /** @internal */
  protected openEvent(conn: number, attempt: number, totalAttempts: number): OpenEvent {
    const ws = conn === this.#conn ? this.#native : undefined;
    return { url: ws?.url ?? '', protocol: ws?.protocol ?? '', attempt, totalAttempts };
  }

  /** @internal */
  protected unsent(): readonly never[] {
    // rws owns sending (guard.rws.send): the guard hands nothing to a native socket itself.
    return [];
  }

  /** @internal */
  protected writable(): boolean {
    return false;
  }

  /** @internal */
  protected online(): boolean {
    return true;
  }

  /** rws wants a socket: a real one for the attempt the engine is resolving, else one that never connects. */
  #create(Native: WebSocketConstructor, url: string, protocols?: string | string[]): NativeSocket {
    this.#chain = false;
    const native = () => (protocols === undefined ? new Native(url) : new Native(url, protocols)) as NativeSocket;
    const p = this.state.phase;
    if (this.#disposed) return native();
    if (p.name === 'connecting' && p.step === 'resolve') {
      const ws = native();
      this.#created = ws;
      this.dispatch({ type: 'resolved', id: p.id, url: ws.url });
      return ws;
    }
    // Not an attempt the engine asked for (the app closed while rws was making it): no
    // connection at all, and rws is held once it has wired the stand-in.
    this.#holding = true;
    queueMicrotask(() => {
      if (this.#holding && !this.#disposed) this.#close(1000, 'closewise: close policy');
    });
    return closedSocket(url);
  }

  /** Feeds the engine the real events of `ws`, before rws's own handlers see them. */
  #watch(conn: number, ws: NativeSocket): void {
    this.#native = ws;
    this.#conn = conn;
    // Whatever follows a close or an error is the engine's to decide: hold rws before its own
    // handler schedules a reconnect.
    const holdIfLive = () => {
      if (currentConn(this.state.phase) === conn) this.#hold();
    };
    ws.addEventListener('open', () => this.dispatch({ type: 'native-open', conn }));
    ws.addEventListener('error', (event: unknown) => {
      holdIfLive();
      this.dispatch({ type: 'native-error', conn, event });
    });
    ws.addEventListener('close', (event: { code: number; reason: string; wasClean: boolean }) => {
      holdIfLive();
      // Not a spread: a native CloseEvent's reason and wasClean are prototype getters.
      this.dispatch({ type: 'native-close', conn, code: event.code, reason: event.reason, wasClean: event.wasClean });
    });
  }

  #resumeRws(): void {
    this.#holding = false;
    // One socket-making chain at a time: if one is under way, reconnect() only lets it go on
    // (its _connect returns early on the lock); else the lock an aborted chain left is cleared.
    if (!this.#chain) {
      (this.rws as RwsInternals)._connectLock = false;
      this.#chain = true;
    }
    this.#reconnect();
  }

  #hold(): void {
    if (this.#holding || this.#disposed) return;
    this.#holding = true;
    if (!this.#chain) this.#close(1000, 'closewise: close policy');
  }
}

function noop(): void {}

/** A socket that is already closed and never connects: what rws gets when nobody wants one. */
function closedSocket(url: string): NativeSocket {
  return {
    url,
    readyState: 3,
    protocol: '',
    extensions: '',
    bufferedAmount: 0,
    binaryType: 'blob',
    send: noop,
    close: noop,
    addEventListener: noop,
    removeEventListener: noop,
    onopen: null,
    onclose: null,
    onerror: null,
    onmessage: null,
  };
}

/** The class rws constructs: each socket comes from `create` (the real WebSocket, or a stand-in). */
function watched(
  Native: WebSocketConstructor,
  create: (url: string, protocols?: string | string[]) => NativeSocket | undefined,
): WebSocketConstructor {
  function WatchedWebSocket(url: string, protocols?: string | string[]) {
    return create(url, protocols) ?? (protocols === undefined ? new Native(url) : new Native(url, protocols));
  }
  // reconnecting-websocket checks `WebSocket.CLOSING === 2` before using a class.
  return Object.assign(WatchedWebSocket, {
    CONNECTING: 0,
    OPEN: 1,
    CLOSING: 2,
    CLOSED: 3,
  }) as unknown as WebSocketConstructor;
}

/**
 * Puts a reconnecting-websocket instance under closewise's close policy. Build the instance in the
 * callback with the `WebSocket` class it is given, which records each connection's real close.
 *
 * @example
 * ```ts
 * import ReconnectingWebSocket from 'reconnecting-websocket';
 * import { withClosePolicy } from 'closewise/reconnecting-websocket';
 *
 * const guard = withClosePolicy(
 *   (WebSocket) => new ReconnectingWebSocket(() => `wss://api.example.com/live?token=${token}`, [], { WebSocket }),
 *   { auth: { refresh: async () => { token = await refreshToken(); } } },
 * );
 * guard.on('policy', (e) => showBanner(e.advice));
 * guard.on('close', (c) => console.info(c.code, c.name, c.action)); // real codes, never a made-up 1000
 * guard.rws.send('hello');
 * ```
 */
export function withClosePolicy<R extends ReconnectingWebSocketLike>(
  build: (WebSocket: WebSocketConstructor) => R,
  options: ClosePolicyOptions = {},
): ClosePolicyGuard<R> {
  return new ClosePolicyGuard(build, options);
}
