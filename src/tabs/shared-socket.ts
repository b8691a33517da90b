import { systemClock } from '../client/clock.js';
import { checkCloseFrame } from '../client/close-frame.js';
import { GuardedEmitter } from '../client/emitter.js';
import { ClosewiseError, type ClosewiseErrorKind, OutboxFullError } from '../client/errors.js';
import type { PolicyEvent, ResilientSocketEvents, SendResult, SocketStatus } from '../client/events.js';
import { browserLifecycle, type Lifecycle, type LifecycleEvent } from '../client/lifecycle.js';
import type { Provider, RefreshContext, ResilientSocketOptions } from '../client/options.js';
import { checkMessage, type MessageData } from '../client/outbox.js';
import { ResilientSocket } from '../client/resilient-socket.js';
import { describeValue, mustBe } from '../internal/checks.js';
import { browserPlatform, type TabChannel, type TabsPlatform } from './platform.js';
import { isWire, type RefreshOutcome, type Wire, type WireEvent } from './protocol.js';

/**
 * Which part a tab plays: the `leader` holds the one real connection; a `follower` mirrors it.
 *
 * @example
 * ```ts
 * shared.on('role', (role: TabRole) => (badge.textContent = role));
 * ```
 */
export type TabRole = 'leader' | 'follower';

/**
 * The events of a `SharedSocket`: those of `ResilientSocket`, mirrored in every tab, plus `role`
 * and `refresh`.
 *
 * @example
 * ```ts
 * shared.on('refresh', ({ ok }) => ok && reloadToken());
 * ```
 */
export interface SharedSocketEvents extends ResilientSocketEvents {
  /** This tab became leader or follower. */
  role: (role: TabRole) => void;
  /** The leader's `auth.refresh` finished (in whichever tab it ran). */
  refresh: (outcome: RefreshOutcome) => void;
}

/**
 * The options of `ResilientSocket`, plus where the tabs meet. Every tab should pass the same
 * ones: only the leader's are used for the connection, its `auth.refresh` included.
 *
 * @example
 * ```ts
 * new SharedSocket('wss://api.example.com/live', { name: 'live', auth: { refresh } });
 * ```
 */
export interface SharedSocketOptions extends ResilientSocketOptions {
  /**
   * The lock and channel name shared by the tabs (default: from the URL's origin and path, never
   * its query, so a token there does not leak into it). Required when the URL is a provider.
   */
  readonly name?: string;
  /** Web Locks and BroadcastChannel (default the page's; `false` turns sharing off). */
  readonly platform?: TabsPlatform | false;
}

const OWNER = 'SharedSocket';
const CONNECTING: SocketStatus = { state: 'connecting', attempt: 0 };
const CLOSED: SocketStatus = { state: 'closed', attempt: 0 };

/**
 * One connection for all the tabs of a browser profile. The tabs elect a leader with a Web Lock
 * (held for the tab's life, so the browser passes it on when the tab closes, crashes or goes into
 * the back/forward cache); only the leader opens the real connection, and a BroadcastChannel
 * carries its events and messages to the other tabs and their sends to it. Where Web Locks or
 * BroadcastChannel are missing, every tab is its own leader: a per-tab `ResilientSocket`.
 *
 * A follower's `send` returns `'queued'`: the message waits in that tab until the leader is open
 * and takes it, in order per tab; a message the leader cannot take is reported as a `drop` in the
 * tab that sent it.
 *
 * @example
 * ```ts
 * const shared = new SharedSocket('wss://api.example.com/live', { auth: { refresh } });
 * shared.on('message', render);
 * shared.on('role', (role) => console.debug('this tab is', role));
 * shared.send(JSON.stringify({ subscribe: 'prices' }));
 * ```
 */
