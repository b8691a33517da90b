import type { Clock } from '../client/clock.js';
import { systemClock } from '../client/clock.js';
import { checkCloseFrame } from '../client/close-frame.js';
import { GuardedEmitter } from '../client/emitter.js';
import { ClosewiseError, type ClosewiseErrorKind } from '../client/errors.js';
import type { PolicyEvent, ResilientSocketEvents, SendResult, SocketStatus } from '../client/events.js';
import { browserLifecycle, type Lifecycle, type LifecycleEvent } from '../client/lifecycle.js';
import { type Provider, type RefreshContext, type ResilientSocketOptions, resolveOptions } from '../client/options.js';
import { checkMessage, type DroppedMessage, type DropReason, type MessageData } from '../client/outbox.js';
import { toWebSocketUrl } from '../client/url.js';
import { describeValue, mustBe } from '../internal/checks.js';
import { LeaderSocket, type Relayed } from './leader-socket.js';
import { LossReports } from './loss-reports.js';
import { browserPlatform, type TabChannel, type TabsPlatform } from './platform.js';
import { isWire, type RefreshOutcome, type Wire, type WireEvent } from './protocol.js';
import { TabOutbox } from './tab-outbox.js';
import { TakenLedger } from './taken-ledger.js';
import { loadTaken, saveTaken } from './taken-record.js';

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
/** How long a closing follower waits for the leader's answer on what it already offered. */
const CLOSE_WAIT_MS = 1000;

