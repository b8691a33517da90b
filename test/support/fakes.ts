import type { Clock } from '../../src/client/clock.js';
import type { Lifecycle, LifecycleEvent } from '../../src/client/lifecycle.js';
import type { WebSocketLike } from '../../src/client/options.js';
import type { MessageData } from '../../src/client/outbox.js';

/** A clock whose time moves only when the test says so. */
export class FakeClock implements Clock {
  time = 0;
  private seq = 0;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();

  now = (): number => this.time;

  setTimeout = (fn: () => void, ms: number): unknown => {
    const id = ++this.seq;
    this.timers.set(id, { at: this.time + Math.max(0, ms), fn });
    return id;
  };

  clearTimeout = (handle: unknown): void => {
    this.timers.delete(handle as number);
  };

  get pending(): number {
    return this.timers.size;
  }

  /** When the earliest timer fires, or undefined. */
  get nextAt(): number | undefined {
    let min: number | undefined;
    for (const t of this.timers.values()) if (min === undefined || t.at < min) min = t.at;
    return min;
  }

  /** Moves time forward, firing every timer that falls due, in order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      let next: [number, { at: number; fn: () => void }] | undefined;
      for (const entry of this.timers) if (entry[1].at <= end && (!next || entry[1].at < next[1].at)) next = entry;
      if (!next) break;
      this.timers.delete(next[0]);
      this.time = next[1].at;
      next[1].fn();
    }
    this.time = end;
  }

  /** Fires the next timer, whenever it is due. */
  runNext(): void {
    const at = this.nextAt;
    if (at !== undefined) this.advance(at - this.time);
  }
}

export { seededRandom } from './seeded-random.mjs';

/**
 * A close event shaped like the platform's: `code`, `reason` and `wasClean` are getters on the
 * prototype, not own properties, so code that copies an event with a spread loses them, as it
 * would in a browser or with `ws`.
 */
class FakeCloseEvent {
  readonly #init: { code: number; reason: string; wasClean: boolean };
  constructor(code: number, reason: string, wasClean: boolean) {
    this.#init = { code, reason, wasClean };
  }
  get code(): number {
    return this.#init.code;
  }
  get reason(): string {
    return this.#init.reason;
  }
  get wasClean(): boolean {
    return this.#init.wasClean;
  }
}

/**
 * A WebSocket the test drives by hand. Every instance is recorded in `FakeWebSocket.instances`.
 */
export class FakeWebSocket implements WebSocketLike {
  static instances: FakeWebSocket[] = [];
  static reset(): void {
    FakeWebSocket.instances = [];
  }
  static get last(): FakeWebSocket {
    const ws = FakeWebSocket.instances.at(-1);
    if (!ws) throw new Error('no FakeWebSocket created yet');
    return ws;
  }
  /** Sockets that are not closed yet. */
  static live(): FakeWebSocket[] {
    return FakeWebSocket.instances.filter((ws) => ws.readyState !== 3);
  }

  readyState = 0;
  protocol = '';
  bufferedAmount = 0;
  binaryType = 'blob';
  readonly sent: MessageData[] = [];
  closedWith: { code?: number; reason?: string } | undefined;
  onopen: ((event: unknown) => void) | null = null;
  onclose: ((event: { code: number; reason: string; wasClean: boolean }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;

  constructor(
    readonly url: string,
    readonly protocols?: string | string[],
  ) {
    FakeWebSocket.instances.push(this);
  }

  send(data: MessageData): void {
    if (this.readyState !== 1) throw new Error(`send in readyState ${this.readyState}`);
    this.sent.push(data);
  }

  close(code?: number, reason?: string): void {
    if (this.readyState >= 2) return;
    this.closedWith = { ...(code !== undefined && { code }), ...(reason !== undefined && { reason }) };
    this.readyState = 2;
  }

  // ---- what the network and server do ----

  serverOpen(protocol = ''): void {
    this.protocol = protocol;
    this.readyState = 1;
    this.onopen?.({});
  }

  serverMessage(data: unknown): void {
    this.onmessage?.({ data });
  }

  serverClose(code: number, reason = '', wasClean = true): void {
    this.readyState = 3;
    this.onclose?.(new FakeCloseEvent(code, reason, wasClean));
  }

  /** The handshake failed or the connection dropped: error, then close 1006, as browsers do. */
  drop(): void {
    this.readyState = 3;
    this.onerror?.({});
    this.onclose?.(new FakeCloseEvent(1006, '', false));
  }

  /**
   * A refused handshake as Node 22's built-in WebSocket reports it: `error`, and no `close` ever.
   * A `close` may still be delivered later with `serverClose`, to test that it is ignored.
   */
  errorWithoutClose(): void {
    this.readyState = 3;
    this.onerror?.({});
  }

  /** Completes a close the client started. */
  finishClose(code = this.closedWith?.code ?? 1005, reason = this.closedWith?.reason ?? ''): void {
    this.readyState = 3;
    this.onclose?.(new FakeCloseEvent(code, reason, true));
  }
}

/** FakeWebSocket with the addEventListener that rws and the adapter use. */
export class EventFakeWebSocket extends FakeWebSocket {
  readonly #listeners = new Map<string, Array<(event: unknown) => void>>();

  constructor(url: string, protocols?: string | string[]) {
    super(url, protocols);
    this.onopen = (event) => this.#dispatch('open', event);
    this.onclose = (event) => this.#dispatch('close', event);
    this.onerror = (event) => this.#dispatch('error', event);
    this.onmessage = (event) => this.#dispatch('message', event);
  }

  addEventListener(type: string, listener: (event: unknown) => void): void {
    this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), listener]);
  }

  removeEventListener(type: string, listener: (event: unknown) => void): void {
    this.#listeners.set(
      type,
      (this.#listeners.get(type) ?? []).filter((l) => l !== listener),
    );
  }

  #dispatch(type: string, event: unknown): void {
    for (const listener of this.#listeners.get(type) ?? []) listener(event);
  }
}

/** A lifecycle the test drives. */
export class FakeLifecycle implements Lifecycle {
  online = true;
  listeners = new Set<(event: LifecycleEvent) => void>();
  isOnline = (): boolean => this.online;
  subscribe = (listener: (event: LifecycleEvent) => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  fire(event: LifecycleEvent): void {
    if (event === 'online') this.online = true;
    if (event === 'offline') this.online = false;
    for (const l of [...this.listeners]) l(event);
  }
}

/** Lets pending promise callbacks run. */
export async function flushPromises(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}
