import type { ClosewiseErrorKind } from '../client/errors.js';
import type { SocketStatus } from '../client/events.js';
import type { DropReason, MessageData } from '../client/outbox.js';
import type { CloseClassification } from '../policy/classify.js';
import type { StopReason } from '../policy/decide.js';
import type { PolicyKind } from '../registry/types.js';
import type { Failure } from './inputs.js';
import type { TimerName } from './state.js';

/**
 * An event for the app, as data. The interpreter adds what only it has (the native socket's URL
 * and protocol, advice text in the app's locale, `retry()`/`stop()` bound to `policy`).
 *
 * @example
 * ```ts
 * const e: EngineEvent = { name: 'reconnecting', attempt: 1, delayMs: 740 };
 * ```
 */
export type EngineEvent =
  | { readonly name: 'state'; readonly status: SocketStatus }
  | { readonly name: 'open'; readonly conn: number; readonly attempt: number; readonly totalAttempts: number }
  | { readonly name: 'message'; readonly data: unknown }
  | { readonly name: 'close'; readonly classification: CloseClassification }
  | {
      readonly name: 'reconnecting';
      readonly attempt: number;
      readonly delayMs: number;
      readonly classification?: CloseClassification;
    }
  | {
      readonly name: 'policy';
      readonly classification: CloseClassification;
      readonly kind: PolicyKind;
      /** The token that `policy-retry` / `policy-stop` inputs bring back. */
      readonly policy: number;
      readonly resumeAt?: number;
    }
  | { readonly name: 'stopped'; readonly reason: StopReason; readonly classification?: CloseClassification }
  | { readonly name: 'drop'; readonly data: MessageData; readonly reason: DropReason; readonly tag?: unknown }
  | { readonly name: 'error'; readonly kind: ClosewiseErrorKind; readonly error: Failure };

/**
 * What a step asks the interpreter to do. Each result comes back as an `Input` with the same id.
 *
 * - `resolve`: call the URL and protocol providers for attempt `id`.
 * - `connect`: create native socket `conn`.
 * - `run-hook`: call `onOpen` for `conn`.
 * - `refresh`: call `auth.refresh`.
 * - `close-native`: close `conn` and stop listening to it; with `report`, its close event still
 *   comes back (and is reported as a client close).
 * - `transmit`: hand data to `conn`.
 * - `ping`: build a heartbeat ping for `conn` (`ping-built` / `ping-failed` come back).
 * - `set-timer` (replacing any timer of that name) / `clear-timer`.
 * - `listen`: subscribe to or unsubscribe from the page lifecycle.
 * - `emit`: deliver an event; the interpreter emits them after every other effect of the step.
 *
 * @example
 * ```ts
 * const e: Effect = { type: 'set-timer', name: 'retry', id: 7, ms: 740 };
 * ```
 */
export type Effect =
  | { readonly type: 'resolve'; readonly id: number }
  | { readonly type: 'connect'; readonly conn: number; readonly url: string; readonly protocols?: string | string[] }
  | { readonly type: 'run-hook'; readonly conn: number; readonly attempt: number; readonly totalAttempts: number }
  | {
      readonly type: 'refresh';
      readonly id: number;
      readonly trigger: 'policy' | 'handshake';
      readonly classification: CloseClassification;
    }
  | {
      readonly type: 'close-native';
      readonly conn: number;
      readonly code: number;
      readonly reason: string;
      readonly report: boolean;
    }
  | {
      readonly type: 'transmit';
      readonly conn: number;
      readonly data: MessageData;
      readonly bytes: number;
      /** A heartbeat ping: never reported as unsent. */
      readonly own: boolean;
      /** The `tag` the message was sent with, to come back if it turns out unsent. */
      readonly tag?: unknown;
    }
  | { readonly type: 'ping'; readonly conn: number }
  | { readonly type: 'set-timer'; readonly name: TimerName; readonly id: number; readonly ms: number }
  | { readonly type: 'clear-timer'; readonly name: TimerName }
  | { readonly type: 'listen'; readonly on: boolean }
  | { readonly type: 'emit'; readonly event: EngineEvent };
