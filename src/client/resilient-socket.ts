import { nextDelay } from '../policy/backoff.js';
import { type CloseClassification, type CloseInitiator, classifyUnchecked, reportedCode } from '../policy/classify.js';
import { type CloseDecision, decideAfterClose, type StopReason } from '../policy/decide.js';
import { describeValue, mustBe } from '../registry/codes.js';
import type { AdviceText, PolicyKind } from '../registry/types.js';
import { GuardedEmitter } from './emitter.js';
import { ClosewiseError } from './errors.js';
import type { LifecycleEvent } from './lifecycle.js';
import {
  type Provider,
  type ResilientSocketOptions,
  type ResolvedOptions,
  resolveOptions,
  type WebSocketLike,
} from './options.js';
import { byteSize, type DroppedMessage, type DropReason, isMessageData, type MessageData, Outbox } from './outbox.js';
import { isPromise, policyEvent, runRefresh } from './policy-actions.js';
import { type ConnectionState, transition } from './state.js';
import { toWebSocketUrl } from './url.js';

/**
 * What a UI needs to show the connection: read it any time, or on every `state` event.
 *
 * @example
 * ```ts
 * const { state, attempt, nextRetryAt, lastClose } = socket.status;
 * if (state === 'backoff') label.textContent = `Retrying in ${Math.ceil((nextRetryAt! - Date.now()) / 1000)} s`;
 * ```
 */
export interface SocketStatus {
  readonly state: ConnectionState;
  /** Reconnect attempts made in the current outage; 0 once the connection is healthy. */
  readonly attempt: number;
  /** When the next attempt starts (clock ms), in `backoff`. */
  readonly nextRetryAt?: number;
  /** The most recent close, classified. */
  readonly lastClose?: CloseClassification;
}

/**
 * The `policy` event: a policy close that the app has to act on.
 *
 * @example
 * ```ts
 * socket.on('policy', (e) => {
 *   banner.show(e.advice.description, e.advice.howToFix);
 *   if (e.kind === 'auth') refreshToken().then(() => e.retry(), () => e.stop());
 * });
 * ```
 */
export interface PolicyEvent {
  readonly classification: CloseClassification;
  readonly kind: PolicyKind;
  /** The registry's advice for the code, in the configured locale. */
  readonly advice: AdviceText;
  /** For `rate-limit`: when the socket resumes by itself (clock ms). */
  readonly resumeAt?: number;
  /** Reconnect now. Does nothing once the socket has moved on from this pause. */
  retry(): void;
  /** Give up: the socket ends in `stopped` with reason `policy`. */
  stop(): void;
}

/**
 * The `stopped` event.
 *
 * @example
 * ```ts
 * socket.on('stopped', ({ reason, classification }) => log(reason, classification?.code));
 * ```
 */
export interface StoppedEvent {
  readonly reason: StopReason;
  readonly classification?: CloseClassification;
}

/**
 * The `reconnecting` event, emitted when a retry is scheduled.
 *
 * @example
 * ```ts
 * socket.on('reconnecting', ({ attempt, delayMs }) => console.info(`attempt ${attempt} in ${delayMs} ms`));
 * ```
 */
export interface ReconnectingEvent {
  readonly attempt: number;
  readonly delayMs: number;
  /** The close that caused it; absent when the attempt failed before a socket existed. */
  readonly classification?: CloseClassification;
}

/**
 * The `open` event.
 *
 * @example
 * ```ts
 * socket.on('open', ({ protocol, attempt }) => console.info(`connected (${protocol}), attempt ${attempt}`));
 * ```
 */
export interface OpenEvent {
  readonly url: string;
  readonly protocol: string;
  /** 1 for the first connection, counting up on every attempt since construction. */
  readonly attempt: number;
}

/**
 * Every event of `ResilientSocket`, with its payload.
 *
 * @example
 * ```ts
 * socket.on('close', (c) => log.info({ code: c.code, action: c.action, reason: c.reason }));
 * ```
 */
