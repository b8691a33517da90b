import type { EventEmitter } from 'eventemitter3';
import type { EngineConfig } from '../engine/config.js';
import type { Effect, EngineEvent } from '../engine/effects.js';
import type { Env, Input, UnsentMessage } from '../engine/inputs.js';
import { type EngineState, initialState, type TimerName } from '../engine/state.js';
import { statusOf } from '../engine/status.js';
import { type SendOutcome, step } from '../engine/step.js';
import type { AdviceCatalog, CodeMap } from '../registry/types.js';
import type { Clock } from './clock.js';
import { GuardedEmitter } from './emitter.js';
import { ClosewiseError } from './errors.js';
import type { OpenEvent, ResilientSocketEvents, SocketStatus } from './events.js';
import type { RefreshContext } from './options.js';
import type { DroppedMessage } from './outbox.js';
import { isPromise, policyEvent } from './policy-actions.js';

/** What every interpreter of the engine has: its config, and the app's clock, locale and hooks. */
export interface HostOptions extends EngineConfig {
  readonly clock: Clock;
  readonly random: () => number;
  readonly locale: AdviceCatalog;
  readonly codes: readonly CodeMap[];
  readonly auth?: EngineConfig['auth'] & { readonly refresh: (ctx: RefreshContext) => void | Promise<void> };
}

/** The effects only a particular interpreter knows how to carry out. */
export type OwnEffect = Exclude<Effect, { type: 'emit' | 'set-timer' | 'clear-timer' | 'refresh' }>;

/**
 * The imperative shell around the engine, shared by `ResilientSocket` and the
 * reconnecting-websocket guard: it steps inputs one at a time (run to completion), carries out
 * timers, refreshes and events, and leaves the socket effects to the subclass.
 *
 * A call made while a step runs (a listener calling `close()`, a hook calling `reconnect()`) is
 * queued and stepped after the current step; events go out only after the step's other effects,
 * so `status` always matches the last `state` event. Events of the constructor's steps are held
 * until the constructor has returned and listeners can exist.
 */
export abstract class EngineHost<Events extends EventEmitter.ValidEventTypes> extends GuardedEmitter<Events> {
  readonly #host: HostOptions;
  readonly #env: Env;
  #state: EngineState = initialState();
  /** Inputs that arrived while a step was running: stepped in order once it is done. */
  readonly #inbox: Input[] = [];
  #stepping = false;
  #held: EngineEvent[] | undefined = [];
  readonly #timers = new Map<TimerName, unknown>();

