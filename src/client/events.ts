import type { CloseClassification } from '../policy/classify.js';
import type { StopReason } from '../policy/decide.js';
import type { AdviceText, PolicyKind } from '../registry/types.js';
import type { ClosewiseError } from './errors.js';
import type { DroppedMessage } from './outbox.js';
import type { ConnectionState } from './state.js';

// The events of ResilientSocket (and, in part, of the reconnecting-websocket guard), in one place.

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
 * socket.on('open', ({ protocol, attempt }) => console.info(`connected (${protocol}) after ${attempt} retries`));
 * ```
 */
export interface OpenEvent {
  readonly url: string;
  readonly protocol: string;
  /**
   * As `status.attempt`: the retries of the current outage it took (0 when the first try worked,
   * and after `reconnect()`).
   */
  readonly attempt: number;
  /** Attempts since the socket was created, this one included (1 for the first). */
  readonly totalAttempts: number;
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
