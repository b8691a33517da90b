/**
 * Sending after a rate-limit policy close: at most one message per `sendIntervalMs` until the
 * connection has been open for `recoverAfterMs`. `undefined` in the engine's state means not
 * throttled.
 *
 * @example
 * ```ts
 * const t: Throttle = { lastSendAt: Number.NEGATIVE_INFINITY };
 * waitBeforeSend(t, 0, 250); // 0: nothing sent yet
 * ```
 */
export interface Throttle {
  /** When the last message went out while throttled (clock ms). */
  readonly lastSendAt: number;
}

/** A throttle that has sent nothing yet. */
export const THROTTLED: Throttle = { lastSendAt: Number.NEGATIVE_INFINITY };

/** Milliseconds until the next message may go out; 0 when it may go now (always when not throttled). */
export function waitBeforeSend(throttle: Throttle | undefined, now: number, intervalMs: number): number {
  return throttle ? Math.max(0, throttle.lastSendAt + intervalMs - now) : 0;
}
