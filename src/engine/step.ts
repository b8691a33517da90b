import type { ClosewiseErrorKind } from '../client/errors.js';
import type { DropReason, MessageData } from '../client/outbox.js';
import { nextDelay } from '../policy/backoff.js';
import {
  type CloseClassification,
  type CloseInitiator,
  type ConnectionPhase,
  classifyUnchecked,
  reportedCode,
} from '../policy/classify.js';
import { type CloseDecision, decideAfterClose, type StopReason } from '../policy/decide.js';
import { CLOSE_AFTER_ERROR_MS, type EngineConfig, MAX_TIMER_MS } from './config.js';
import type { Effect, EngineEvent } from './effects.js';
import type { Env, Failure, Input, UnsentMessage } from './inputs.js';
import { afterClose, budgetSpent, HEALTHY, healthy, repeatsOf } from './outage.js';
import { emptyQueue, entries, peek, prepend, push, type QueueEntry, shift, size } from './queue.js';
import { currentConn, type EngineState, type Hold, type Phase, type TimerName } from './state.js';
import { statusOf } from './status.js';
import { THROTTLED, waitBeforeSend } from './throttle.js';

/**
 * What `send` did: sent, queued, dropped (a `drop` event says why), or refused because the outbox
 * is full under `overflow: 'reject'` (the interpreter throws `OutboxFullError`).
 *
 * @example
 * ```ts
 * const outcome: SendOutcome = { full: 'messages', max: 1000 };
 * ```
 */
export type SendOutcome = 'sent' | 'queued' | 'dropped' | { readonly full: 'messages' | 'bytes'; readonly max: number };

/**
 * One step's result: the next state, and the effects to carry out in order. Events come last, so
 * an interpreter that performs effects in order emits only once every other effect is done.
 *
 * @example
 * ```ts
 * const { state, effects } = step(config, state0, { type: 'start' }, env);
 * ```
 */
export interface StepResult {
  readonly state: EngineState;
  readonly effects: readonly Effect[];
  /** For a `send` input. */
  readonly sent?: SendOutcome;
}

/**
 * The connection engine: the next state and effects for one input. Pure: it reads the world only
 * through `env` and changes nothing it was given. Classification, decisions and delays all
 * happen here; `ResilientSocket` only carries out the effects.
 *
 * @example
 * ```ts
 * let state = initialState();
 * ({ state } = step(config, state, { type: 'start' }, env)); // effects: resolve, set-timer...
 * ```
 */
export function step(config: EngineConfig, state: EngineState, input: Input, env: Env): StepResult {
  const draft = new Draft(config, state, env);
  draft.handle(input);
  return draft.result();
}

const CONNECTION_TIMERS: readonly TimerName[] = [
  'deadline',
  'close-after-error',
  'uptime',
  'heartbeat',
  'pong',
  'throttle',
  'recover',
];

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The state being built by one step: a copy, never the caller's object. */
class Draft {
  readonly s: Mutable<EngineState>;
  readonly #io: Effect[] = [];
  readonly #events: Array<EngineEvent | 'state'> = [];
  #sent: SendOutcome | undefined;

  constructor(
    readonly c: EngineConfig,
    state: EngineState,
    readonly env: Env,
  ) {
    this.s = { ...state };
  }

