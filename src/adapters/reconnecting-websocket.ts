import { type Clock, systemClock } from '../client/clock.js';
import { GuardedEmitter } from '../client/emitter.js';
import { ClosewiseError } from '../client/errors.js';
import type { ResilientSocketEvents, SocketStatus, StoppedEvent } from '../client/events.js';
import type { RefreshContext, WebSocketConstructor, WebSocketLike } from '../client/options.js';
import { policyEvent, runRefresh } from '../client/policy-actions.js';
import { checkOptions, type Rule, type Rules, type Schema, sharedOptions } from '../client/schema.js';
import type { ConnectionState } from '../client/state.js';
import { DEFAULT_BACKOFF } from '../policy/backoff.js';
import { type CloseClassification, type CloseInitiator, classifyUnchecked, reportedCode } from '../policy/classify.js';
import { type CloseDecision, decideAfterClose, type StopReason } from '../policy/decide.js';
import { enPolicy } from '../registry/advice/en-policy.js';
import { asCodeMaps, type CodesOption } from '../registry/resolve.js';
import type { AdviceCatalog, PolicyKind } from '../registry/types.js';

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

interface Attempt {
  opened: boolean;
  close?: { code: number; reason: string; wasClean: boolean };
  waiters: Array<() => void>;
}

// The adapter takes exactly the options it shares with ResilientSocket.
const OPTIONS: { readonly [K in keyof ClosePolicyOptions]-?: Rule | Schema } = {
  ...sharedOptions,
  auth: sharedOptions.auth satisfies Rules<NonNullable<ClosePolicyOptions['auth']>>,
};

/** How long we wait for the native close after reconnecting-websocket reported a made-up one. */
const NATIVE_CLOSE_GRACE_MS = 2000;

const ABNORMAL = { code: 1006, reason: '', wasClean: false } as const;