  constructor(options: HostOptions) {
    super(options.clock);
    this.#host = options;
    this.#env = {
      now: () => options.clock.now(),
      random: options.random,
      unsent: () => this.unsent(),
      writable: () => this.writable(),
      online: () => this.online(),
    };
  }

  /** The connection's status, updated before every `state` event. */
  get status(): SocketStatus {
    return statusOf(this.#state);
  }

  /** Starts the engine; subclasses call it last in their constructor. @internal */
  protected start(): void {
    this.#run({ type: 'start' });
    queueMicrotask(() => this.#release());
  }

  /** @internal */
  protected get state(): EngineState {
    return this.#state;
  }

  /** Is a step running (so a new input would be queued)? @internal */
  protected get stepping(): boolean {
    return this.#stepping;
  }

  /** @internal */
  protected get queued(): number {
    return this.#inbox.length;
  }

  /** Are events of the constructor's steps still waiting to be delivered? @internal */
  protected get holding(): boolean {
    return this.#held !== undefined;
  }

  /** Steps `input` after anything queued, once the constructor's events are out. @internal */
  protected dispatch(input: Input): SendOutcome | undefined {
    if (!this.#stepping) this.#release();
    return this.#run(input);
  }

  /**
   * Steps `input` at once, although a step is running. Only for a `send` with nothing queued
   * before it: what is left of the running step is its events, so order is kept.
   * @internal
   */
  protected stepNow(input: Input): SendOutcome | undefined {
    const result = step(this.#host, this.#state, input, this.#env);
    this.#state = result.state;
    for (const effect of result.effects) this.#perform(effect);
    return result.sent;
  }

  /** @internal */
  protected enqueue(input: Input): void {
    this.#inbox.push(input);
  }

  /** Cancels every timer the engine set (for a host that stops interpreting it). @internal */
  protected stopTimers(): void {
    for (const handle of this.#timers.values()) this.#host.clock.clearTimeout(handle);
    this.#timers.clear();
  }

  /** @internal */
  protected abstract perform(effect: OwnEffect): void;
  /** @internal */
  protected abstract openEvent(conn: number, attempt: number, totalAttempts: number): OpenEvent;
  /** @internal */
  protected abstract unsent(): readonly UnsentMessage[];
  /** @internal */
  protected abstract writable(): boolean;
  /** @internal */
  protected abstract online(): boolean;

  /**
   * A message will never be sent: a `drop` event, unless a subclass that tags its messages
   * reports it elsewhere (closewise/tabs: in the tab that sent it). @internal
   */
  protected dropped(message: DroppedMessage, _tag: unknown): void {
    (this as unknown as GuardedEmitter<ResilientSocketEvents>).emit('drop', message);
  }

  #run(input: Input): SendOutcome | undefined {
    this.#inbox.push(input);
    if (this.#stepping) return undefined;
    this.#stepping = true;
    let outcome: SendOutcome | undefined;
    try {
      for (let next = this.#inbox.shift(); next; next = this.#inbox.shift()) {
        const sent = this.stepNow(next);
        if (next === input) outcome = sent;
      }
    } finally {
      this.#stepping = false;
    }
    return outcome;
  }

  /** Delivers the constructor's events; calls their listeners make wait in the inbox. */
  #release(): void {
    const held = this.#held;
    if (!held) return;
    this.#held = undefined;
    // The constructor's steps may have moved on several times (connecting, then stopped): only
    // the last `state` event is delivered, since it is the one that matches `status` now.
    const lastState = [...held].reverse().find((e) => e.name === 'state');
    this.#stepping = true;
    try {
      for (const event of held) if (event.name !== 'state' || event === lastState) this.#deliver(event);
    } finally {
      this.#stepping = false;
    }
    // #run appends what it is given: taking the last one out keeps the order.
    const last = this.#inbox.pop();
    if (last) this.#run(last);
  }

  #perform(e: Effect): void {
    switch (e.type) {
      case 'emit':
        if (this.#held) this.#held.push(e.event);
        else this.#deliver(e.event);
        return;
      case 'set-timer': {
        const clock = this.#host.clock;
        const old = this.#timers.get(e.name);
        if (old !== undefined) clock.clearTimeout(old);
        const handle = clock.setTimeout(() => {
          if (this.#timers.get(e.name) === handle) this.#timers.delete(e.name);
          this.dispatch({ type: 'timer', name: e.name, id: e.id });
        }, e.ms);
        this.#timers.set(e.name, handle);
        return;
      }
      case 'clear-timer': {
        const handle = this.#timers.get(e.name);
        if (handle === undefined) return;
        this.#host.clock.clearTimeout(handle);
        this.#timers.delete(e.name);
        return;
      }
      case 'refresh': {
        const { id } = e;
        const done = () => this.dispatch({ type: 'refreshed', id });
        const failed = (error: unknown) => this.dispatch({ type: 'refresh-failed', id, error });
        try {
          const result = this.#host.auth?.refresh({ trigger: e.trigger, classification: e.classification });
          if (isPromise(result)) result.then(done, failed);
          else done();
        } catch (error) {
          failed(error);
        }
        return;
      }
      default:
        this.perform(e);
    }
  }

  #deliver(e: EngineEvent): void {
    // The engine's events are a superset of each interpreter's: emit through the widest type.
    const emit = this.emit.bind(this) as unknown as GuardedEmitter<ResilientSocketEvents>['emit'];
    switch (e.name) {
      case 'message':
        emit('message', e.data);
        return;
      case 'state':
        emit('state', e.status);
        return;
      case 'open':
        emit('open', this.openEvent(e.conn, e.attempt, e.totalAttempts));
        return;
      case 'close':
        emit('close', e.classification);
        return;
      case 'reconnecting':
        emit('reconnecting', {
          attempt: e.attempt,
          delayMs: e.delayMs,
          ...(e.classification && { classification: e.classification }),
        });
        return;
      case 'policy': {
        const { policy } = e;
        const { locale, codes } = this.#host;
        const actions = {
          retry: () => this.dispatch({ type: 'policy-retry', policy }),
          stop: () => this.dispatch({ type: 'policy-stop', policy }),
        };
        emit('policy', policyEvent(e.classification, e.kind, locale, codes, actions, e.resumeAt));
        return;
      }
      case 'stopped':
        emit('stopped', { reason: e.reason, ...(e.classification && { classification: e.classification }) });
        return;
      case 'drop':
        this.dropped({ data: e.data, reason: e.reason }, e.tag);
        return;
      case 'error':
        emit('error', new ClosewiseError(e.kind, e.error.message, e.error.cause));
        return;
    }
  }
}
