import type { CloseClassification } from '../policy/classify.js';
import type { ClosewiseError } from './errors.js';
import type { Provider, ResilientSocketOptions } from './options.js';
import { ResilientSocket } from './resilient-socket.js';

/**
 * The events of `ResilientWebSocket`'s WebSocket surface, shaped like the DOM's: `data` on a
 * message, `code` / `reason` / `wasClean` on a close (plus closewise's `classification`), the
 * `ClosewiseError` on an error.
 *
 * @example
 * ```ts
 * ws.addEventListener('close', (e: ResilientWebSocketEventMap['close']) => console.log(e.code, e.classification.action));
 * ```
 */
export interface ResilientWebSocketEventMap {
  open: { readonly type: 'open'; readonly target: ResilientWebSocket };
  message: { readonly type: 'message'; readonly target: ResilientWebSocket; readonly data: unknown };
  close: {
    readonly type: 'close';
    readonly target: ResilientWebSocket;
    readonly code: number;
    readonly reason: string;
    readonly wasClean: boolean;
    readonly classification: CloseClassification;
  };
  error: { readonly type: 'error'; readonly target: ResilientWebSocket; readonly error: ClosewiseError };
}

/**
 * A listener for `addEventListener`: a function, or an object with `handleEvent`, as on an
 * `EventTarget`.
 *
 * @example
 * ```ts
 * const onClose: ResilientWebSocketListener<'close'> = (e) => console.info(e.code);
 * ```
 */
export type ResilientWebSocketListener<K extends keyof ResilientWebSocketEventMap> =
  | ((event: ResilientWebSocketEventMap[K]) => void)
  | {
      /** Called with the event, as `EventListenerObject.handleEvent`. */
      handleEvent(event: ResilientWebSocketEventMap[K]): void;
    };

/**
 * An `on*` handler of `ResilientWebSocket`, as `WebSocket.onmessage` is.
 *
 * @example
 * ```ts
 * const onMessage: ResilientWebSocketHandler<'message'> = (e) => render(e.data);
 * ```
 */
export type ResilientWebSocketHandler<K extends keyof ResilientWebSocketEventMap> = (
  event: ResilientWebSocketEventMap[K],
) => void;

/** Where an `on*` handler stands among the listeners. */
const SLOT = (): void => {};

type Entry = {
  readonly listener: ResilientWebSocketListener<keyof ResilientWebSocketEventMap>;
  readonly once: boolean;
};

/**
 * `ResilientSocket` with the whole WebSocket surface on top, for code written against
 * `WebSocket`, reconnecting-websocket or partysocket: `onopen` / `onmessage` / `onclose` /
 * `onerror`, `addEventListener` / `removeEventListener` with DOM-shaped events, the instance
 * constants (`ws.OPEN`) and `extensions`. Migrating means changing the constructor and nothing
 * else. The typed `on()` events stay available. A separate class, so that apps using only `on()`
 * do not bundle it.
 *
 * @example
 * ```ts
 * const ws = new ResilientWebSocket('wss://api.example.com/live'); // was: new ReconnectingWebSocket(...)
 * ws.onmessage = (e) => render(e.data);
 * ws.addEventListener('close', (e) => console.info(e.code, e.classification.action));
 * if (ws.readyState === ws.OPEN) ws.send('hello');
 * ```
 */
export class ResilientWebSocket extends ResilientSocket {
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;

  readonly #listeners = new Map<keyof ResilientWebSocketEventMap, Entry[]>();
  readonly #handlers: { [K in keyof ResilientWebSocketEventMap]?: ResilientWebSocketHandler<K> } = {};