/**
 * A reconnecting-websocket instance, governed by closewise's close policy.
 *
 * reconnecting-websocket 4.4.0 reports every failed connection as a made-up close 1000, reconnects
 * forever on 1008 and has no jitter. The adapter hands it a `WebSocket` class that records each
 * native socket's real close event, classifies every close with `classifyClose`, stops it on
 * `stop` and `policy` actions (emitting the same `policy`, `stopped` and `close` events as
 * `ResilientSocket`), holds it back for `reconnect-later`, `slow-down` and retry hints, and runs
 * the same `auth.refresh` flow. Retries for ordinary transient closes stay reconnecting-websocket's.
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
> extends GuardedEmitter<ClosePolicyEvents> {
  /** The reconnecting-websocket instance; use it for `send`, `binaryType`, `onmessage` and so on. */
  readonly rws: R;
  readonly #attempts = new WeakMap<object, Attempt>();
  #latest: object | undefined;
  #current: ConnectionState = 'connecting';
  #nextRetryAt: number | undefined;
  #lastClose: CloseClassification | undefined;
  #held = false;
  #heldUntil = 0;
  #resumeTimer: unknown;
  #generation = 0;
  #repeat: { code: number; count: number } | undefined;
  #handshakeFailures = 0;
  #lastRefresh: { at: number; code: number } | undefined;
  /** Reports the attempt still waiting for its native close, with 1006 if that never came. */
  #settleWaiting: (() => void) | undefined;
  readonly #clock: Clock;
  readonly #random: () => number;
  readonly #locale: AdviceCatalog;
  readonly #codes;
  readonly #onRwsOpen = () => this.#handleOpen();
  readonly #onRwsClose = (event: { code: number; reason: string; wasClean: boolean }) => this.#handleClose(event);

  readonly #options: ClosePolicyOptions;

  constructor(build: (WebSocket: WebSocketConstructor) => R, options: ClosePolicyOptions = {}) {
    checkOptions('withClosePolicy', OPTIONS, options);
    const clock = options.clock ?? systemClock;
    super(clock);
    this.#options = options;
    const Native = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    if (typeof Native !== 'function') {
      throw new TypeError(
        "withClosePolicy: no WebSocket implementation; pass options.WebSocket (in Node 20: import WebSocket from 'ws')",
      );
    }
    if (typeof build !== 'function') {
      throw new TypeError('withClosePolicy: the first argument must build the reconnecting-websocket instance');
    }
    this.#clock = clock;
    this.#random = options.random ?? Math.random;
    this.#locale = options.locale ?? enPolicy;
    this.#codes = asCodeMaps(options.codes);
    this.rws = build(this.#recordingWebSocket(Native));
    this.rws.addEventListener('open', this.#onRwsOpen as never);
    this.rws.addEventListener('close', this.#onRwsClose as never);
  }

  /** Same shape as `ResilientSocket.status`, so the status banner works with the adapter too. */
  get status(): SocketStatus {
    return {
      state: this.#current,
      attempt: (this.rws as unknown as { retryCount?: number }).retryCount ?? 0,
      ...(this.#current === 'backoff' && this.#nextRetryAt !== undefined && { nextRetryAt: this.#nextRetryAt }),
      ...(this.#lastClose && { lastClose: this.#lastClose }),
    };
  }

  /** Connects again now, from any state, with reconnecting-websocket's retry count reset. */
  reconnect(): void {
    this.#generation++;
    this.#clearResume();
    this.#repeat = undefined;
    this.#handshakeFailures = 0;
    this.#lastRefresh = undefined;
    this.#resume();
  }

  /** Closes for good (the rws instance too); later closes are reported but not acted on. */
  close(code = 1000, reason = ''): void {
    this.#generation++;
    this.#clearResume();
    this.#held = true;
    this.rws.close(code, reason);
    this.#enter('closed');
    this.emit('stopped', { reason: 'closed' });
  }

  /** Detaches from the rws instance without closing it. */
  dispose(): void {
    this.#generation++;
    this.#clearResume();
    this.rws.removeEventListener('open', this.#onRwsOpen as never);
    this.rws.removeEventListener('close', this.#onRwsClose as never);
  }

  // The class reconnecting-websocket constructs: the real WebSocket, with the real close recorded.
  #recordingWebSocket(Native: WebSocketConstructor): WebSocketConstructor {
    const onCreate = (ws: WebSocketLike & EventTargetLike) => {
      const attempt: Attempt = { opened: false, waiters: [] };
      this.#attempts.set(ws, attempt);
      this.#latest = ws;
      ws.addEventListener('open', () => {
        attempt.opened = true;
      });
      ws.addEventListener('close', (event: { code: number; reason: string; wasClean: boolean }) => {
        attempt.close = { code: event.code, reason: event.reason, wasClean: event.wasClean };
        for (const wake of attempt.waiters.splice(0)) wake();
      });
      // `ws` throws on an unhandled 'error'; rws removes its own listener before closing.
      ws.addEventListener('error', () => {});
      const waiting = this.#settleWaiting;
      if (!waiting) {
        if (!this.#held) this.#enter('connecting');
        return;
      }
      // rws has moved on while the previous attempt's native close is still missing (Node 22's
      // WebSocket never fires it after a refused handshake): report that attempt first, so closes
      // stay in order. A microtask, so that rws has finished wiring this socket if we stop it.
      queueMicrotask(() => {
        waiting();
        if (!this.#held && this.#latest === ws) this.#enter('connecting');
      });
    };
    function RecordingWebSocket(url: string, protocols?: string | string[]) {
      const ws = (protocols === undefined ? new Native(url) : new Native(url, protocols)) as WebSocketLike &
        EventTargetLike;
      onCreate(ws);
      return ws;
    }
    // reconnecting-websocket checks `WebSocket.CLOSING === 2` before using a class.
    return Object.assign(RecordingWebSocket, {
      CONNECTING: 0,
      OPEN: 1,
      CLOSING: 2,
      CLOSED: 3,
    }) as unknown as WebSocketConstructor;
  }

  #handleOpen(): void {
    if (this.#held) return;
    this.#handshakeFailures = 0;
    this.#enter('open');
    const ws = this.#latest as WebSocketLike | undefined;
    this.emit('open', { url: ws?.url ?? '', protocol: ws?.protocol ?? '', attempt: this.status.attempt });
  }

  #handleClose(event: { code: number; reason: string; wasClean: boolean }): void {
    const ws = this.#latest;
    const attempt = ws ? this.#attempts.get(ws) : undefined;
    const gen = this.#generation;
    // The app may also have called rws.close() itself: then it is a client close too.
    const byApp = !this.#held && (this.rws as unknown as { _closeCalled?: boolean })._closeCalled === true;
    const byUs = this.#held || byApp;
    const report = (real: { code: number; reason: string; wasClean: boolean }) => {
      if (gen !== this.#generation && !byUs) return;
      this.#act(real, attempt?.opened ? 'open' : 'handshake', byUs ? 'client' : 'server');
    };
    if (!attempt || attempt.close) {
      report(attempt?.close ?? event);
      return;
    }
    // reconnecting-websocket made this close event up (after an error or its own timeout); the
    // native socket's real close follows: wait for it, a browser reports 1006 there. The wait ends
    // when it comes, after NATIVE_CLOSE_GRACE_MS, or when rws starts its next attempt.
    const settle = () => {
      if (this.#settleWaiting !== settle) return;
      this.#settleWaiting = undefined;
      this.#clock.clearTimeout(timer);
      report(attempt.close ?? ABNORMAL);
    };
    this.#settleWaiting = settle;
    const timer = this.#clock.setTimeout(settle, NATIVE_CLOSE_GRACE_MS);
    attempt.waiters.push(settle);
  }

  #act(
    event: { code: number; reason: string; wasClean: boolean },
    phase: 'handshake' | 'open',
    initiator: CloseInitiator,
  ): void {
    const code = reportedCode(event.code);
    const repeats = this.#repeat?.code === code ? this.#repeat.count : 0;
    const c = classifyUnchecked(
      { code, reason: event.reason, wasClean: event.wasClean },
      {
        codes: this.#codes,
        initiator,
        phase,
        repeats,
        ...(this.#options.reconnectOnNormalClose !== undefined && {
          reconnectOnNormalClose: this.#options.reconnectOnNormalClose,
        }),
      },
    );
    this.#lastClose = c;
    this.#repeat = { code, count: repeats + 1 };
    if (c.phase === 'handshake' && c.code === 1006 && c.initiator === 'server') this.#handshakeFailures++;
    this.emit('close', c);
    if (initiator === 'client') {
      if (this.#current !== 'closed' && !this.#held) this.#enter('closed');
      return;
    }
    this.#perform(this.#decide(c), c);
  }

  #decide(c: CloseClassification): CloseDecision {
    const auth = this.#options.auth;
    return decideAfterClose({
      classification: c,
      // reconnecting-websocket keeps its own retry budget (maxRetries).
      attempt: this.#repeat?.count ?? 0,
      now: this.#clock.now(),
      maxAttempts: Number.POSITIVE_INFINITY,
      maxElapsedMs: Number.POSITIVE_INFINITY,
      canRefresh: auth !== undefined,
      handshakeFailures: this.#handshakeFailures,
      refreshAfterHandshakeFailures: auth?.handshakeFailures ?? 3,
      ...(this.#lastRefresh && { lastRefresh: this.#lastRefresh }),
      loopWindowMs: auth?.loopWindowMs ?? 60_000,
      random: this.#random,
      backoff: DEFAULT_BACKOFF,
    });
  }

  #perform(decision: CloseDecision, c: CloseClassification): void {
    switch (decision.type) {
      case 'none':
        this.#hold();
        this.#stopWith('closed', c);
        return;
      case 'retry':
        if (c.action === 'reconnect' && c.retryAfterMs === undefined) {
          // An ordinary transient close: reconnecting-websocket's own retry stands.
          this.#nextRetryAt = this.#clock.now() + this.#rwsDelay();
          this.#enter('backoff');
          return;
        }
        this.#hold();
        this.#resumeAfter(decision.delayMs, c);
        return;
      case 'refresh':
        this.#hold();
        this.#refresh(c);
        return;
      case 'pause':
        this.#hold();
        this.#enter('paused');
        this.#emitPolicy(c, decision.kind);
        return;
      case 'rate-limit':
        this.#hold();
        this.#resumeAfter(decision.delayMs, c);
        this.#emitPolicy(c, 'rate-limit', this.#nextRetryAt);
        return;
      case 'stop':
        this.#hold();
        this.#stopWith(decision.reason, c);
        return;
    }
  }

  /** Stops reconnecting-websocket's own reconnect. */
  #hold(): void {
    if (this.#held) return;
    this.#held = true;
    // rws has already scheduled its next attempt; close() makes that attempt return early, but
    // leaves its connect lock set (a known rws bug), which `resume()` releases once it has passed.
    this.#heldUntil = this.#clock.now() + this.#rwsDelay() + 50;
    this.rws.close(1000, 'closewise: close policy');
  }

  /** The delay of the attempt reconnecting-websocket has scheduled (0 if it does not say). */
  #rwsDelay(): number {
    const internals = this.rws as unknown as { _getNextDelay?: () => number };
    return internals._getNextDelay?.() ?? 0;
  }

  #resume(): void {
    const wait = this.#heldUntil - this.#clock.now();
    if (wait > 0) {
      const gen = this.#generation;
      this.#resumeTimer = this.#clock.setTimeout(() => {
        this.#resumeTimer = undefined;
        if (gen === this.#generation) this.#resume();
      }, wait);
      return;
    }
    this.#held = false;
    (this.rws as unknown as { _connectLock?: boolean })._connectLock = false;
    this.#enter('connecting');
    this.rws.reconnect();
  }

  #resumeAfter(delayMs: number, c: CloseClassification): void {
    this.#nextRetryAt = this.#clock.now() + delayMs;
    this.#enter('backoff');
    const gen = this.#generation;
    this.#resumeTimer = this.#clock.setTimeout(() => {
      this.#resumeTimer = undefined;
      if (gen === this.#generation) this.#resume();
    }, delayMs);
    this.emit('reconnecting', { attempt: this.#repeat?.count ?? 1, delayMs, classification: c });
  }

  #clearResume(): void {
    if (this.#resumeTimer !== undefined) this.#clock.clearTimeout(this.#resumeTimer);
    this.#resumeTimer = undefined;
  }

  #refresh(c: CloseClassification): void {
    const auth = this.#options.auth;
    if (!auth) return;
    const gen = ++this.#generation;
    const done = () => {
      if (gen !== this.#generation) return;
      this.#lastRefresh = { at: this.#clock.now(), code: c.code };
      this.#resume();
    };
    const failed = (error: unknown) => {
      if (gen !== this.#generation) return;
      this.#enter('paused');
      this.emit('error', new ClosewiseError('auth-refresh', 'closewise: auth.refresh failed; paused', error));
      this.#emitPolicy(c, 'auth');
    };
    runRefresh(auth.refresh, c, done, failed);
  }

  #emitPolicy(c: CloseClassification, kind: PolicyKind, resumeAt?: number): void {
    const gen = this.#generation;
    const actions = {
      retry: () => {
        if (gen === this.#generation) this.reconnect();
      },
      stop: () => {
        if (gen !== this.#generation) return;
        this.#generation++;
        this.#clearResume();
        this.#stopWith('policy', c);
      },
    };
    this.emit('policy', policyEvent(c, kind, this.#locale, this.#codes, actions, resumeAt));
  }

  #stopWith(reason: StopReason, classification: CloseClassification): void {
    this.#enter('stopped');
    const event: StoppedEvent = { reason, classification };
    this.emit('stopped', event);
  }

  #enter(state: ConnectionState): void {
    if (state !== 'backoff') this.#nextRetryAt = undefined;
    this.#current = state;
    this.emit('state', this.status);
  }
}

interface EventTargetLike {
  addEventListener(type: string, listener: (event: never) => void): void;
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