  result(): StepResult {
    const effects = this.#io;
    // One `state` event per step, carrying the status the step ends with.
    for (const e of this.#events) {
      effects.push({ type: 'emit', event: e === 'state' ? { name: 'state', status: statusOf(this.s) } : e });
    }
    return { state: this.s, effects, ...(this.#sent !== undefined && { sent: this.#sent }) };
  }

  handle(i: Input): void {
    switch (i.type) {
      case 'start':
        this.#listen(true);
        if (this.env.online()) this.#attempt();
        else this.#enter({ name: 'offline' });
        return;
      case 'send':
        this.#send(i.data, i.bytes, i.deferred === true, i.tag);
        return;
      case 'unsent':
        // The implementation told us (ws's send callback): it never wrote these messages.
        this.#unsent(i.messages);
        return;
      case 'close':
        if (this.s.phase.name === 'closed') return;
        this.#halt(i.code, i.reason);
        this.#listen(false);
        this.#enter({ name: 'closed' });
        this.#drain('closed');
        this.#emit({ name: 'stopped', reason: 'closed' });
        return;
      case 'reconnect':
        this.#reconnect();
        return;
      case 'policy-retry':
        if (this.#policyToken() === i.policy) this.#reconnect();
        return;
      case 'policy-stop':
        if (this.#policyToken() === i.policy) this.#stop('policy', this.s.lastClose);
        return;
      case 'lifecycle':
        this.#lifecycle(i.event);
        return;
      case 'timer':
        // A firing of a timer that was replaced or cleared meanwhile.
        if (this.s.timers[i.name] !== i.id) return;
        this.#forgetTimer(i.name);
        this.#timer(i.name);
        return;
      case 'native-close':
        this.#nativeClose(i.conn, i);
        return;
      case 'close-failed':
        this.#error('socket', { message: 'closewise: the WebSocket close() call threw', cause: i.error });
        return;
    }
    // The one place where a result that belongs to an attempt that is over is ignored.
    if (!this.#awaits(i)) return;
    switch (i.type) {
      case 'resolved': {
        const conn = this.#id();
        this.s.phase = { name: 'connecting', step: 'handshake', conn };
        this.#io.push({
          type: 'connect',
          conn,
          url: i.url,
          ...(i.protocols !== undefined && { protocols: i.protocols }),
        });
        return;
      }
      case 'resolve-failed':
        this.#fail('url', i.error);
        return;
      case 'connect-failed':
        this.#fail('connect', i.error);
        return;
      case 'native-open':
        this.s.outage = { ...this.s.outage, handshakeFailures: 0, unanswered: 0 };
        if (this.c.onOpen) {
          this.s.phase = { name: 'connecting', step: 'hook', conn: i.conn };
          this.#io.push({
            type: 'run-hook',
            conn: i.conn,
            attempt: this.s.outage.attempts,
            totalAttempts: this.s.attempts,
          });
        } else this.#open(i.conn);
        return;
      case 'hook-done':
        this.#open(i.conn);
        return;
      case 'hook-failed':
        this.#retire(i.conn, 1000, 'closewise: onOpen failed', true);
        this.#fail('open-hook', { message: 'closewise: the onOpen hook failed', cause: i.error });
        return;
      case 'native-message':
        if (i.pong === true) this.#clearTimer('pong');
        else {
          if (i.pong !== false) this.#error('heartbeat', i.pong);
          this.#emit({ name: 'message', data: i.data });
        }
        return;
      case 'native-error':
        this.#error('socket', { message: 'closewise: WebSocket error (a close event follows)', cause: i.event });
        this.#setTimer('close-after-error', CLOSE_AFTER_ERROR_MS);
        return;
      case 'ping-built': {
        const hb = this.c.heartbeat;
        if (!hb) return;
        if (this.env.writable()) {
          this.#transmit(i.conn, i.data, i.bytes, true);
          // One pong deadline at a time: a ping interval shorter than the timeout must not keep
          // pushing the deadline back.
          if (this.s.timers.pong === undefined) this.#setTimer('pong', hb.timeoutMs);
        }
        this.#setTimer('heartbeat', hb.intervalMs);
        return;
      }
      case 'ping-failed':
        // Nothing valid went out, so there is no pong to wait for: an app bug must not cut a
        // healthy connection.
        this.#error('heartbeat', i.error);
        if (this.c.heartbeat) this.#setTimer('heartbeat', this.c.heartbeat.intervalMs);
        return;
      case 'refreshed': {
        const code = this.s.lastClose?.code ?? 1006;
        this.s.outage = { ...this.s.outage, lastRefresh: { at: this.env.now(), code } };
        // A refresh is an attempt: the usual backoff follows it, and it spends the budget.
        this.#retryOrGiveUp(this.s.lastClose);
        return;
      }
      case 'refresh-failed': {
        const policy = this.#id();
        this.#enter({ name: 'paused', policy });
        this.#error('auth-refresh', { message: 'closewise: auth.refresh failed; paused', cause: i.error });
        if (this.s.lastClose) this.#emit({ name: 'policy', classification: this.s.lastClose, kind: 'auth', policy });
        return;
      }
    }
  }

  /** Does the engine still wait for this result? */
  #awaits(i: Input): boolean {
    const p = this.s.phase;
    switch (i.type) {
      case 'resolved':
      case 'resolve-failed':
        return p.name === 'connecting' && p.step === 'resolve' && p.id === i.id;
      case 'refreshed':
      case 'refresh-failed':
        return p.name === 'connecting' && p.step === 'refresh' && p.id === i.id;
      case 'native-open':
      case 'connect-failed':
        return p.name === 'connecting' && p.step === 'handshake' && p.conn === i.conn;
      case 'hook-done':
      case 'hook-failed':
        return p.name === 'connecting' && p.step === 'hook' && p.conn === i.conn;
      case 'ping-built':
      case 'ping-failed':
        return p.name === 'open' && p.conn === i.conn;
      case 'native-message':
      case 'native-error':
        return currentConn(p) === i.conn;
      default:
        return false;
    }
  }