  /** Called on every open, like `WebSocket.onopen`. */
  get onopen(): ResilientWebSocketHandler<'open'> | null {
    return this.#handlers.open ?? null;
  }
  set onopen(handler: ResilientWebSocketHandler<'open'> | null) {
    this.#setHandler('open', handler);
  }
  /** Called on every message, like `WebSocket.onmessage`. */
  get onmessage(): ResilientWebSocketHandler<'message'> | null {
    return this.#handlers.message ?? null;
  }
  set onmessage(handler: ResilientWebSocketHandler<'message'> | null) {
    this.#setHandler('message', handler);
  }
  /** Called on every close (each connection's), like `WebSocket.onclose`. */
  get onclose(): ResilientWebSocketHandler<'close'> | null {
    return this.#handlers.close ?? null;
  }
  set onclose(handler: ResilientWebSocketHandler<'close'> | null) {
    this.#setHandler('close', handler);
  }
  /** Called on every `error` event, like `WebSocket.onerror`. */
  get onerror(): ResilientWebSocketHandler<'error'> | null {
    return this.#handlers.error ?? null;
  }
  set onerror(handler: ResilientWebSocketHandler<'error'> | null) {
    this.#setHandler('error', handler);
  }

  /** See `ResilientSocket`: the same URL and options. */
  constructor(url: Provider<string>, options: ResilientSocketOptions = {}) {
    super(url, options);
    // The constructor's own events are delivered after it returns, so these see them too.
    this.on('open', () => this.#fire('open', { type: 'open', target: this }));
    this.on('message', (data) => this.#fire('message', { type: 'message', target: this, data }));
    this.on('close', (c) =>
      this.#fire('close', {
        type: 'close',
        target: this,
        code: c.code,
        reason: c.reason,
        wasClean: c.wasClean,
        classification: c,
      }),
    );
    this.on('error', (error) => this.#fire('error', { type: 'error', target: this, error }));
  }

  /** The extensions the server chose (`''` when none, or while not connected). */
  get extensions(): string {
    return this.native?.extensions ?? '';
  }

  /** As `EventTarget.addEventListener`; `{ once: true }` is honoured, a listener is added once. */
  addEventListener<K extends keyof ResilientWebSocketEventMap>(
    type: K,
    listener: ResilientWebSocketListener<K>,
    options?: boolean | { readonly once?: boolean },
  ): void {
    const list = this.#listeners.get(type) ?? [];
    if (list.some((e) => e.listener === listener)) return;
    const once = typeof options === 'object' && options.once === true;
    this.#listeners.set(type, [
      ...list,
      { listener: listener as ResilientWebSocketListener<keyof ResilientWebSocketEventMap>, once },
    ]);
  }

  /** As `EventTarget.removeEventListener`. */
  removeEventListener<K extends keyof ResilientWebSocketEventMap>(
    type: K,
    listener: ResilientWebSocketListener<K>,
  ): void {
    const list = this.#listeners.get(type);
    if (list)
      this.#listeners.set(
        type,
        list.filter((e) => e.listener !== listener),
      );
  }

  /**
   * As on a WebSocket, an `on*` handler runs where it was first set among the listeners (setting
   * another keeps that place; `null` gives it up).
   */
  #setHandler<K extends keyof ResilientWebSocketEventMap>(type: K, handler: ResilientWebSocketHandler<K> | null): void {
    const had = this.#handlers[type] !== undefined;
    if (handler) (this.#handlers as Record<K, ResilientWebSocketHandler<K>>)[type] = handler;
    else delete this.#handlers[type];
    const list = this.#listeners.get(type) ?? [];
    if (handler && !had) this.#listeners.set(type, [...list, { listener: SLOT, once: false }]);
    if (!handler && had)
      this.#listeners.set(
        type,
        list.filter((e) => e.listener !== SLOT),
      );
  }

  #fire<K extends keyof ResilientWebSocketEventMap>(type: K, event: ResilientWebSocketEventMap[K]): void {
    for (const entry of this.#listeners.get(type) ?? []) {
      if (entry.listener === SLOT) {
        this.#handlers[type]?.call(this, event);
        continue;
      }
      if (entry.once) this.removeEventListener(type, entry.listener as ResilientWebSocketListener<K>);
      const l = entry.listener as ResilientWebSocketListener<K>;
      if (typeof l === 'function') l.call(this, event);
      else l.handleEvent(event);
    }
  }
}