export interface ResilientSocketEvents {
  /** The state changed; `socket.status` is already updated. */
  state: (status: SocketStatus) => void;
  /** The connection opened (after the `onOpen` hook). */
  open: (event: OpenEvent) => void;
  /** A message arrived (heartbeat pongs excluded). */
  message: (data: unknown) => void;
  /** Every close, classified, with the real code. */
  close: (classification: CloseClassification) => void;
  /** A retry was scheduled. */
  reconnecting: (event: ReconnectingEvent) => void;
  /** A policy close the app has to act on. */
  policy: (event: PolicyEvent) => void;
  /** The socket stopped for good (until `reconnect()`). */
  stopped: (event: StoppedEvent) => void;
  /** A queued message will never be sent. */
  drop: (message: DroppedMessage) => void;
  /** Something failed; see `ClosewiseError.kind`. */
  error: (error: ClosewiseError) => void;
}

/**
 * What `send()` did with the message.
 *
 * @example
 * ```ts
 * const result: SendResult = socket.send('hello'); // 'queued' while reconnecting
 * ```
 */
export type SendResult = 'sent' | 'queued' | 'dropped';

type TimerName =
  | 'retry'
  | 'connect-timeout'
  | 'close-after-error'
  | 'uptime'
  | 'heartbeat'
  | 'pong'
  | 'throttle'
  | 'recover';

const OPEN = 1;
const MAX_REASON_BYTES = 123;
/**
 * Browsers and `ws` fire `close` right after `error`. Node 22's built-in WebSocket fires only
 * `error` when a handshake is refused (HTTP 401, 502...). If no close has come this long after an
 * error, we report the 1006 a browser would have given.
 */
const CLOSE_AFTER_ERROR_MS = 1000;

function resolveProvider<T>(provider: Provider<T>): T | Promise<T> {
  return typeof provider === 'function' ? (provider as () => T | Promise<T>)() : provider;
}

/**
 * A WebSocket that reads every close code and acts on it: reconnects with jittered backoff after
 * transient closes (1006, 1011, 1014...), pauses and emits `policy` after 1008, stops after fatal
 * codes (1003, 1007, 1009...), and never loops forever.
 *
 * It has the browser WebSocket's surface (`send`, `close`, `readyState`, ...) plus typed events
 * and a `status` for UI. All time, randomness and the WebSocket constructor are injectable.
 *
 * @example
 * ```ts
 * import { ResilientSocket } from 'closewise';
 *
 * const socket = new ResilientSocket(() => `wss://api.example.com/live?token=${getToken()}`, {
 *   auth: { refresh: () => refreshToken() },
 * });
 * socket.on('message', (data) => render(data));
 * socket.on('policy', (e) => showBanner(e.advice));
 * socket.on('stopped', (e) => showFatal(e.reason));
 * socket.send(JSON.stringify({ subscribe: 'prices' })); // queued until open
 * ```
 */
export class ResilientSocket extends GuardedEmitter<ResilientSocketEvents> {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;

  readonly #options: ResolvedOptions;
  readonly #urlProvider: Provider<string>;
  readonly #outbox: Outbox;
  readonly #timers = new Map<TimerName, unknown>();

  #current: ConnectionState = 'connecting';
  #native: WebSocketLike | undefined;
  /**
   * Sockets we closed on purpose whose real close event is still to come (reported, not acted on).
   * Weak, because a runtime may never deliver that close (Node 22 after a refused handshake).
   */
  readonly #retired = new WeakMap<WebSocketLike, 'handshake' | 'open'>();
  /** Bumped whenever the socket moves on, so stale async results (URL, hooks, refresh) are ignored. */
  #generation = 0;
  #opened = false;
  #attempts = 0;
  #totalAttempts = 0;
  #outageStartedAt: number | undefined;
  /** Set by the first close of an outage: a fleet event keeps its wide spread until healthy. */
  #outageScope: 'fleet' | 'client' | undefined;
  #nextRetryAt: number | undefined;
  #lastClose: CloseClassification | undefined;
  #repeat: { code: number; count: number } | undefined;
  #handshakeFailures = 0;
  #lastRefresh: { at: number; code: number } | undefined;
  #throttled = false;
  #lastSendAt = Number.NEGATIVE_INFINITY;
  #suspended = false;
  #unsubscribeLifecycle: (() => void) | undefined;
  #lastUrl = '';
  #binary: 'blob' | 'arraybuffer';
  #constructing = true;