  // ---- attempts ------------------------------------------------------------------------------

  #attempt(): void {
    const id = this.#id();
    this.s.attempts++;
    this.#enter({ name: 'connecting', step: 'resolve', id });
    // One deadline for the whole attempt: a provider whose token fetch hangs, a handshake that
    // never completes and an onOpen hook that never settles all end here.
    this.#setTimer('deadline', this.c.connectTimeoutMs);
    this.#io.push({ type: 'resolve', id });
  }

  #open(conn: number): void {
    this.#clearTimer('deadline');
    this.#enter({ name: 'open', conn });
    // Only a connection that stays up counts as healthy: an accept-then-close server must not
    // reset backoff on every open.
    this.#setTimer('uptime', this.c.minUptimeMs);
    if (this.s.throttle) this.#setTimer('recover', this.c.rateLimit.recoverAfterMs);
    if (this.c.heartbeat) this.#setTimer('heartbeat', this.c.heartbeat.intervalMs);
    this.#flush(conn);
    this.#emit({ name: 'open', conn, attempt: this.s.outage.attempts, totalAttempts: this.s.attempts });
  }

  /** The attempt failed before it had a connection to close (provider, constructor, hook). */
  #fail(kind: ClosewiseErrorKind, error: Failure): void {
    this.#clearConnectionTimers();
    this.#error(kind, error);
    this.#retryOrGiveUp();
  }

  #reconnect(): void {
    this.#halt(1000, 'closewise: reconnect');
    this.s.outage = HEALTHY;
    this.#listen(true);
    this.#attempt();
  }

  #retryOrGiveUp(c?: CloseClassification): void {
    const { outage } = this.s;
    if (budgetSpent(outage, this.env.now(), this.c.maxAttempts, this.c.maxElapsedMs)) {
      this.#stop('gave-up', c);
      return;
    }
    const delay = nextDelay(
      {
        action: 'reconnect',
        attempt: outage.attempts,
        random: this.env.random,
        scope: outage.scope ?? 'client',
        // After a refresh or a failure before any socket: a crash stays a crash.
        unanswered: outage.unanswered,
        ...(outage.startedAt !== undefined && { elapsedMs: this.env.now() - outage.startedAt }),
      },
      this.c.backoff,
    );
    this.#scheduleRetry(delay, c);
  }

  #scheduleRetry(delayMs: number, c?: CloseClassification, policy?: number, ordered = false): void {
    const now = this.env.now();
    const outage = this.s.outage;
    const ms = Math.min(Math.max(0, delayMs), MAX_TIMER_MS);
    const hold: Hold | undefined = ordered ? { until: now + ms, ...(policy !== undefined && { policy }) } : undefined;
    if (!this.env.online()) {
      this.#enter({ name: 'offline', ...(hold && { hold }) });
      return;
    }
    const attempts = outage.attempts + 1;
    this.s.outage = { ...outage, attempts, startedAt: outage.startedAt ?? now };
    this.#wait(now + ms, hold);
    this.#emit({ name: 'reconnecting', attempt: attempts, delayMs: ms, ...(c && { classification: c }) });
  }

  /** Backoff until `until`; with a server-ordered `hold`, one that survives offline and hidden. */
  #wait(until: number, hold?: Hold): void {
    const policy = hold?.policy;
    this.#enter({ name: 'backoff', until, ...(policy !== undefined && { policy }), ...(hold && { hold: true }) });
    this.#setTimer('retry', until - this.env.now());
  }

  /** Back online or visible: resume a server-ordered wait that is not over, else connect now. */
  #resume(hold: Hold | undefined): void {
    if (!this.env.online()) this.#enter({ name: 'offline', ...(hold && { hold }) });
    else if (hold && hold.until > this.env.now()) this.#wait(hold.until, hold);
    else this.#attempt();
  }

  // ---- closes --------------------------------------------------------------------------------

  #nativeClose(conn: number, event: { code: number; reason: string; wasClean: boolean }): void {
    const retired = this.s.retired.find((r) => r.conn === conn);
    if (retired) {
      // A close we asked for: report the real code, decide nothing.
      this.s.retired = this.s.retired.filter((r) => r !== retired);
      this.#emit({ name: 'close', classification: this.#classify(event, 'client', retired.phase) });
      return;
    }
    if (currentConn(this.s.phase) !== conn) return;
    this.#lost(this.#classify(event, 'server', this.#connPhase()));
  }

  /**
   * We give up on the current socket ourselves (timeout, heartbeat, offline), or stop waiting for
   * a close event that the runtime never fires after an error (`server`: the far side failed it).
   * No close frame arrived: 1006 is what a browser reports for such a connection.
   */
  #abandon(initiator: Exclude<CloseInitiator, 'client'>): void {
    const conn = currentConn(this.s.phase);
    if (conn === undefined) return;
    const phase = this.#connPhase();
    // Its close event may never come, so it is not waited for: the 1006 is reported now.
    const why = initiator === 'server' ? 'error without close' : initiator;
    this.#retire(conn, 1000, `closewise: ${why}`, false);
    this.#lost(this.#classify({ code: 1006, reason: '', wasClean: false }, initiator, phase));
  }

  /** The current connection is gone: report it, account for what it did not send, decide. */
  #lost(c: CloseClassification): void {
    const unsent = this.env.unsent();
    this.#clearConnectionTimers();
    this.s.lastClose = c;
    this.s.outage = afterClose(this.s.outage, c);
    this.#emit({ name: 'close', classification: c });
    this.#unsent(unsent);
    if (c.initiator === 'offline') {
      this.#enter({ name: 'offline' });
      return;
    }
    this.#perform(this.#decide(c), c);
  }

  #decide(c: CloseClassification): CloseDecision {
    const { c: o, s, env } = this;
    const { outage } = s;
    return decideAfterClose({
      classification: c,
      attempt: outage.attempts,
      now: env.now(),
      ...(outage.startedAt !== undefined && { outageStartedAt: outage.startedAt }),
      maxAttempts: o.maxAttempts,
      maxElapsedMs: o.maxElapsedMs,
      canRefresh: o.auth !== undefined,
      handshakeFailures: outage.handshakeFailures,
      unanswered: outage.unanswered,
      refreshAfterHandshakeFailures: o.auth?.handshakeFailures ?? 3,
      ...(outage.lastRefresh && { lastRefresh: outage.lastRefresh }),
      loopWindowMs: o.auth?.loopWindowMs ?? 0,
      ...(outage.scope && { scope: outage.scope }),
      random: env.random,
      backoff: o.backoff,
    });
  }

  /** Carries out a decision: the one place every `CloseDecision` is acted on. */
  #perform(d: CloseDecision, c: CloseClassification): void {
    switch (d.type) {
      case 'none':
        this.#stop('closed', c);
        return;
      case 'retry': {
        // A wait the server ordered survives going offline or hidden.
        const ordered = c.action === 'reconnect-later' || c.action === 'slow-down' || c.retryAfterMs !== undefined;
        this.#scheduleRetry(d.delayMs, c, undefined, ordered);
        return;
      }
      case 'refresh': {
        const id = this.#id();
        this.#enter({ name: 'connecting', step: 'refresh', id });
        this.#io.push({ type: 'refresh', id, trigger: c.code === 1006 ? 'handshake' : 'policy', classification: c });
        return;
      }
      case 'pause': {
        const policy = this.#id();
        this.#enter({ name: 'paused', policy });
        this.#emit({ name: 'policy', classification: c, kind: d.kind, policy });
        return;
      }
      case 'rate-limit': {
        const policy = this.#id();
        this.s.throttle = THROTTLED;
        this.#scheduleRetry(d.delayMs, c, policy, true);
        const p = this.s.phase;
        this.#emit({
          name: 'policy',
          classification: c,
          kind: 'rate-limit',
          policy,
          ...(p.name === 'backoff' && { resumeAt: p.until }),
        });
        return;
      }
      case 'stop':
        this.#stop(d.reason, c);
        return;
    }
  }

  #stop(reason: StopReason, c?: CloseClassification): void {
    // Every way here comes after the connection is gone (a close, a failed attempt, a pause), so
    // there is no socket to retire: only the timers go.
    this.#clearTimers();
    this.#enter({ name: 'stopped' });
    this.#drain('stopped');
    this.#emit({ name: 'stopped', reason, ...(c && { classification: c }) });
  }

  /** Cancels every timer and pending wait, and closes the native socket (its close is reported). */
  #halt(code: number, reason: string): void {
    this.#clearTimers();
    const conn = currentConn(this.s.phase);
    if (conn !== undefined) this.#retire(conn, code, reason, true);
  }

  /** Closes a native socket we no longer want; with `report`, its real close event is reported. */
  #retire(conn: number, code: number, reason: string, report: boolean): void {
    this.#io.push({ type: 'close-native', conn, code, reason, report });
    if (report) {
      // Bounded: a runtime may never deliver a close (Node 22 after a refused handshake).
      this.s.retired = [...this.s.retired.slice(-7), { conn, phase: this.#connPhase() }];
    }
  }

  #classify(
    event: { code: number; reason?: string; wasClean?: boolean },
    initiator: CloseInitiator,
    phase: ConnectionPhase,
  ): CloseClassification {
    const code = reportedCode(event.code);
    return classifyUnchecked(
      // Not a spread: a native CloseEvent's reason and wasClean are prototype getters.
      { code, reason: event.reason, wasClean: event.wasClean },
      {
        codes: this.c.codes,
        initiator,
        phase,
        repeats: repeatsOf(this.s.outage, code),
        reconnectOnNormalClose: this.c.reconnectOnNormalClose,
      },
    );
  }

  /** Had the current connection opened (its `onOpen` hook may still be running)? */
  #connPhase(): ConnectionPhase {
    const p = this.s.phase;
    return p.name === 'open' || (p.name === 'connecting' && p.step === 'hook') ? 'open' : 'handshake';
  }

  #policyToken(): number | undefined {
    const p = this.s.phase;
    if (p.name === 'backoff') return p.policy;
    if (p.name === 'paused') return p.policy ?? p.hold?.policy;
    return p.name === 'offline' ? p.hold?.policy : undefined;
  }

  /** The server-ordered wait of a backoff, to keep while offline or hidden. */
  #holdOf(p: Phase): Hold | undefined {
    if (p.name !== 'backoff' || !p.hold) return undefined;
    return { until: p.until, ...(p.policy !== undefined && { policy: p.policy }) };
  }

  // ---- lifecycle and timers ------------------------------------------------------------------

  #lifecycle(event: 'online' | 'offline' | 'pagehide' | 'pageshow'): void {
    const p = this.s.phase;
    if (p.name === 'closed' || p.name === 'stopped') return;
    switch (event) {
      case 'offline':
        if (p.name === 'paused' || p.name === 'offline') return;
        if (currentConn(p) !== undefined) this.#abandon('offline');
        else {
          // In backoff, or waiting for a provider or a refresh: that wait ends too, but a wait
          // the server ordered is kept for when the network is back.
          const hold = this.#holdOf(p);
          this.#clearTimer('retry');
          this.#clearTimer('deadline');
          this.#enter({ name: 'offline', ...(hold && { hold }) });
        }
        return;
      case 'online':
        if (p.name === 'offline') this.#resume(p.hold);
        return;
      case 'pagehide': {
        // An open socket keeps the page out of the back/forward cache: close it, come back later.
        if (p.name === 'paused') return;
        const hold = p.name === 'offline' ? p.hold : this.#holdOf(p);
        this.#halt(1000, 'closewise: page hidden');
        this.#enter({ name: 'paused', hidden: true, ...(hold && { hold }) });
        return;
      }
      case 'pageshow':
        if (p.name === 'paused' && p.hidden) this.#resume(p.hold);
        return;
    }
  }

  #timer(name: TimerName): void {
    const p = this.s.phase;
    switch (name) {
      case 'retry':
        if (p.name === 'backoff') this.#attempt();
        return;
      case 'deadline':
        if (p.name !== 'connecting') return;
        if (p.step === 'resolve') {
          this.#fail('url', { message: 'closewise: the url or protocols provider did not settle in time' });
        } else this.#abandon('timeout');
        return;
      case 'close-after-error':
        this.#abandon('server');
        return;
      case 'pong':
        this.#abandon('heartbeat');
        return;
      case 'uptime':
        // status.attempt goes back to 0: a `state` event says so.
        if (this.s.outage.attempts !== 0) this.#enter(p);
        this.s.outage = healthy(this.s.outage);
        return;
      case 'heartbeat':
        if (p.name === 'open') this.#io.push({ type: 'ping', conn: p.conn });
        return;
      case 'recover':
        this.s.throttle = undefined;
        if (p.name === 'open') this.#flush(p.conn);
        return;
      case 'throttle':
        if (p.name === 'open') this.#flush(p.conn);
        return;
    }
  }

  #setTimer(name: TimerName, ms: number): void {
    const id = this.#id();
    this.s.timers = { ...this.s.timers, [name]: id };
    this.#io.push({ type: 'set-timer', name, id, ms: Math.min(Math.max(0, ms), MAX_TIMER_MS) });
  }

  #clearTimer(name: TimerName): void {
    if (this.s.timers[name] === undefined) return;
    this.#forgetTimer(name);
    this.#io.push({ type: 'clear-timer', name });
  }

  #forgetTimer(name: TimerName): void {
    const { [name]: _, ...rest } = this.s.timers;
    this.s.timers = rest;
  }

  #clearTimers(): void {
    for (const name of Object.keys(this.s.timers) as TimerName[]) this.#clearTimer(name);
  }

  #clearConnectionTimers(): void {
    for (const name of CONNECTION_TIMERS) this.#clearTimer(name);
  }

  // ---- sending -------------------------------------------------------------------------------

  #send(data: MessageData, bytes: number, deferred: boolean, tag: unknown): void {
    const p = this.s.phase;
    if (p.name === 'closed') {
      // Only a send queued behind the app's own close() gets here: it was never accepted.
      this.#drop(data, 'closed', tag);
      this.#sent = 'dropped';
      return;
    }
    if (p.name === 'open' && size(this.s.outbox) === 0 && this.#sendableIn() === 0) {
      this.#transmit(p.conn, data, bytes, false, tag);
      this.#sent = 'sent';
      return;
    }
    this.#enqueue(data, bytes, deferred, tag);
    if (p.name === 'open') this.#flush(p.conn);
  }

  #enqueue(data: MessageData, bytes: number, deferred: boolean, tag: unknown): void {
    const { maxMessages, maxBytes, overflow } = this.c.outbox;
    let q = this.s.outbox;
    const fits = () => size(q) < maxMessages && q.bytes + bytes <= maxBytes;
    if (!fits()) {
      // A deferred send already returned 'queued': it cannot throw any more, so it is a drop.
      if (overflow === 'reject' && !deferred) {
        this.#sent = size(q) >= maxMessages ? { full: 'messages', max: maxMessages } : { full: 'bytes', max: maxBytes };
        return;
      }
      const tooLarge = bytes > maxBytes;
      if (overflow === 'drop-oldest' && !tooLarge) {
        for (let head = peek(q); head && !fits(); head = peek(q)) {
          this.#drop(head.item, 'overflow', head.tag);
          q = shift(q);
        }
      }
      if (!fits()) {
        this.#drop(data, tooLarge ? 'too-large' : 'overflow', tag);
        this.s.outbox = q;
        this.#sent = 'dropped';
        return;
      }
    }
    this.s.outbox = push(q, data, bytes, tag);
    this.#sent = 'queued';
  }

  /** 0 when a message may go to the native socket now; else how long until it may (throttled). */
  #sendableIn(): number {
    if (!this.env.writable()) return Number.POSITIVE_INFINITY;
    return this.s.throttle ? waitBeforeSend(this.s.throttle, this.env.now(), this.c.rateLimit.sendIntervalMs) : 0;
  }

  #flush(conn: number): void {
    for (let head = peek(this.s.outbox); head; head = peek(this.s.outbox)) {
      const wait = this.#sendableIn();
      if (wait > 0) {
        if (wait !== Number.POSITIVE_INFINITY && this.s.timers.throttle === undefined) {
          this.#setTimer('throttle', wait);
        }
        return;
      }
      this.s.outbox = shift(this.s.outbox);
      this.#transmit(conn, head.item, head.bytes, false, head.tag);
    }
  }

  #transmit(conn: number, data: MessageData, bytes: number, own: boolean, tag?: unknown): void {
    if (this.s.throttle && !own) this.s.throttle = { lastSendAt: this.env.now() };
    this.#io.push({ type: 'transmit', conn, data, bytes, own, tag });
  }

  /**
   * Messages a dead connection never sent: dropped as `unsent`, or with `requeueUnsent` put back
   * in front of the outbox, oldest first, as far as its limits allow (the rest are `overflow`).
   */
  #unsent(lost: readonly UnsentMessage[]): void {
    const { requeueUnsent, maxMessages, maxBytes } = this.c.outbox;
    const back: QueueEntry<MessageData>[] = [];
    let count = size(this.s.outbox);
    let bytes = this.s.outbox.bytes;
    for (const e of lost) {
      if (requeueUnsent && count < maxMessages && bytes + e.bytes <= maxBytes) {
        back.push({ item: e.data, bytes: e.bytes, tag: e.tag });
        count++;
        bytes += e.bytes;
      } else this.#drop(e.data, requeueUnsent ? 'overflow' : 'unsent', e.tag);
    }
    this.s.outbox = prepend(this.s.outbox, back);
  }

  #drain(reason: DropReason): void {
    for (const e of entries(this.s.outbox)) this.#drop(e.item, reason, e.tag);
    this.s.outbox = emptyQueue();
  }

  // ---- plumbing ------------------------------------------------------------------------------

  #enter(phase: Phase): void {
    if (!this.#events.includes('state')) this.#events.push('state');
    this.s.phase = phase;
  }

  #listen(on: boolean): void {
    if (this.s.listening === on) return;
    this.s.listening = on;
    if (this.c.lifecycle) this.#io.push({ type: 'listen', on });
  }

  #emit(event: EngineEvent): void {
    this.#events.push(event);
  }

  #error(kind: ClosewiseErrorKind, error: Failure): void {
    this.#emit({ name: 'error', kind, error });
  }

  #drop(data: MessageData, reason: DropReason, tag?: unknown): void {
    this.#emit({ name: 'drop', data, reason, tag });
  }

  #id(): number {
    return ++this.s.seq;
  }
}