/**
 * One connection for all the tabs of a browser profile. The tabs elect a leader with a Web Lock
 * (held for the tab's life, so the browser passes it on when the tab closes, crashes or goes into
 * the back/forward cache); only the leader opens the real connection, and a BroadcastChannel
 * carries its events and messages to the other tabs and their sends to it. Where Web Locks or
 * BroadcastChannel are missing, every tab is its own leader: a per-tab `ResilientSocket`.
 *
 * A follower's `send` returns `'queued'`: the message waits in that tab until the leader is open
 * and takes it, in order per tab; a message the leader took and then lost (its connection died
 * before the message left, or stopped with it queued) is reported as a `drop` in the tab that
 * sent it, never in the leader's.
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
  readonly #clock: Clock;
  readonly #id = randomId();
  #role: TabRole = 'follower';
  #status: SocketStatus = CONNECTING;
  /** `active`; `hidden` (in the back/forward cache: out of the election); `closed` by the app. */
  #page: 'active' | 'hidden' | 'closed' = 'active';
  #channel: TabChannel | undefined;
  #abort: AbortController | undefined;
  /** Resolves the lock callback's promise: the lock goes to the next tab. */
  #resign: (() => void) | undefined;
  /** The real connection, in the leader; a leader without one is dormant (the last one stopped). */
  #socket: LeaderSocket | undefined;
  /**
   * Leader side: what a last leader's handoff gave this tab to send (other tabs' messages, each
   * with its tab), waiting while this leader is dormant; they go out before this tab's own.
   */
  readonly #relayed: Relayed[] = [];
  /** A leaving leader's handoff, due in a microtask (see #stepDown). */
  #handoffDue: (() => void) | undefined;
  /** The leader this follower last heard from: offers to an earlier one get no answer. */
  #leaderId: string | undefined;
  /** Own messages this tab sent from its held copies when it began to lead (see #inherit). */
  readonly #sentCopies = new Set<number>();
  /** Run to completion: a call made while one of this tab's steps runs waits for it. */
  #running = false;
  readonly #queued: (() => void)[] = [];
  #unsubscribe: (() => void) | undefined;
  /** What this tab sent and no leader has taken yet. */
  readonly #held: TabOutbox;
  #policy: { token: string; event: PolicyEvent } | undefined;
  #policyToken = 0;
  /** Leader side: what was taken from each tab (handed on to the next leader). */
  readonly #taken = new TakenLedger();
  /** Leader side: lost messages of other tabs whose drop they have not confirmed reporting. */
  readonly #reports = new LossReports();
  /** This tab's messages whose drop it reported from a leader's report (a report may come twice). */
  readonly #reported = new Set<number>();
  /** A closing follower's wait for the leader's answers. */
  #closing: unknown;
  /** A handoff heard while following, for when this tab leads. */
  #handoff: Extract<Wire, { t: 'handoff' }> | undefined;

  constructor(url: Provider<string>, options: SharedSocketOptions = {}) {
    const clock = options.clock ?? systemClock;
    super(clock);
    if (typeof url !== 'string' && typeof url !== 'function') mustBe(`${OWNER}: url`, 'a string or a function', url);
    if (options.name !== undefined && (typeof options.name !== 'string' || options.name === '')) {
      mustBe(`${OWNER}: options.name`, 'a non-empty string', options.name);
    }
    if (options.platform !== undefined && options.platform !== false && !isPlatform(options.platform)) {
      mustBe(`${OWNER}: options.platform`, 'false or { locks, channel(name), storage? }', options.platform);
    }
    // The options and URL the leader's connection will get, checked now: in whichever tab leads,
    // a bad value would otherwise only fail inside the lock's callback, out of the app's sight.
    const { name: _name, platform: _platform, ...own } = options;
    resolveOptions(own);
    if (typeof url === 'string') toWebSocketUrl(url, (globalThis as { location?: { href?: string } }).location?.href);
    this.#url = url;
    this.#options = options;
    this.#clock = clock;
    this.#name = options.name ?? defaultName(url);
    this.#platform = options.platform === false ? undefined : (options.platform ?? browserPlatform());
    this.#lifecycle = options.lifecycle === undefined ? browserLifecycle() : options.lifecycle || undefined;
    const outbox = options.outbox ?? {};
    this.#held = new TabOutbox({
      maxMessages: outbox.maxQueuedMessages ?? 1000,
      maxBytes: outbox.maxQueuedBytes ?? 1024 * 1024,
      overflow: outbox.overflow ?? 'reject',
    });
    this.#unsubscribe = this.#lifecycle?.subscribe((e) => this.#pageEvent(e));
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
   * `'queued'` until the leader takes it (see the class), with the same `outbox` limits. Throws a
   * `TypeError` for data a WebSocket would not send as it is, and after `close()`.
   */
  send(data: MessageData): SendResult {
    checkMessage(`${OWNER}.send`, data);
    if (this.#page === 'closed') {
      throw new ClosewiseError('connect', 'closewise: send() after close(); call reconnect() first');
    }
    if (this.#socket) return this.#socket.send(data);
    const seq = this.#held.add(data, (dropped) => this.emit('drop', dropped));
    if (seq === undefined) return 'dropped';
    this.#offerOne(seq, this.#held.first, data);
    return 'queued';
  }

  /**
   * This tab leaves the shared connection and ends in `closed`. If it leads, it closes the real
   * connection with `code` and `reason`, reports its own queued messages as dropped, hands the
   * other tabs' messages it still held to the next leader, and another tab (if any) takes over
   * with a new connection. A follower waits up to 1 s for the leader's answer on what it already
   * offered, so that only what really was not sent is reported as dropped.
   */
  close(code = 1000, reason = ''): void {
    checkCloseFrame(`${OWNER}.close`, code, reason);
    this.#serial(() => this.#close(code, reason));
  }

  #close(code: number, reason: string): void {
    if (this.#page === 'closed') return;
    const wasHidden = this.#page === 'hidden';
    this.#page = 'closed';
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    if (this.#role === 'leader') {
      this.#stepDown(code, reason, (dropped) => this.emit('drop', dropped), false);
      this.#setStatus(CLOSED);
      this.emit('stopped', { reason: 'closed' });
      // The channel stays open for the handoff, which closes it.
      this.#dropHeld('closed');
      return;
    }
    this.#abdicate(code, reason, noop, noop);
    this.#setStatus(CLOSED);
    this.emit('stopped', { reason: 'closed' });
    if (wasHidden || !this.#channel || this.#held.size === 0) this.#settleHeld('closed');
    else {
      // The leader may have taken some of them already: wait for its acks, then drop the rest.
      const wait = this.#clock.setTimeout(
        () =>
          this.#serial(() => {
            if (this.#closing !== wait) return;
            this.#closing = undefined;
            this.#settleHeld('closed');
          }),
        CLOSE_WAIT_MS,
      );
      this.#closing = wait;
    }
  }

  /** Connects again now: in the leader at once; a follower asks the leader. After `close()`, rejoins. */
  reconnect(): void {
    this.#serial(() => this.#reconnect());
  }

  #reconnect(): void {
    if (this.#page === 'closed') {
      // Back within the wait for answers: what was held is offered again (once: the leader
      // knows what it took), not dropped.
      if (this.#closing !== undefined) this.#clock.clearTimeout(this.#closing);
      this.#closing = undefined;
      this.#page = 'active';
      this.#unsubscribe = this.#lifecycle?.subscribe((e) => this.#pageEvent(e));
      this.#setStatus(CONNECTING);
      this.#join();
      return;
    }
    if (this.#socket) this.#socket.reconnect();
    else if (this.#role === 'leader') this.#connect();
    else this.#post({ t: 'reconnect', from: this.#id });
  }

  // ---- election ------------------------------------------------------------------------------

  #join(): void {
    const platform = this.#platform;
    if (!platform) {
      this.#lead();
      return;
    }
    // A channel still open for a handoff due (reconnect() right after close()) says it first.
    this.#closeChannel();
    const channel = platform.channel(this.#name);
    channel.onmessage = (e) => {
      const m = e.data;
      if (isWire(m)) this.#serial(() => this.#receive(m));
    };
    this.#channel = channel;
    const abort = new AbortController();
    this.#abort = abort;
    platform.locks
      .request(this.#name, { signal: abort.signal }, () => {
        if (abort.signal.aborted) return undefined;
        return new Promise<void>((release) => {
          this.#resign = release;
          // A close() that ran first let go of the lock already.
          this.#serial(() => this.#resign === release && this.#lead());
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
    this.#taken.clear();
    this.#reports.clear();
    // What leaders that have gone took (a tab back from the cache may offer it again).
    this.#taken.merge(loadTaken(this.#platform?.storage, this.#name, this.#clock.now()));
    // The role is set now and announced last: a `role` listener that calls reconnect() or
    // close() then acts on a leader that is fully set up.
    this.#role = 'leader';
    const handoff = this.#handoff;
    this.#handoff = undefined;
    // A connection that had stopped (a fatal code, a policy pause) stays stopped across a handoff
    // or the back/forward cache: this tab leads without connecting until someone calls
    // reconnect() or retry(), and keeps what it inherited until then.
    const last = handoff?.status ?? this.#status;
    const stopped = last.state === 'stopped' || last.state === 'paused';
    if (handoff) {
      // A stop or pause this tab may have missed (it was away) is its status now; otherwise the
      // new connection's own first `state` event says where things stand.
      if (stopped) this.#adopt(last);
      // The last leader's outbox goes out before this tab's own: it was sent earlier.
      this.#relayed.push(...this.#inherit(handoff));
    }
    // Its own messages that a leader took while this tab was away: they went out already.
    this.#held.forgetThrough(this.#taken.last(this.#id), this.#taken.skippedOf(this.#id));
    if (!stopped || !this.#platform) this.#connect();
    this.#post({ t: 'leader', from: this.#id, status: this.#status });
    this.emit('role', 'leader');
  }

  /** Keeps a message in this tab's own queue, after what it already holds. */
  #hold(data: MessageData): void {
    this.#held.keep(data); // accepted once already: the limits do not apply again
  }

  /** The leader opens the real connection; what it carries for others goes out before its own. */
  #connect(): void {
    if (this.#socket) {
      this.#socket.reconnect();
      return;
    }
    const { name: _name, platform: _platform, ...own } = this.#options;
    const socket = new LeaderSocket(this.#url, {
      ...own,
      ...(this.#options.auth && { auth: { ...this.#options.auth, refresh: (ctx) => this.#refresh(ctx) } }),
      // Shared, this class reacts to pagehide and pageshow itself (a leaving leader hands over)
      // and the socket only needs the network events; alone, it is a plain per-tab socket.
      lifecycle: this.#platform ? networkOnly(this.#lifecycle) : (this.#lifecycle ?? false),
    });
    this.#socket = socket;
    const forward = <K extends keyof ResilientSocketEvents>(name: K) =>
      socket.on(name, ((payload: never) => this.#fromLeader(name, payload)) as never);
    for (const name of ['state', 'open', 'message', 'close', 'reconnecting', 'policy', 'stopped', 'error'] as const) {
      forward(name);
    }
    socket.on('drop', (dropped) => this.emit('drop', dropped));
    socket.relayLost = (r, reason) => this.#lost(r, reason);
    // `status` follows the socket's own first `state` event (delivered once this returns), so
    // that it always matches the last `state` event.
    for (const r of this.#relayed.splice(0)) this.#carry(r);
    // What this tab sent as a follower and no leader took: its own outbox has it now.
    this.#sentCopies.clear();
    for (const { seq, data, reason } of this.#held.clear()) {
      if (reason) this.emit('drop', { data, reason });
      else {
        this.#sentCopies.add(seq);
        this.#sendOwn(socket, data);
      }
    }
  }

  #sendOwn(socket: LeaderSocket, data: MessageData): void {
    try {
      socket.send(data);
    } catch {
      this.emit('drop', { data, reason: 'overflow' });
    }
  }

  /** Sends a message handed over by a last leader, for the tab it came from (this one, maybe). */
  #carry(r: Relayed): void {
    const socket = this.#socket;
    if (!socket) {
      this.#relayed.push(r); // dormant: until it connects
      return;
    }
    if (r.from === this.#id) {
      this.#sendOwn(socket, r.data); // this tab's own, taken by an earlier leader
      return;
    }
    try {
      socket.sendFor(r);
    } catch {
      this.#lost(r, 'overflow');
    }
  }

  /**
   * A message of another tab that this leader will never send: reported in that tab, which
   * confirms; till then the report is kept and posted again when that tab (re)joins.
   */
  #lost(r: Relayed, reason: DropReason): void {
    if (r.from === this.#id) {
      this.emit('drop', { data: r.data, reason });
      return;
    }
    this.#reports.add({ tab: r.from, seq: r.seq, data: r.data, reason });
    this.#post({ t: 'dropped', to: r.from, seq: r.seq, data: r.data, reason });
  }

  /** A leader's report that it lost this tab's message `seq`: a drop here, once. */
  #reportLost(seq: number, data: MessageData, reason: DropReason): void {
    this.#held.take(seq); // lost before its ack came, or a copy kept on pagehide
    if (this.#reported.has(seq)) return;
    this.#reported.add(seq);
    if (this.#reported.size > 1000) this.#reported.delete(this.#reported.values().next().value as number);
    this.emit('drop', { data, reason });
  }

  /**
   * Stops leading: the role goes first (no tab may believe it leads once the lock is free), then
   * the real connection closes; what its outbox held goes to `drop` (this tab's own) and `relay`
   * (other tabs'). Also gives up the lock (or the wait for it); the channel stays open for the
   * last words.
   */
  #abdicate(
    code: number,
    reason: string,
    drop: (dropped: DroppedMessage) => void,
    relay: (message: Relayed) => void,
  ): void {
    const socket = this.#socket;
    this.#socket = undefined;
    const led = this.#role === 'leader';
    // No tab may believe it leads once the lock is free: the role goes first, its event last,
    // once what the connection held is back in place.
    this.#role = 'follower';
    for (const r of this.#relayed.splice(0)) relay(r);
    if (socket) {
      // Its own closing events are not this tab's to report, except its drops. A close() called
      // from one of its listeners runs once that listener returns: the drops come then.
      socket.removeAllListeners();
      socket.on('drop', drop);
      socket.relayLost = relay;
      socket.close(code, reason);
    }
    this.#abort?.abort();
    this.#abort = undefined;
    this.#resign?.();
    this.#resign = undefined;
    if (led) this.emit('role', 'follower');
  }

  /**
   * The leader leaves (close, pagehide): it abdicates, and the next leader is told what it took
   * from each tab, its status, and what its outbox held for other tabs (with `withHeld`, also this
   * tab's own held messages); then the channel closes if the page is gone. A close() from a
   * listener of the real connection closes it once that listener returns: then the handoff goes
   * out in a microtask, when every drop is in.
   */
  #stepDown(code: number, reason: string, own: (dropped: DroppedMessage) => void, withHeld: boolean): void {
    const status = this.#status;
    const socket = this.#socket;
    const items: Relayed[] = [];
    this.#abdicate(code, reason, own, (r) => items.push(r));
    const post = () => {
      if (this.#handoffDue !== post) return;
      this.#handoffDue = undefined;
      const held = withHeld ? this.#held.entries().map(({ seq, data }) => ({ from: this.#id, seq, data })) : [];
      // Recorded for a tab that comes back after every tab that knew is gone: what went out of
      // each tab (what it still held is handed over, perhaps to nobody, so that tab's own copy
      // must still go). Written in the task that gives up the lock, or its microtask: before the
      // next leader can read it.
      saveTaken(this.#platform?.storage, this.#name, this.#taken.sentThrough(items), this.#clock.now());
      const reports = this.#reports.all();
      this.#reports.clear();
      this.#post({
        t: 'handoff',
        from: this.#id,
        items: [...items, ...held],
        ...this.#taken.entries(),
        reports,
        status,
      });
      if (this.#page !== 'active') this.#closeChannel();
    };
    this.#handoffDue = post;
    if (!socket || socket.status.state === 'closed') post();
    else queueMicrotask(post);
  }

  /** Lets go of the channel, after a handoff that is due. */
  #closeChannel(): void {
    this.#handoffDue?.();
    this.#channel?.close();
    this.#channel = undefined;
  }

  /** Reports what this tab still holds as dropped, and lets go of the channel. */
  #settleHeld(reason: 'closed'): void {
    this.#dropHeld(reason);
    if (this.#page !== 'active') this.#closeChannel();
  }

  /** Reports everything this tab holds as dropped (`reason`, or why it was pushed out). */
  #dropHeld(reason: DropReason): void {
    for (const m of this.#held.clear()) this.emit('drop', { data: m.data, reason: m.reason ?? reason });
  }

  #pageEvent(e: LifecycleEvent): void {
    this.#serial(() => this.#onPage(e));
  }

  #onPage(e: LifecycleEvent): void {
    if (this.#page === 'closed' || !this.#platform) return;
    if (e === 'pagehide' && this.#page === 'active') {
      this.#page = 'hidden';
      if (this.#role === 'leader') {
        // What the leader's outbox held of its own becomes this tab's own again, numbered in
        // order before anything sent while hidden, and is handed to the next leader too: whoever
        // gets it first sends it, once (the next leader learns the seqs; a tab back from the
        // cache offers it again). Other tabs' messages are handed over only.
        this.#stepDown(1000, 'closewise: the leader tab left', ({ data }) => this.#hold(data), true);
      } else {
        this.#abdicate(1000, '', noop, noop);
        this.#closeChannel();
      }
      // Answers to its offers are lost with the channel: whoever leads when it is back is asked again.
      this.#leaderId = undefined;
      // The status stays as it was: a pause or a stop is still there when the page is back.
    } else if (e === 'pageshow' && this.#page === 'hidden') {
      this.#page = 'active';
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
    // A refresh that ends after this tab stopped leading is its own business: the others have a
    // new leader, which refreshes if it needs to.
    if (this.#role === 'leader')
      this.#post({ t: 'event', from: this.#id, event: { name: 'refresh', payload: { ok } } });
    this.emit('refresh', { ok });
  }

  #takeSend(from: string, seq: number, first: number, data: MessageData): void {
    const socket = this.#socket;
    const last = this.#taken.resume(from, first);
    if (seq <= last) {
      this.#post({ t: 'ack', to: from, seq, outcome: 'sent' }); // a repeat: it was taken already
      return;
    }
    // In order per tab: only the next one, and only while open (else the follower keeps it).
    if (!socket || seq !== last + 1 || socket.status.state !== 'open') {
      this.#post({ t: 'ack', to: from, seq, outcome: 'held' });
      return;
    }
    try {
      // A drop of it, now or later, goes to its tab (#lost), whatever the ack says.
      socket.sendFor({ from, seq, data });
    } catch {
      this.#post({ t: 'ack', to: from, seq, outcome: 'held' });
      return;
    }
    this.#taken.took(from, seq);
    this.#post({ t: 'ack', to: from, seq, outcome: 'sent' });
  }

  /**
   * A leaving leader's handoff: what it took from each tab, and what its outbox held, to be sent
   * here, in order: other tabs' messages (in its custody), and of its own what its tab has not
   * offered here yet (it keeps a copy, on pagehide).
   */
  #inherit(handoff: Extract<Wire, { t: 'handoff' }>): Relayed[] {
    this.#taken.merge(handoff.taken, handoff.skipped);
    for (const r of handoff.reports) {
      if (r.tab === this.#id) {
        this.#reportLost(r.seq, r.data, r.reason);
        continue;
      }
      this.#reports.add(r);
      // Its tab may have joined while this one still followed (and did not answer): tell it now.
      this.#post({ t: 'dropped', to: r.tab, seq: r.seq, data: r.data, reason: r.reason });
    }
    const items: Relayed[] = [];
    for (const r of handoff.items) {
      if (r.from === handoff.from) {
        // The last leader's own queue: it kept a copy (pagehide), and offers it again if it
        // comes back; what it offered here already is not sent twice.
        if (r.seq <= this.#taken.last(r.from)) continue;
        this.#taken.took(r.from, r.seq);
      }
      // This tab's own, come back: it goes out from here, once, and not from a copy it kept;
      // unless this tab sent that copy itself already (it led again before this reached it).
      if (r.from === this.#id && this.#held.take(r.seq) === undefined && this.#sentCopies.has(r.seq)) continue;
      items.push(r);
    }
    return items;
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
    const leading = this.#role === 'leader';
    switch (m.t) {
      case 'join':
        if (!leading) return;
        // Back from the cache, say: first what it missed hearing, then where things stand.
        for (const r of this.#reports.for(m.from)) {
          this.#post({ t: 'dropped', to: r.tab, seq: r.seq, data: r.data, reason: r.reason });
        }
        this.#post({ t: 'leader', from: this.#id, status: this.#status, to: m.from });
        return;
      case 'leader':
        if (leading || this.#page !== 'active' || (m.to !== undefined && m.to !== this.#id)) return;
        // A new leader took over, with the last one's handoff: a copy here would be stale.
        if (m.to === undefined) this.#handoff = undefined;
        if (m.from !== this.#leaderId) {
          // Offers made before get no answer now: a message pushed out while one was due is
          // asked about (was it taken?), everything else offered again.
          this.#leaderId = m.from;
          for (const seq of this.#held.unanswered()) this.#probe(seq);
        }
        // A stop this tab missed (it was away): what it holds is dropped, as the others did,
        // except what a leader took meanwhile (its answer was lost): each is asked about.
        // (A tab new here, or rejoining after close(), holds what it sent since: kept for a restart.)
        if (m.status.state === 'stopped' && this.#status.state !== 'stopped' && this.#status !== CONNECTING) {
          for (const seq of this.#held.evictAll('stopped')) this.#probe(seq);
        }
        this.#offer();
        this.#adopt(m.status);
        return;
      case 'event':
        if (!leading && this.#page === 'active') this.#mirror(m.event);
        return;
      case 'send':
        if (leading) this.#takeSend(m.from, m.seq, m.first, m.data);
        return;
      case 'probe':
        // Only whether it was taken: a message pushed out of its tab's queue is not taken now.
        if (leading) {
          const outcome = this.#taken.wasTaken(m.from, m.seq) ? 'sent' : 'held';
          this.#post({ t: 'ack', to: m.from, seq: m.seq, outcome });
        }
        return;
      case 'ack': {
        if (m.to !== this.#id || leading) return;
        // Held by a leader, for a tab that has closed: it will not be offered again.
        const dropped = this.#held.answered(m.seq, m.outcome, this.#page === 'closed');
        if (dropped) this.emit('drop', dropped);
        return;
      }
      case 'dropped':
        if (m.to !== this.#id) return;
        this.#post({ t: 'heard', from: this.#id, seq: m.seq });
        this.#reportLost(m.seq, m.data, m.reason);
        return;
      case 'heard':
        if (leading) this.#reports.heard(m.from, m.seq);
        return;
      case 'policy':
        if (!leading) return;
        if (!this.#socket) {
          // Dormant after a handoff: the old leader's pause, acted on here.
          if (m.action === 'retry') this.#connect();
          else if (this.#status.state === 'paused') {
            this.#fromLeader('state', { ...this.#status, state: 'stopped' });
            // As a stopping socket drops its outbox, before it says it stopped.
            for (const r of this.#relayed.splice(0)) this.#lost(r, 'stopped');
            this.#dropHeld('stopped');
            this.#fromLeader('stopped', { reason: 'policy' });
          }
        } else if (this.#policy?.token === m.token) {
          if (m.action === 'retry') this.#policy.event.retry();
          else this.#policy.event.stop();
        }
        return;
      case 'reconnect':
        if (leading) this.reconnect();
        return;
      case 'handoff':
        if (!leading) this.#handoff = m;
        else for (const r of this.#inherit(m)) this.#carry(r);
        return;
    }
  }

  /** A follower shows the leader's event as its own. */
  #mirror(e: WireEvent): void {
    switch (e.name) {
      case 'state':
        // Older messages are offered before a listener of this event can send a newer one.
        if (e.payload.state === 'open') this.#offer();
        this.#setStatus(e.payload);
        return;
      case 'stopped':
        // As the leader drops its own queue when it stops, so does every follower; a send from a
        // `stopped` listener is then held for the next start, as in the leader.
        this.#dropHeld('stopped');
        this.emit('stopped', e.payload);
        return;
      case 'policy': {
        const { token, ...rest } = e.payload;
        const event: PolicyEvent = {
          ...rest,
          retry: () => this.#policyAction(token, 'retry'),
          stop: () => this.#policyAction(token, 'stop'),
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

  /** A mirrored policy event's retry()/stop(): to the leader, which may be this tab by now. */
  #policyAction(token: string, action: 'retry' | 'stop'): void {
    const message: Wire = { t: 'policy', from: this.#id, token, action };
    if (this.#role === 'leader') this.#receive(message);
    else this.#post(message);
  }

  /** Offers the leader every message this tab still holds, oldest first. */
  #offer(): void {
    if (this.#page !== 'active') return; // a closing tab waits for answers, it does not ask again
    const first = this.#held.first;
    for (const { seq, data } of this.#held.entries()) this.#offerOne(seq, first, data);
  }

  /** Asks the leader whether it took `seq` (its answer settles a message pushed out meanwhile). */
  #probe(seq: number): void {
    this.#held.offered(seq);
    this.#post({ t: 'probe', from: this.#id, seq });
  }

  #offerOne(seq: number, first: number, data: MessageData): void {
    this.#held.offered(seq);
    this.#post({ t: 'send', from: this.#id, seq, first, data });
  }

  /** Runs `step` now, or after the step running in this tab, if any, and its events. */
  #serial(step: () => unknown): void {
    if (this.#running) {
      this.#queued.push(step);
      return;
    }
    this.#running = true;
    try {
      step();
      for (let next = this.#queued.shift(); next; next = this.#queued.shift()) next();
    } finally {
      this.#running = false;
    }
  }

  /** Takes a status another tab reported: a `state` event only if it differs from this tab's. */
  #adopt(status: SocketStatus): void {
    if (JSON.stringify(status) !== JSON.stringify(this.#status)) this.#setStatus(status);
  }

  #setStatus(status: SocketStatus): void {
    this.#status = status;
    this.emit('state', status);
  }
}

function noop(): void {}

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
    typeof p === 'object' &&
    p !== null &&
    typeof p.channel === 'function' &&
    typeof p.locks?.request === 'function' &&
    (p.storage === undefined || (typeof p.storage.getItem === 'function' && typeof p.storage.setItem === 'function'))
  );
}

function randomId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  return c?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
