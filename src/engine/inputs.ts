import type { LifecycleEvent } from '../client/lifecycle.js';
import type { MessageData } from '../client/outbox.js';
import type { TimerName } from './state.js';

/**
 * Everything that can happen to a connection, as data: the app's calls, the native socket's
 * events (tagged with the connection they belong to), timers firing (tagged with the id they were
 * set with), page lifecycle events, and the results of the app's providers, hooks and refreshes
 * (tagged with their attempt). The interpreter turns each into one `step`.
 *
 * @example
 * ```ts
 * const input: Input = { type: 'native-close', conn: 3, code: 1008, reason: 'token expired', wasClean: true };
 * ```
 */
export type Input =
  | { readonly type: 'start' }
  | {
      readonly type: 'send';
      readonly data: MessageData;
      readonly bytes: number;
      /** Stepped after other queued calls: its caller was already told `'queued'`. */
      readonly deferred?: true;
      /**
       * Whose message it is, opaque to the engine: it travels with the message and comes back
       * in its `transmit` and, if it is lost, its `drop` (closewise/tabs: the tab that sent it).
       */
      readonly tag?: unknown;
    }
  /** Messages the implementation says it never wrote (ws's send callback), oldest first. */
  | { readonly type: 'unsent'; readonly messages: readonly UnsentMessage[] }
  | { readonly type: 'close'; readonly code: number; readonly reason: string }
  | { readonly type: 'reconnect' }
  | { readonly type: 'policy-retry'; readonly policy: number }
  | { readonly type: 'policy-stop'; readonly policy: number }
  | { readonly type: 'lifecycle'; readonly event: LifecycleEvent }
  | { readonly type: 'timer'; readonly name: TimerName; readonly id: number }
  | { readonly type: 'resolved'; readonly id: number; readonly url: string; readonly protocols?: string | string[] }
  | { readonly type: 'resolve-failed'; readonly id: number; readonly error: Failure }
  | { readonly type: 'refreshed'; readonly id: number }
  | { readonly type: 'refresh-failed'; readonly id: number; readonly error: unknown }
  | { readonly type: 'connect-failed'; readonly conn: number; readonly error: Failure }
  | { readonly type: 'native-open'; readonly conn: number }
  | { readonly type: 'native-message'; readonly conn: number; readonly data: unknown; readonly pong: boolean | Failure }
  | { readonly type: 'native-error'; readonly conn: number; readonly event: unknown }
  | {
      readonly type: 'native-close';
      readonly conn: number;
      readonly code: number;
      readonly reason: string;
      readonly wasClean: boolean;
    }
  | { readonly type: 'close-failed'; readonly conn: number; readonly error: unknown }
  | { readonly type: 'hook-done'; readonly conn: number }
  | { readonly type: 'hook-failed'; readonly conn: number; readonly error: unknown }
  | { readonly type: 'ping-built'; readonly conn: number; readonly data: MessageData; readonly bytes: number }
  | { readonly type: 'ping-failed'; readonly conn: number; readonly error: Failure };

/**
 * A message a dead connection provably never sent, with the `tag` it was sent with.
 *
 * @example
 * ```ts
 * const lost: UnsentMessage = { data: 'hello', bytes: 5 };
 * ```
 */
export interface UnsentMessage {
  readonly data: MessageData;
  readonly bytes: number;
  readonly tag?: unknown;
}

/** Something the app's code or the platform got wrong, described for the `error` event. */
export interface Failure {
  readonly message: string;
  readonly cause?: unknown;
}

/**
 * What a step may read of the world, given by the interpreter: time, randomness, and the current
 * native socket's readiness and buffer. Read lazily, only when a decision needs them.
 *
 * @example
 * ```ts
 * const env: Env = { now: () => 0, random: () => 0.5, unsent: () => [], writable: () => true, online: () => true };
 * ```
 */
export interface Env {
  now(): number;
  /** A number in [0, 1). */
  random(): number;
  /**
   * The messages the current native socket provably never sent: the newest ones its
   * `bufferedAmount` still covers, read once, when the connection is lost. The interpreter keeps
   * that trace (it hands messages over without a step on the send fast lane, see `sendsDirectly`).
   */
  unsent(): readonly UnsentMessage[];
  /** Is the current native socket `OPEN`? */
  writable(): boolean;
  /** Is the network up (the lifecycle's `isOnline()`; always without one)? */
  online(): boolean;
}