export class SharedSocket extends GuardedEmitter<SharedSocketEvents> {
  readonly #url: Provider<string>;
  readonly #options: SharedSocketOptions;
  readonly #name: string;
  readonly #platform: TabsPlatform | undefined;
  readonly #lifecycle: Lifecycle | undefined;
  readonly #id = randomId();
  #role: TabRole = 'follower';
  #status: SocketStatus = CONNECTING;
  #closed = false;
  #hidden = false;
  #channel: TabChannel | undefined;
  #abort: AbortController | undefined;
  /** Resolves the lock callback's promise: the lock goes to the next tab. */
  #resign: (() => void) | undefined;
  #socket: ResilientSocket | undefined;
  #unsubscribe: (() => void) | undefined;
  // Follower side: messages not yet taken by a leader, in order.
  #seq = 0;
  readonly #pending = new Map<number, MessageData>();
  #policy: { token: string; event: PolicyEvent } | undefined;
  #policyToken = 0;
  // Leader side: the last seq taken from each follower, and the handoff to carry out.
  readonly #taken = new Map<string, number>();
  #handoff: { id: string; items: readonly MessageData[] } | undefined;

  constructor(url: Provider<string>, options: SharedSocketOptions = {}) {
    const clock = options.clock ?? systemClock;
    super(clock);
    if (typeof url !== 'string' && typeof url !== 'function') mustBe(`${OWNER}: url`, 'a string or a function', url);
    if (options.name !== undefined && (typeof options.name !== 'string' || options.name === '')) {
      mustBe(`${OWNER}: options.name`, 'a non-empty string', options.name);
    }
    if (options.platform !== undefined && options.platform !== false && !isPlatform(options.platform)) {
      mustBe(`${OWNER}: options.platform`, 'false or { locks, channel(name) }', options.platform);
    }
    this.#url = url;
    this.#options = options;
    this.#name = options.name ?? defaultName(url);
    this.#platform = options.platform === false ? undefined : (options.platform ?? browserPlatform());
    this.#lifecycle = options.lifecycle === undefined ? browserLifecycle() : options.lifecycle || undefined;
    this.#unsubscribe = this.#lifecycle?.subscribe((e) => this.#page(e));
    this.#join();
  }

  /** `'leader'` in the tab that holds the connection, `'follower'` in the others. */
  get role(): TabRole {
    return this.#role;
  }

  /** The shared connection's status, the same in every tab (so a status banner works anywhere). */
  get status(): SocketStatus {
    return this.#status;
  }

  /** Is this socket shared with other tabs (Web Locks and BroadcastChannel exist)? */
  get shared(): boolean {
    return this.#platform !== undefined;
  }