  /**
   * @param url `ws:`/`wss:` (or `http(s):`, converted) URL, or a function returning one (sync or
   *   async) that is called before every attempt, so a refreshed token lands in the URL.
   * @param options See `ResilientSocketOptions`; invalid values throw a `TypeError` naming them.
   */
  constructor(url: Provider<string>, options: ResilientSocketOptions = {}) {
    const resolved = resolveOptions(options);
    super(resolved.clock);
    this.#options = resolved;
    if (typeof url !== 'function') this.#lastUrl = toWebSocketUrl(url, pageBase());
    this.#urlProvider = url;
    this.#outbox = new Outbox(this.#options.outbox);
    this.#binary = this.#options.binaryType ?? 'blob';
    this.#subscribeLifecycle();
    if (this.#options.lifecycle && !this.#options.lifecycle.isOnline()) {
      this.#current = 'offline';
      return;
    }
    this.#connect();
    this.#constructing = false;
  }

  /** The connection's status, updated before every `state` event. */
  get status(): SocketStatus {
    return {
      state: this.#current,
      attempt: this.#attempts,
      ...(this.#current === 'backoff' && this.#nextRetryAt !== undefined && { nextRetryAt: this.#nextRetryAt }),
      ...(this.#lastClose && { lastClose: this.#lastClose }),
    };
  }

  /** 0 (CONNECTING) while trying or waiting, 1 (OPEN), 3 (CLOSED) once closed or stopped. */
  get readyState(): number {
    if (this.#current === 'open') return ResilientSocket.OPEN;
    if (this.#current === 'closed' || this.#current === 'stopped') return ResilientSocket.CLOSED;
    return ResilientSocket.CONNECTING;
  }

  /** The URL of the current or last attempt. */
  get url(): string {
    return this.#native?.url ?? this.#lastUrl;
  }

  /** The subprotocol the server chose, or ''. */
  get protocol(): string {
    return this.#native?.protocol ?? '';
  }

  /** Bytes queued in the native socket plus bytes waiting in the outbox. */
  get bufferedAmount(): number {
    return (this.#native?.bufferedAmount ?? 0) + this.#outbox.bytes;
  }

  /** Messages waiting in the outbox for an open connection. */
  get queuedMessages(): number {
    return this.#outbox.size;
  }

  get binaryType(): 'blob' | 'arraybuffer' {
    return this.#binary;
  }

  set binaryType(value: 'blob' | 'arraybuffer') {
    if (value !== 'blob' && value !== 'arraybuffer') {
      mustBe('ResilientSocket: binaryType', "'blob' or 'arraybuffer'", value);
    }
    this.#binary = value;
    if (this.#native) this.#native.binaryType = value;
  }

  /**
   * Sends now when open, or queues until the connection opens (and `onOpen` resolves). Returns
   * what happened; a dropped message is also reported in a `drop` event. With the default
   * `outbox.overflow: 'reject'`, a full outbox throws `OutboxFullError` instead. Data that is not
   * a string, ArrayBuffer, typed array, DataView or Blob throws a `TypeError` (a browser would
   * send an object as "[object Object]").
   *
   * @example
   * ```ts
   * if (socket.send(JSON.stringify(msg)) === 'dropped') toast('Message not sent');
   * ```
   */
  send(data: MessageData): SendResult {
    checkMessage('ResilientSocket.send', data);
    if (this.#current === 'closed') {
      throw new ClosewiseError('connect', 'closewise: send() after close(); call reconnect() first');
    }
    if (this.#current === 'open' && this.#outbox.size === 0 && this.#canSendNow()) {
      this.#transmit(data);
      return 'sent';
    }
    const { queued, dropped } = this.#outbox.push(data);
    for (const drop of dropped) this.emit('drop', drop);
    if (this.#current === 'open') this.#flush();
    return queued ? 'queued' : 'dropped';
  }

  /**
   * Closes for good: no reconnect, no timer left running. Validates like a browser (code 1000 or
   * 3000-4999, reason at most 123 UTF-8 bytes) and throws a `RangeError` before touching the
   * native socket. Queued messages are reported in `drop` events. Calling it twice is harmless.
   *
   * @example
   * ```ts
   * socket.close(4000, 'user logged out');
   * ```
   */
  close(code = 1000, reason = ''): void {
    if (code !== 1000 && !(Number.isInteger(code) && code >= 3000 && code <= 4999)) {
      throw new RangeError(`ResilientSocket.close: code must be 1000 or 3000-4999, got ${describeValue(code)}`);
    }
    if (typeof reason !== 'string') mustBe('ResilientSocket.close: reason', 'a string', reason);
    const bytes = byteSize(reason);
    if (bytes > MAX_REASON_BYTES) {
      throw new RangeError(`ResilientSocket.close: reason must be at most 123 UTF-8 bytes, got ${bytes}`);
    }
    if (this.#current === 'closed') return;
    this.#haltEverything(code, reason);
    this.#unsubscribeLifecycle?.();
    this.#unsubscribeLifecycle = undefined;
    this.#enter('closed');
    this.#dropQueued('closed');
    this.emit('stopped', { reason: 'closed' });
  }

  /**
   * Resets backoff and connects now, from any state: open (the current connection is closed
   * first), backoff, paused, offline, stopped or closed.
   *
   * @example
   * ```ts
   * retryButton.onclick = () => socket.reconnect();
   * ```
   */
  reconnect(): void {
    this.#haltEverything(1000, 'closewise: reconnect');
    this.#attempts = 0;
    this.#outageStartedAt = undefined;
    this.#outageScope = undefined;
    this.#repeat = undefined;
    this.#handshakeFailures = 0;
    this.#lastRefresh = undefined;
    this.#suspended = false;
    this.#subscribeLifecycle();
    this.#connect();
  }

  // ---- connection attempts -------------------------------------------------------------------

  #connect(): void {
    const gen = ++this.#generation;
    this.#opened = false;
    this.#totalAttempts++;
    this.#nextRetryAt = undefined;
    this.#enter('connecting');
    // One deadline for the whole attempt: a URL provider whose token fetch hangs, a handshake that
    // never completes and an onOpen hook that never settles all end here.
    this.#setTimer('connect-timeout', this.#options.connectTimeoutMs, () => {
      if (this.#native) {
        this.#abandon('timeout');
        return;
      }
      const late = ++this.#generation; // a provider result arriving now is ignored
      this.#failAttempt(
        late,
        new ClosewiseError('url', 'closewise: the url or protocols provider did not settle in time'),
      );
    });
    let url: string | Promise<string>;
    let protocols: string | string[] | undefined | Promise<string | string[] | undefined>;
    try {
      url = resolveProvider(this.#urlProvider);
      protocols = resolveProvider(this.#options.protocols);
    } catch (error) {
      this.#failAttempt(gen, new ClosewiseError('url', 'closewise: the url or protocols provider threw', error));
      return;
    }
    if (isPromise(url) || isPromise(protocols)) {
      Promise.all([url, protocols]).then(
        ([u, p]) => this.#open(gen, u, p),
        (error: unknown) =>
          this.#failAttempt(gen, new ClosewiseError('url', 'closewise: the url or protocols provider rejected', error)),
      );
      return;
    }
    this.#open(gen, url, protocols);
  }

  #open(gen: number, rawUrl: unknown, protocols: string | string[] | undefined): void {
    if (gen !== this.#generation) return;
    let url: string;
    try {
      url = toWebSocketUrl(rawUrl, pageBase());
    } catch (error) {
      this.#failAttempt(gen, new ClosewiseError('url', (error as Error).message, error));
      return;
    }
    this.#lastUrl = url;
    let ws: WebSocketLike;
    try {
      ws = new this.#options.WebSocket(url, protocols);
    } catch (error) {
      this.#failAttempt(gen, new ClosewiseError('connect', `closewise: new WebSocket(${url}) threw`, error));
      return;
    }
    this.#native = ws;
    if (this.#options.binaryType) ws.binaryType = this.#binary;
    ws.onopen = () => this.#handleOpen(ws, gen);
    ws.onmessage = (event) => this.#handleMessage(ws, event.data);
    ws.onerror = (event) => {
      if (ws !== this.#native) return;
      this.emit('error', new ClosewiseError('socket', 'closewise: WebSocket error (a close event follows)', event));
      if (ws === this.#native) this.#setTimer('close-after-error', CLOSE_AFTER_ERROR_MS, () => this.#abandon('server'));
    };
    ws.onclose = (event) => this.#handleClose(ws, event);
  }

  #handleOpen(ws: WebSocketLike, gen: number): void {
    if (ws !== this.#native || gen !== this.#generation) return;
    // The connect timeout keeps running through the onOpen hook: a hook that never settles must
    // not leave the socket connecting forever.
    this.#opened = true;
    this.#handshakeFailures = 0;
    const hook = this.#options.onOpen;
    if (!hook) {
      this.#becomeOpen(ws);
      return;
    }
    const fail = (error: unknown) => {
      if (gen !== this.#generation) return;
      this.#retire(ws, 1000, 'closewise: onOpen failed');
      this.#failAttempt(gen, new ClosewiseError('open-hook', 'closewise: the onOpen hook failed', error));
    };
    try {
      const send = (data: MessageData) => {
        checkMessage('onOpen send', data);
        ws.send(data);
      };
      const result = hook({ send, attempt: this.#totalAttempts });
      if (isPromise(result)) {
        result.then(() => {
          if (gen === this.#generation && ws === this.#native) this.#becomeOpen(ws);
        }, fail);
        return;
      }
    } catch (error) {
      fail(error);
      return;
    }
    this.#becomeOpen(ws);
  }

  #becomeOpen(ws: WebSocketLike): void {
    this.#clearTimer('connect-timeout');
    this.#enter('open');
    this.#setTimer('uptime', this.#options.minUptimeMs, () => {
      // Only a connection that stayed up counts as healthy: an accept-then-close server must not
      // reset backoff on every open.
      this.#attempts = 0;
      this.#outageStartedAt = undefined;
      this.#outageScope = undefined;
      this.#repeat = undefined;
    });
    if (this.#throttled) {
      this.#setTimer('recover', this.#options.rateLimit.recoverAfterMs, () => {
        this.#throttled = false;
        this.#flush();
      });
    }
    this.emit('open', { url: ws.url, protocol: ws.protocol, attempt: this.#totalAttempts });
    if (this.#current !== 'open' || ws !== this.#native) return; // a listener closed or reconnected
    this.#scheduleHeartbeat(ws);
    this.#flush();
  }

  #handleMessage(ws: WebSocketLike, data: unknown): void {
    if (ws !== this.#native) return;
    const hb = this.#options.heartbeat;
    let pong = false;
    try {
      pong = Boolean(hb?.isPong(data));
    } catch (error) {
      this.emit('error', new ClosewiseError('heartbeat', 'closewise: heartbeat.isPong threw', error));
      if (ws !== this.#native) return; // an error listener closed or reconnected
    }
    if (pong) {
      this.#clearTimer('pong');
      return;
    }
    this.emit('message', data);
  }

  #handleClose(ws: WebSocketLike, event: { code: number; reason: string; wasClean: boolean }): void {
    const retiredPhase = this.#retired.get(ws);
    if (retiredPhase) {
      // A close we asked for: report the real code, decide nothing.
      this.#retired.delete(ws);
      this.emit('close', this.#classify(event, 'client', retiredPhase));
      return;
    }
    if (ws !== this.#native) return;
    this.#native = undefined;
    this.#clearConnectionTimers();
    const classification = this.#classify(event, 'server', this.#opened ? 'open' : 'handshake');
    this.#afterClose(classification);
  }

  /**
   * We give up on the current socket ourselves (timeout, heartbeat, offline), or stop waiting for
   * a close event that the runtime never fires after an error (`server`: the far side failed it).
   */
  #abandon(initiator: Exclude<CloseInitiator, 'client'>): void {
    const ws = this.#native;
    if (!ws) return;
    const phase = this.#opened ? 'open' : 'handshake';
    // The close event of an abandoned socket may never come; we report the 1006 ourselves.
    this.#retire(ws, 1000, `closewise: ${initiator === 'server' ? 'error without close' : initiator}`, false);
    this.#clearConnectionTimers();
    // No close frame arrived: 1006 is what the browser reports for such a connection.
    this.#afterClose(this.#classify({ code: 1006, reason: '', wasClean: false }, initiator, phase));
  }

  #classify(
    event: { code: number; reason?: string; wasClean?: boolean },
    initiator: CloseInitiator,
    phase: 'handshake' | 'open',
  ): CloseClassification {
    const code = reportedCode(event.code);
    const repeats = this.#repeat?.code === code ? this.#repeat.count : 0;
    return classifyUnchecked(
      // Not a spread: a native CloseEvent's reason and wasClean are prototype getters.
      { code, reason: event.reason, wasClean: event.wasClean },
      {
        codes: this.#options.codes,
        initiator,
        phase,
        repeats,
        reconnectOnNormalClose: this.#options.reconnectOnNormalClose,
      },
    );
  }

  // ---- decisions ----------------------------------------------------------------------------

  #afterClose(c: CloseClassification): void {
    this.#lastClose = c;
    this.#repeat = { code: c.code, count: this.#repeat?.code === c.code ? this.#repeat.count + 1 : 1 };
    if (c.phase === 'handshake' && c.code === 1006 && c.initiator === 'server') this.#handshakeFailures++;
    else if (c.phase === 'open') this.#handshakeFailures = 0;
    this.emit('close', c);
    if (this.#native || (this.#current !== 'connecting' && this.#current !== 'open')) return; // a listener acted
    if (c.initiator === 'offline') {
      this.#enter('offline');
      return;
    }
    this.#perform(this.#decide(c), c);
  }

  #decide(c: CloseClassification): CloseDecision {
    const o = this.#options;
    this.#outageScope ??= c.scope;
    return decideAfterClose({
      classification: c,
      attempt: this.#attempts,
      now: o.clock.now(),
      ...(this.#outageStartedAt !== undefined && { outageStartedAt: this.#outageStartedAt }),
      maxAttempts: o.maxAttempts,
      maxElapsedMs: o.maxElapsedMs,
      canRefresh: o.auth !== undefined,
      handshakeFailures: this.#handshakeFailures,
      refreshAfterHandshakeFailures: o.auth?.handshakeFailures ?? 3,
      ...(this.#lastRefresh && { lastRefresh: this.#lastRefresh }),
      loopWindowMs: o.auth?.loopWindowMs ?? 0,
      scope: this.#outageScope,
      random: o.random,
      backoff: o.backoff,
    });
  }

  #perform(decision: CloseDecision, c?: CloseClassification): void {
    switch (decision.type) {
      case 'none':
        this.#stopWith('closed', c);
        return;
      case 'retry':
        this.#scheduleRetry(decision.delayMs, c);
        return;
      case 'refresh':
        if (c) this.#refresh(c);
        return;
      case 'pause':
        this.#enter('paused');
        if (c) this.#emitPolicy(c, decision.kind);
        return;
      case 'rate-limit':
        this.#throttled = true;
        this.#scheduleRetry(decision.delayMs, c);
        if (c) this.#emitPolicy(c, 'rate-limit', this.#nextRetryAt);
        return;
      case 'stop':
        this.#stopWith(decision.reason, c);
        return;
    }
  }

  #failAttempt(gen: number, error: ClosewiseError): void {
    if (this.#constructing) {
      // Nobody can be listening yet: report the failure once the constructor has returned.
      queueMicrotask(() => this.#failAttempt(gen, error));
      return;
    }
    if (gen !== this.#generation) return;
    this.#native = undefined;
    this.#clearConnectionTimers();
    this.emit('error', error);
    if (gen !== this.#generation) return; // an error listener acted
    const o = this.#options;
    const spent =
      this.#attempts >= o.maxAttempts ||
      (this.#outageStartedAt !== undefined && o.clock.now() - this.#outageStartedAt >= o.maxElapsedMs);
    if (spent) {
      this.#stopWith('gave-up');
      return;
    }
    this.#scheduleRetry(
      nextDelay(
        { action: 'reconnect', attempt: this.#attempts, random: o.random, scope: this.#outageScope ?? 'client' },
        o.backoff,
      ),
    );
  }

  #scheduleRetry(delayMs: number, classification?: CloseClassification): void {
    const now = this.#options.clock.now();
    this.#outageStartedAt ??= now;
    if (this.#options.lifecycle && !this.#options.lifecycle.isOnline()) {
      this.#enter('offline');
      return;
    }
    this.#attempts++;
    this.#nextRetryAt = now + delayMs;
    this.#enter('backoff');
    const gen = this.#generation;
    this.#setTimer('retry', delayMs, () => {
      if (gen === this.#generation && this.#current === 'backoff') this.#connect();
    });
    this.emit('reconnecting', { attempt: this.#attempts, delayMs, ...(classification && { classification }) });
  }

  #refresh(c: CloseClassification): void {
    const auth = this.#options.auth;
    if (!auth) return;
    const gen = ++this.#generation;
    this.#enter('connecting');
    const done = () => {
      if (gen !== this.#generation) return;
      this.#lastRefresh = { at: this.#options.clock.now(), code: c.code };
      this.#connect();
    };
    const failed = (error: unknown) => {
      if (gen !== this.#generation) return;
      this.#enter('paused');
      this.emit('error', new ClosewiseError('auth-refresh', 'closewise: auth.refresh failed; paused', error));
      if (gen === this.#generation) this.#emitPolicy(c, 'auth');
    };
    runRefresh(auth.refresh, c, done, failed);
  }

  #emitPolicy(c: CloseClassification, kind: PolicyKind, resumeAt?: number): void {
    const gen = this.#generation;
    const current = () => gen === this.#generation && (this.#current === 'paused' || this.#current === 'backoff');
    const actions = {
      retry: () => {
        if (current()) this.reconnect();
      },
      stop: () => {
        if (current()) this.#stopWith('policy', c);
      },
    };
    this.emit('policy', policyEvent(c, kind, this.#options.locale, this.#options.codes, actions, resumeAt));
  }

  #stopWith(reason: StopReason, classification?: CloseClassification): void {
    this.#haltEverything(1000, 'closewise: stopped');
    this.#enter('stopped');
    this.#dropQueued('stopped');
    this.emit('stopped', { reason, ...(classification && { classification }) });
  }

  // ---- sending --------------------------------------------------------------------------------

  #canSendNow(): boolean {
    if (this.#native?.readyState !== OPEN) return false;
    return !this.#throttled || this.#options.clock.now() - this.#lastSendAt >= this.#options.rateLimit.sendIntervalMs;
  }

  #transmit(data: MessageData): void {
    // The hot path: read the clock only while throttled, where the send interval needs it.
    if (this.#throttled) this.#lastSendAt = this.#options.clock.now();
    (this.#native as WebSocketLike).send(data);
  }

  #flush(): void {
    while (this.#current === 'open' && this.#outbox.size > 0) {
      if (!this.#canSendNow()) {
        if (this.#throttled && this.#native?.readyState === OPEN && !this.#timers.has('throttle')) {
          const wait = this.#lastSendAt + this.#options.rateLimit.sendIntervalMs - this.#options.clock.now();
          this.#setTimer('throttle', Math.max(0, wait), () => {
            this.#timers.delete('throttle');
            this.#flush();
          });
        }
        return;
      }
      this.#transmit(this.#outbox.shift() as MessageData);
    }
  }

  #dropQueued(reason: DropReason): void {
    for (const drop of this.#outbox.drain(reason)) this.emit('drop', drop);
  }

  // ---- heartbeat and lifecycle ---------------------------------------------------------------

  #scheduleHeartbeat(ws: WebSocketLike): void {
    const hb = this.#options.heartbeat;
    if (!hb) return;
    this.#setTimer('heartbeat', hb.intervalMs, () => {
      if (ws !== this.#native || this.#current !== 'open') return;
      let ping: MessageData;
      try {
        ping = hb.ping();
      } catch (error) {
        // No ping, so no pong to wait for: a bug in the ping builder must not cut a healthy connection.
        this.emit('error', new ClosewiseError('heartbeat', 'closewise: heartbeat.ping threw', error));
        if (ws === this.#native && this.#current === 'open') this.#scheduleHeartbeat(ws);
        return;
      }
      // One pong deadline at a time: a ping interval shorter than the timeout must not keep
      // pushing the deadline back.
      if (!this.#timers.has('pong')) this.#setTimer('pong', hb.timeoutMs, () => this.#abandon('heartbeat'));
      try {
        ws.send(ping);
      } catch {
        // The native socket is closing: its close event follows and is handled as usual.
      }
      this.#scheduleHeartbeat(ws);
    });
  }

  #subscribeLifecycle(): void {
    const lifecycle = this.#options.lifecycle;
    if (!lifecycle || this.#unsubscribeLifecycle) return;
    this.#unsubscribeLifecycle = lifecycle.subscribe((event) => this.#onLifecycle(event));
  }

  #onLifecycle(event: LifecycleEvent): void {
    const state = this.#current;
    if (state === 'closed' || state === 'stopped') return;
    switch (event) {
      case 'offline':
        if (state === 'paused' || state === 'offline') return;
        if (this.#native) this.#abandon('offline');
        else {
          // In backoff, or waiting for the URL provider: drop that wait too.
          this.#generation++;
          this.#clearTimer('retry');
          this.#clearTimer('connect-timeout');
          this.#enter('offline');
        }
        return;
      case 'online':
        if (state === 'offline') this.#connect();
        return;
      case 'pagehide':
        // An open socket keeps the page out of the back/forward cache: close it, come back later.
        if (state === 'paused') return;
        this.#suspended = true;
        this.#haltEverything(1000, 'closewise: page hidden');
        this.#enter('paused');
        return;
      case 'pageshow':
        if (this.#suspended && state === 'paused') {
          this.#suspended = false;
          this.#connect();
        }
        return;
    }
  }

  // ---- effects plumbing ----------------------------------------------------------------------

  #enter(state: ConnectionState): void {
    this.#current = transition(this.#current, state);
    if (state !== 'backoff') this.#nextRetryAt = undefined;
    this.emit('state', this.status);
  }

  /** Cancels every timer and pending async step, and retires the native socket. */
  #haltEverything(code: number, reason: string): void {
    this.#generation++;
    for (const handle of this.#timers.values()) this.#options.clock.clearTimeout(handle);
    this.#timers.clear();
    const ws = this.#native;
    this.#native = undefined;
    if (ws) this.#retire(ws, code, reason);
  }

  /**
   * Closes a socket we no longer want. With `report`, its real close event is still emitted as
   * a client close (nothing is decided on it); without, the socket is forgotten entirely.
   */
  #retire(ws: WebSocketLike, code: number, reason: string, report = true): void {
    if (this.#native === ws) this.#native = undefined;
    ws.onopen = null;
    ws.onmessage = null;
    // Keep an error listener: `ws` throws on an unhandled 'error' when closed while connecting.
    ws.onerror = noop;
    if (report) this.#retired.set(ws, this.#opened ? 'open' : 'handshake');
    else ws.onclose = null;
    safeClose(ws, code, reason);
  }

  #setTimer(name: TimerName, ms: number, callback: () => void): void {
    this.#clearTimer(name);
    const clock = this.#options.clock;
    const handle = clock.setTimeout(() => {
      if (this.#timers.get(name) === handle) this.#timers.delete(name);
      callback();
    }, ms);
    this.#timers.set(name, handle);
  }

  #clearTimer(name: TimerName): void {
    const handle = this.#timers.get(name);
    if (handle === undefined) return;
    this.#options.clock.clearTimeout(handle);
    this.#timers.delete(name);
  }

  #clearConnectionTimers(): void {
    for (const name of [
      'connect-timeout',
      'close-after-error',
      'uptime',
      'heartbeat',
      'pong',
      'throttle',
      'recover',
    ] as const) {
      this.#clearTimer(name);
    }
  }
}

function noop(): void {}

function checkMessage(where: string, data: unknown): void {
  // Strings first: the hot path pays one typeof.
  if (typeof data !== 'string' && !isMessageData(data)) {
    mustBe(
      `${where}: data`,
      'a string, an ArrayBuffer, a typed array or DataView, or a Blob (JSON.stringify objects first)',
      data,
    );
  }
}

function safeClose(ws: WebSocketLike, code: number, reason: string): void {
  try {
    ws.close(code, reason);
  } catch {
    // Already closing or closed: nothing left to do.
  }
}

function pageBase(): string | undefined {
  return (globalThis as { location?: { href?: string } }).location?.href;
}
