/**
 * Time as the socket sees it. Inject a fake one in tests to run backoff without sleeping.
 *
 * @example
 * ```ts
 * const clock: Clock = { now: () => fakeNow, setTimeout: (fn, ms) => queue(fn, ms), clearTimeout: (h) => unqueue(h) };
 * new ResilientSocket(url, { clock });
 * ```
 */
export interface Clock {
  /** Current time in ms. */
  now(): number;
  /** Runs `callback` after `ms`; returns a handle. */
  setTimeout(callback: () => void, ms: number): unknown;
  /** Cancels a handle from `setTimeout`. */
  clearTimeout(handle: unknown): void;
}

/** The real clock: `Date.now` and the global timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};