  /**
   * Sends through the shared connection. In the leader, as `ResilientSocket.send`; in a follower,
   * `'queued'` until the leader takes it (see the class). Throws a `TypeError` for data a
   * WebSocket would not send as it is, and after `close()`.
   */
  send(data: MessageData): SendResult {
    checkMessage(`${OWNER}.send`, data);
    if (this.#closed) throw new ClosewiseError('connect', 'closewise: send() after close(); call reconnect() first');
    if (this.#socket) return this.#socket.send(data);
    const max = this.#options.outbox?.maxQueuedMessages ?? 1000;
    if (this.#pending.size >= max) throw new OutboxFullError('messages', max);
    const seq = ++this.#seq;
    this.#pending.set(seq, data);
    this.#post({ t: 'send', from: this.#id, seq, first: this.#first(), data });
    return 'queued';
  }

  /**
   * This tab leaves the shared connection: it stops receiving, its unsent messages are reported
   * in `drop` events, and it ends in `closed`. If it was the leader, it closes the real
   * connection with `code` and `reason`, and another tab (if any) takes over with a new one.
   */
  close(code = 1000, reason = ''): void {
    checkCloseFrame(`${OWNER}.close`, code, reason);
    if (this.#closed) return;
    this.#closed = true;
    const unsent = this.#abdicate(code, reason);
    this.#disconnect();
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    for (const [seq, data] of [...this.#pending]) {
      this.#pending.delete(seq);
      unsent.push(data);
    }
    for (const data of unsent) this.emit('drop', { data, reason: 'closed' });
    this.#setStatus(CLOSED);
    this.emit('stopped', { reason: 'closed' });
  }

  /** Connects again now: in the leader at once; a follower asks the leader. After `close()`, rejoins. */
  reconnect(): void {
    if (this.#closed) {
      this.#closed = false;
      this.#unsubscribe = this.#lifecycle?.subscribe((e) => this.#page(e));
      this.#setStatus(CONNECTING);
      this.#join();
      return;
    }
    if (this.#socket) this.#socket.reconnect();
    else this.#post({ t: 'reconnect', from: this.#id });
  }

  // ---- election ------------------------------------------------------------------------------

  #join(): void {
    const platform = this.#platform;
    if (!platform) {
      this.#lead();
      return;
    }
    const channel = platform.channel(this.#name);
    channel.onmessage = (e) => {
      if (isWire(e.data)) this.#receive(e.data);
    };
    this.#channel = channel;
    const abort = new AbortController();
    this.#abort = abort;
    platform.locks
      .request(this.#name, { signal: abort.signal }, () => {
        if (abort.signal.aborted) return undefined;
        return new Promise<void>((release) => {
          this.#resign = release;
          this.#lead();
        });
      })
      .catch(() => {
        // Aborted (the tab left or hid before it was its turn) or the lock manager refused: a
        // follower stays a follower.
      });
    this.#post({ t: 'join', from: this.#id });
  }

  #lead(): void {
    this.#abort = undefined;
    const { name: _name, platform: _platform, ...own } = this.#options;
    const socket = new ResilientSocket(this.#url, {
      ...own,
      ...(this.#options.auth && { auth: { ...this.#options.auth, refresh: (ctx) => this.#refresh(ctx) } }),
      // Shared, this class reacts to pagehide and pageshow itself (a leaving leader hands over)
      // and the socket only needs the network events; alone, it is a plain per-tab socket.
      lifecycle: this.#platform ? networkOnly(this.#lifecycle) : (this.#lifecycle ?? false),
    });
    this.#socket = socket;
    this.#taken.clear();
    this.#setRole('leader');
    const forward = <K extends keyof ResilientSocketEvents>(name: K) =>
      socket.on(name, ((payload: never) => this.#fromLeader(name, payload)) as never);
    for (const name of ['state', 'open', 'message', 'close', 'reconnecting', 'policy', 'stopped', 'error'] as const) {
      forward(name);
    }
    socket.on('drop', (dropped) => this.emit('drop', dropped));
    // The socket's own first `state` event (delivered once this returns) tells the listeners.
    this.#status = socket.status;
    this.#post({ t: 'leader', from: this.#id, status: socket.status });
    const handoff = this.#handoff;
    if (handoff) this.#takeHandoff(handoff);
    // What this tab sent as a follower and no leader took: its own outbox has it now.
    for (const [seq, data] of [...this.#pending]) {
      this.#pending.delete(seq);
      this.#sendOwn(socket, data);
    }
  }

  #sendOwn(socket: ResilientSocket, data: MessageData): void {
    try {
      socket.send(data);
    } catch {
      this.emit('drop', { data, reason: 'overflow' });
    }
  }

  /**
   * Stops leading: the role goes first (no tab may believe it leads once the lock is free), then
   * the real connection closes. Returns what its outbox still held, in order.
   */
  #abdicate(code: number, reason: string): MessageData[] {
    const socket = this.#socket;
    const items: MessageData[] = [];
    if (!socket) return items;
    this.#socket = undefined;
    this.#setRole('follower');
    // The socket's own closing events are not this tab's to report: it reports its own below.
    socket.removeAllListeners();
    socket.on('drop', (dropped) => items.push(dropped.data));
    socket.close(code, reason);
    socket.removeAllListeners();
    return items;
  }

  /** Lets go of the lock (or the wait for it) and the channel. */
  #disconnect(): void {
    this.#abort?.abort();
    this.#abort = undefined;
    this.#resign?.();
    this.#resign = undefined;
    this.#channel?.close();
    this.#channel = undefined;
  }

  #page(e: LifecycleEvent): void {
    if (this.#closed || !this.#platform) return;
    if (e === 'pagehide' && !this.#hidden) {
      this.#hidden = true;
      const items = this.#abdicate(1000, 'closewise: the leader tab left');
      // Handed to whichever tab leads next; if none takes it (the last tab left), it is lost
      // with the page that sent it.
      if (items.length > 0) this.#post({ t: 'handoff', from: this.#id, id: randomId(), items });
      this.#disconnect();
      this.#setStatus(CONNECTING);
    } else if (e === 'pageshow' && this.#hidden) {
      this.#hidden = false;
      this.#join();
    }
  }

  // ---- leader ---------------------------------------------------------------------------------

  #fromLeader<K extends keyof ResilientSocketEvents>(name: K, payload: unknown): void {
    let event: WireEvent;
    if (name === 'policy') {
      const p = payload as PolicyEvent;
      const token = `${this.#id}:${++this.#policyToken}`;
      this.#policy = { token, event: p };
      event = {
        name: 'policy',
        payload: {
          classification: p.classification,
          kind: p.kind,
          advice: p.advice,
          token,
          ...(p.resumeAt !== undefined && { resumeAt: p.resumeAt }),
        },
      };
    } else if (name === 'error') {
      const e = payload as ClosewiseError;
      event = { name: 'error', payload: { kind: e.kind, message: e.message } };
    } else event = { name, payload } as WireEvent;
    if (name === 'state') this.#status = payload as SocketStatus;
    this.#post({ t: 'event', from: this.#id, event });
    (this.emit as (n: string, p: unknown) => boolean)(name, payload);
  }

  async #refresh(ctx: RefreshContext): Promise<void> {
    const refresh = this.#options.auth?.refresh;
    try {
      await refresh?.(ctx);
    } catch (error) {
      this.#announceRefresh(false);
      throw error;
    }
    this.#announceRefresh(true);
  }

  #announceRefresh(ok: boolean): void {
    this.#post({ t: 'event', from: this.#id, event: { name: 'refresh', payload: { ok } } });
    this.emit('refresh', { ok });
  }

  #takeSend(from: string, seq: number, first: number, data: MessageData): void {
    const socket = this.#socket;
    if (!socket) return;
    // A tab new to this leader starts where it says its oldest held message is.
    const last = this.#taken.get(from) ?? first - 1;
    if (seq <= last) {
      this.#post({ t: 'ack', to: from, seq, outcome: 'sent' }); // a repeat: it was taken already
      return;
    }
    // In order per tab: only the next one, and only while open (else the follower keeps it).
    if (seq !== last + 1 || socket.status.state !== 'open') {
      this.#post({ t: 'ack', to: from, seq, outcome: 'held' });
      return;
    }
    let outcome: SendResult;
    try {
      outcome = socket.send(data);
    } catch {
      this.#post({ t: 'ack', to: from, seq, outcome: 'held' });
      return;
    }
    this.#taken.set(from, seq);
    this.#post(
      outcome === 'dropped'
        ? { t: 'ack', to: from, seq, outcome: 'dropped', reason: 'overflow' }
        : { t: 'ack', to: from, seq, outcome: 'sent' },
    );
  }

  #takeHandoff(handoff: { id: string; items: readonly MessageData[] }): void {
    const socket = this.#socket;
    if (!socket) return;
    this.#handoff = undefined;
    for (const data of handoff.items) this.#sendOwn(socket, data);
    this.#post({ t: 'handoff-done', id: handoff.id });
  }

  // ---- the channel ----------------------------------------------------------------------------

  #post(message: Wire): void {
    try {
      this.#channel?.postMessage(message);
    } catch {
      // A closed channel (the tab is leaving): nothing to tell.
    }
  }

  #receive(m: Wire): void {
    const leading = this.#socket !== undefined;
    switch (m.t) {
      case 'join':
        if (leading) this.#post({ t: 'leader', from: this.#id, status: this.#status, to: m.from });
        return;
      case 'leader':
        if (leading || (m.to !== undefined && m.to !== this.#id)) return;
        this.#setStatus(m.status);
        this.#offer();
        return;
      case 'event':
        if (!leading) this.#mirror(m.event);
        return;
      case 'send':
        if (leading) this.#takeSend(m.from, m.seq, m.first, m.data);
        return;
      case 'ack': {
        if (m.to !== this.#id || leading) return;
        const data = this.#pending.get(m.seq);
        if (data === undefined || m.outcome === 'held') return;
        this.#pending.delete(m.seq);
        if (m.outcome === 'dropped') this.emit('drop', { data, reason: m.reason ?? 'overflow' });
        return;
      }
      case 'policy':
        if (leading && this.#policy?.token === m.token) {
          if (m.action === 'retry') this.#policy.event.retry();
          else this.#policy.event.stop();
        }
        return;
      case 'reconnect':
        this.#socket?.reconnect();
        return;
      case 'handoff':
        if (leading) this.#takeHandoff(m);
        else this.#handoff = m;
        return;
      case 'handoff-done':
        if (this.#handoff?.id === m.id) this.#handoff = undefined;
        return;
    }
  }

  /** A follower shows the leader's event as its own. */
  #mirror(e: WireEvent): void {
    switch (e.name) {
      case 'state':
        this.#setStatus(e.payload);
        if (e.payload.state === 'open') this.#offer();
        return;
      case 'stopped':
        // As the leader drops its own queue when it stops, so does every follower.
        this.emit('stopped', e.payload);
        for (const [seq, data] of [...this.#pending]) {
          this.#pending.delete(seq);
          this.emit('drop', { data, reason: 'stopped' });
        }
        return;
      case 'policy': {
        const { token, ...rest } = e.payload;
        const event: PolicyEvent = {
          ...rest,
          retry: () => this.#post({ t: 'policy', from: this.#id, token, action: 'retry' }),
          stop: () => this.#post({ t: 'policy', from: this.#id, token, action: 'stop' }),
        };
        this.emit('policy', event);
        return;
      }
      case 'error':
        this.emit('error', new ClosewiseError(e.payload.kind as ClosewiseErrorKind, e.payload.message));
        return;
      default:
        (this.emit as (n: string, p: unknown) => boolean)(e.name, e.payload);
    }
  }

  /** Offers the leader every message this tab still holds, oldest first. */
  #offer(): void {
    const first = this.#first();
    for (const [seq, data] of this.#pending) this.#post({ t: 'send', from: this.#id, seq, first, data });
  }

  /** The oldest seq this tab still holds (Map keeps insertion order, which is seq order). */
  #first(): number {
    for (const seq of this.#pending.keys()) return seq;
    return this.#seq + 1;
  }

  #setRole(role: TabRole): void {
    if (this.#role === role) return;
    this.#role = role;
    this.emit('role', role);
  }

  #setStatus(status: SocketStatus): void {
    this.#status = status;
    this.emit('state', status);
  }
}

function defaultName(url: Provider<string>): string {
  if (typeof url !== 'string') {
    throw new TypeError(`${OWNER}: options.name is required when the url is a provider function`);
  }
  let parsed: URL;
  try {
    parsed = new URL(url, (globalThis as { location?: { href?: string } }).location?.href);
  } catch {
    throw new TypeError(`${OWNER}: url must be a valid URL, got ${describeValue(url)}`);
  }
  // Origin and path only: a token in the query must not end up in a lock or channel name.
  return `closewise:${parsed.origin}${parsed.pathname}`;
}

function networkOnly(lifecycle: Lifecycle | undefined): Lifecycle | false {
  if (!lifecycle) return false;
  return {
    isOnline: () => lifecycle.isOnline(),
    subscribe: (listener) => lifecycle.subscribe((e) => (e === 'online' || e === 'offline') && listener(e)),
  };
}

function isPlatform(value: unknown): value is TabsPlatform {
  const p = value as Partial<TabsPlatform> | null;
  return (
    typeof p === 'object' && p !== null && typeof p.channel === 'function' && typeof p.locks?.request === 'function'
  );
}

function randomId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  return c?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
