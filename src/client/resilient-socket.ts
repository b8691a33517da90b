import type { Failure, Input, UnsentMessage } from '../engine/inputs.js';
import { size } from '../engine/queue.js';
import { currentConn, sendsDirectly } from '../engine/state.js';
import type { SendOutcome } from '../engine/step.js';
import { describeValue, mustBe } from '../internal/checks.js';
import { checkCloseFrame } from './close-frame.js';
import { ClosewiseError, OutboxFullError } from './errors.js';
import type { OpenEvent, ResilientSocketEvents, SendResult } from './events.js';
import { EngineHost, type OwnEffect } from './host.js';
import {
  BINARY_TYPES,
  type BinaryType,
  type NativeCloseEvent,
  type Provider,
  type ResilientSocketOptions,
  type ResolvedOptions,
  resolveOptions,
  type WebSocketLike,
} from './options.js';
import { byteSize, checkMessage, isMessageData, MESSAGE_DATA, type MessageData } from './outbox.js';
import { isPromise } from './policy-actions.js';
import { toWebSocketUrl } from './url.js';

const OPEN = 1;

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
 * Every decision is made by the pure connection engine (`step`); this class carries out its
 * effects. It runs to completion: a call made from inside a listener or hook (`close()`,
 * `reconnect()`, a policy event's `retry()`) is queued and handled once the current step's
 * events have all been delivered, so `status` always matches the last `state` event.
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
export class ResilientSocket extends EngineHost<ResilientSocketEvents> {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;

  readonly #options: ResolvedOptions;
  readonly #url: Provider<string>;
  #native: WebSocketLike | undefined;
  #conn = 0;
  #unsubscribe: (() => void) | undefined;
  #lastUrl = '';
  /** What the app asked for; until it does, the implementation's own value is reported. */
  #binary: BinaryType | undefined;
  /** Sends that `ws` reported as never written, on their way to the engine. */
  readonly #unwritten: UnsentMessage[] = [];
  /** Messages handed to the current native socket that may not have left it yet, oldest first. */
  #inFlight: InFlight[] = [];
  /**
   * For a native socket that reports each write (`ws`: `send(data, callback)`), the callback its
   * sends share. `ws` clears `bufferedAmount` before it reports a dead connection, so there the
   * callbacks, which come in send order, say what was never written. Only sends that queue behind
   * unwritten data ask for one (see #hand).
   */
  #written: ((error?: Error) => void) | undefined;

  /**
   * @param url `ws:`/`wss:` (or `http(s):`, converted) URL, or a function returning one (sync or
   *   async) that is called before every attempt, so a refreshed token lands in the URL.
   * @param options See `ResilientSocketOptions`; invalid values throw a `TypeError` naming them.
   */
  constructor(url: Provider<string>, options: ResilientSocketOptions = {}) {
    const o = resolveOptions(options);
    super(o);
    this.#options = o;
    if (typeof url !== 'function') this.#lastUrl = toWebSocketUrl(url, pageBase());
    this.#url = url;
    this.#binary = o.binaryType;
    this.start();
  }

  /** 0 (CONNECTING) while trying or waiting, 1 (OPEN), 3 (CLOSED) once closed or stopped. */
  get readyState(): number {
    const state = this.state.phase.name;
    if (state === 'open') return ResilientSocket.OPEN;
    if (state === 'closed' || state === 'stopped') return ResilientSocket.CLOSED;
    return ResilientSocket.CONNECTING;
  }

  /** The URL of the current or last attempt. */
  get url(): string {
    return this.#live()?.url ?? this.#lastUrl;
  }

  /** The subprotocol the server chose, or ''. */
  get protocol(): string {
    return this.#live()?.protocol ?? '';
  }

  /** Bytes queued in the native socket plus bytes waiting in the outbox. */
  get bufferedAmount(): number {
    return (this.#live()?.bufferedAmount ?? 0) + this.state.outbox.bytes;
  }

  /** Messages waiting in the outbox for an open connection. */
  get queuedMessages(): number {
    return size(this.state.outbox);
  }

  /**
   * How binary messages arrive. Reports what the native socket really uses: under `ws` that is
   * `'nodebuffer'` (Buffers) unless you set another; in browsers `'blob'`.
   */
  get binaryType(): BinaryType {
    return this.#binary ?? (this.#native?.binaryType as BinaryType | undefined) ?? 'blob';
  }

  set binaryType(value: BinaryType) {
    if (!BINARY_TYPES.includes(value))
      mustBe('ResilientSocket: binaryType', `one of ${BINARY_TYPES.join(', ')}`, value);
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
    return this.sendTagged(data, undefined);
  }

  /**
   * `send`, with a `tag` that comes back with the message if it is dropped (see `dropped`), for
   * a subclass that sends on behalf of others (closewise/tabs). `data` is checked already.
   * @internal
   */
  protected sendTagged(data: MessageData, tag: unknown): SendResult {
    // The fast lane: where the engine would only hand the message over (sendsDirectly), do that
    // without a step. Nothing queued, no step running, no held constructor events.
    if (!this.stepping && this.queued === 0 && !this.holding && sendsDirectly(this.state)) {
      const ws = this.#live();
      if (ws && ws.readyState === OPEN) {
        this.#hand(data, false, tag);
        return 'sent';
      }
    }
    if (this.state.phase.name === 'closed' && this.queued === 0) {
      throw new ClosewiseError('connect', 'closewise: send() after close(); call reconnect() first');
    }
    const input: Input = { type: 'send', data, bytes: byteSize(data), tag };
    let outcome: SendOutcome | undefined;
    if (!this.stepping) outcome = this.dispatch(input);
    else if (this.queued === 0) {
      // From a listener or a hook, with nothing queued before it: what is left of the running
      // step is its events, so stepping the send now keeps every message in order.
      outcome = this.stepNow(input);
    } else {
      // Behind a queued call (a close() or reconnect() from the same listener): it waits its turn,
      // and if it cannot be queued then, it is reported as a drop.
      this.enqueue({ ...input, deferred: true });
      return 'queued';
    }
    if (typeof outcome === 'object') throw new OutboxFullError(outcome.full, outcome.max);
    return outcome ?? 'queued';
  }

  /**
   * Closes for good: no reconnect, no timer left running. Validates like a browser (code 1000 or
   * 3000-4999, reason at most 123 UTF-8 bytes as it goes on the wire) and throws a `RangeError`
   * before touching the native socket. Queued messages are reported in `drop` events. Calling it
   * twice is harmless. Called from a listener, it takes effect once the current events are out.
   *
   * @example
   * ```ts
   * socket.close(4000, 'user logged out');
   * ```
   */
  close(code = 1000, reason = ''): void {
    checkCloseFrame('ResilientSocket.close', code, reason);
    this.dispatch({ type: 'close', code, reason });
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
    this.dispatch({ type: 'reconnect' });
  }

  // ---- effects on the native socket ------------------------------------------------------

  /** @internal */
  protected perform(e: OwnEffect): void {
    switch (e.type) {
      case 'transmit':
        if (e.conn === this.#conn) this.#hand(e.data, e.own, e.tag);
        return;
      case 'resolve':
        this.#resolve(e.id);
        return;
      case 'connect':
        this.#connect(e.conn, e.url, e.protocols);
        return;
      case 'run-hook':
        this.#runHook(e.conn, e.attempt, e.totalAttempts);
        return;
      case 'close-native':
        this.#closeNative(e.conn, e.code, e.reason, e.report);
        return;
      case 'ping':
        this.#ping(e.conn);
        return;
      case 'listen':
        this.#listen(e.on);
        return;
    }
  }

  /** @internal */
  protected openEvent(conn: number, attempt: number, totalAttempts: number): OpenEvent {
    const ws = conn === this.#conn ? this.#native : undefined;
    return { url: ws?.url ?? this.#lastUrl, protocol: ws?.protocol ?? '', attempt, totalAttempts };
  }

  /** @internal */
  protected unsent(): readonly UnsentMessage[] {
    const ws = this.#live();
    const trace = this.#inFlight;
    this.#inFlight = [];
    // Under `ws` its callbacks report what was never written; elsewhere bufferedAmount does: the
    // newest messages it still covers (it keeps its value when the connection dies).
    if (!ws || this.#written) return [];
    let left = ws.bufferedAmount;
    const lost: UnsentMessage[] = [];
    for (let i = trace.length - 1; i >= 0 && left > 0; i--) {
      const e = trace[i] as InFlight;
      const bytes = byteSize(e.data);
      left -= bytes;
      if (!e.own) lost.unshift(unsentOf(e, bytes));
    }
    return lost;
  }

  /** Hands a message to the native socket, keeping the trace of what it may not have sent yet. */
  #hand(data: MessageData, own: boolean, tag?: unknown): void {
    const ws = this.#native as WebSocketLike;
    const trace = this.#inFlight;
    if (this.#written) {
      // A write callback costs `ws` about a tenth of its throughput, so it is asked for only
      // when the message queues behind data not yet written: what a dead connection can lose.
      if (ws.bufferedAmount === 0) ws.send(data);
      else {
        trace.push({ data, own, tag });
        ws.send(data, this.#written);
      }
      return;
    }
    // Whatever the buffer no longer holds was sent: keep only the newest messages it can still
    // cover. Lengths are a lower bound of wire bytes, so this keeps a superset; exact sizes are
    // counted only when the connection is lost.
    const buffered = ws.bufferedAmount;
    if (buffered === 0) trace.length = 0;
    else {
      let i = trace.length;
      for (let sum = 0; i > 0 && sum < buffered; ) sum += lengthOf((trace[--i] as InFlight).data);
      if (i > 0) trace.splice(0, i);
    }
    trace.push({ data, own, tag });
    ws.send(data);
  }

  /** @internal */
  protected writable(): boolean {
    return this.#live()?.readyState === OPEN;
  }

  /** @internal */
  protected online(): boolean {
    return this.#options.lifecycle?.isOnline() !== false;
  }

  #resolve(id: number): void {
    const failed = (message: string, cause: unknown) =>
      this.dispatch({ type: 'resolve-failed', id, error: { message, cause } });
    let url: string | Promise<string>;
    let protocols: string | string[] | undefined | Promise<string | string[] | undefined>;
    try {
      url = resolveProvider(this.#url);
      protocols = resolveProvider(this.#options.protocols);
    } catch (error) {
      failed('closewise: the url or protocols provider threw', error);
      return;
    }
    const resolved = (rawUrl: unknown, p: string | string[] | undefined) => {
      let href: string;
      try {
        href = toWebSocketUrl(rawUrl, pageBase());
      } catch (error) {
        failed((error as Error).message, error);
        return;
      }
      this.dispatch({ type: 'resolved', id, url: href, ...(p !== undefined && { protocols: p }) });
    };
    if (isPromise(url) || isPromise(protocols)) {
      Promise.all([url, protocols]).then(
        ([u, p]) => resolved(u, p),
        (error: unknown) => failed('closewise: the url or protocols provider rejected', error),
      );
      return;
    }
    resolved(url, protocols);
  }

  #connect(conn: number, url: string, protocols: string | string[] | undefined): void {
    this.#lastUrl = url;
    let ws: WebSocketLike;
    try {
      ws = new this.#options.WebSocket(url, protocols);
    } catch (error) {
      this.dispatch({
        type: 'connect-failed',
        conn,
        error: { message: `closewise: new WebSocket(${url}) threw`, cause: error },
      });
      return;
    }
    this.#native = ws;
    this.#conn = conn;
    const trace: InFlight[] = [];
    this.#inFlight = trace;
    this.#written =
      ws.send.length > 1
        ? (error) => {
            const e = trace.shift();
            if (!error || !e || e.own) return;
            // They fail in send order, in a burst: one input, so a re-queue keeps that order.
            if (this.#unwritten.length === 0) {
              queueMicrotask(() => this.dispatch({ type: 'unsent', messages: this.#unwritten.splice(0) }));
            }
            this.#unwritten.push(unsentOf(e, byteSize(e.data)));
          }
        : undefined;
    if (this.#binary) ws.binaryType = this.#binary;
    const heartbeat = this.#options.heartbeat;
    ws.onopen = () => this.dispatch({ type: 'native-open', conn });
    ws.onmessage = (event: { data: unknown }) => {
      const { data } = event;
      let pong: boolean | Failure = false;
      if (heartbeat) {
        try {
          pong = Boolean(heartbeat.isPong(data));
        } catch (cause) {
          pong = { message: 'closewise: heartbeat.isPong threw', cause };
        }
      }
      this.dispatch({ type: 'native-message', conn, data, pong });
    };
    ws.onerror = (event: unknown) => this.dispatch({ type: 'native-error', conn, event });
    // Not a spread: a native CloseEvent's reason and wasClean are prototype getters.
    ws.onclose = (event: NativeCloseEvent) =>
      this.dispatch({ type: 'native-close', conn, code: event.code, reason: event.reason, wasClean: event.wasClean });
  }

  #runHook(conn: number, attempt: number, totalAttempts: number): void {
    const hook = this.#options.onOpen;
    const ws = this.#native;
    if (!hook || !ws) return;
    const done = () => this.dispatch({ type: 'hook-done', conn });
    const failed = (error: unknown) => this.dispatch({ type: 'hook-failed', conn, error });
    const send = (data: MessageData) => {
      checkMessage('onOpen send', data);
      ws.send(data);
    };
    try {
      const result = hook({ send, attempt, totalAttempts });
      if (isPromise(result)) result.then(done, failed);
      else done();
    } catch (error) {
      failed(error);
    }
  }

  #closeNative(conn: number, code: number, reason: string, report: boolean): void {
    const ws = this.#native;
    if (!ws || conn !== this.#conn) return;
    this.#native = undefined;
    ws.onopen = null;
    ws.onmessage = null;
    // Keep an error listener: `ws` throws on an unhandled 'error' when closed while connecting.
    ws.onerror = noop;
    if (!report) ws.onclose = null;
    try {
      ws.close(code, reason);
    } catch (error) {
      this.dispatch({ type: 'close-failed', conn, error });
    }
  }

  #ping(conn: number): void {
    const heartbeat = this.#options.heartbeat;
    if (!heartbeat) return;
    let data: unknown;
    try {
      data = heartbeat.ping();
    } catch (cause) {
      this.dispatch({ type: 'ping-failed', conn, error: { message: 'closewise: heartbeat.ping threw', cause } });
      return;
    }
    if (!isMessageData(data)) {
      const message = `closewise: heartbeat.ping must return ${MESSAGE_DATA}, got ${describeValue(data)}`;
      this.dispatch({ type: 'ping-failed', conn, error: { message } });
      return;
    }
    this.dispatch({ type: 'ping-built', conn, data, bytes: byteSize(data) });
  }

  #listen(on: boolean): void {
    const lifecycle = this.#options.lifecycle;
    if (on && lifecycle && !this.#unsubscribe) {
      this.#unsubscribe = lifecycle.subscribe((event) => this.dispatch({ type: 'lifecycle', event }));
    } else if (!on && this.#unsubscribe) {
      this.#unsubscribe();
      this.#unsubscribe = undefined;
    }
  }

  /** The native socket of the current connection, for a subclass's WebSocket surface. @internal */
  protected get native(): WebSocketLike | undefined {
    return this.#live();
  }

  /** The native socket of the engine's current connection, if it has one. */
  #live(): WebSocketLike | undefined {
    return currentConn(this.state.phase) === this.#conn ? this.#native : undefined;
  }
}

function noop(): void {}

function pageBase(): string | undefined {
  return (globalThis as { location?: { href?: string } }).location?.href;
}

interface InFlight {
  readonly data: MessageData;
  /** A heartbeat ping: counted against the buffer, never reported as unsent. */
  readonly own: boolean;
  readonly tag?: unknown;
}

function unsentOf(e: InFlight, bytes: number): UnsentMessage {
  return { data: e.data, bytes, tag: e.tag };
}

/** A cheap lower bound of a message's wire bytes: a string's length, a buffer's byte length. */
function lengthOf(data: MessageData): number {
  if (typeof data === 'string') return data.length;
  return (data as { byteLength?: number; size?: number }).byteLength ?? (data as Blob).size;
}
