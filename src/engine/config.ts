import type { OverflowPolicy } from '../client/outbox.js';
import type { BackoffConfig } from '../policy/backoff.js';
import type { CodeMap } from '../registry/types.js';

/**
 * The options the engine decides with, validated and complete. `ResolvedOptions` (the socket's
 * options after `resolveOptions`) is one; the functions in it are the interpreter's business, the
 * engine only asks whether they exist.
 *
 * @example
 * ```ts
 * const config: EngineConfig = resolveOptions({ backoff: { maxAttempts: 5 } });
 * ```
 */
export interface EngineConfig {
  readonly backoff: BackoffConfig;
  readonly maxAttempts: number;
  readonly maxElapsedMs: number;
  readonly minUptimeMs: number;
  readonly connectTimeoutMs: number;
  readonly reconnectOnNormalClose: boolean;
  readonly codes: readonly CodeMap[];
  readonly auth?: { readonly handshakeFailures: number; readonly loopWindowMs: number };
  /** Is there an `onOpen` hook to run before the connection counts as open? */
  readonly onOpen?: unknown;
  readonly heartbeat?: { readonly intervalMs: number; readonly timeoutMs: number };
  readonly rateLimit: { readonly sendIntervalMs: number; readonly recoverAfterMs: number };
  readonly outbox: {
    readonly maxMessages: number;
    readonly maxBytes: number;
    readonly overflow: OverflowPolicy;
    /** Put provably unsent messages back at the front of the outbox instead of dropping them. */
    readonly requeueUnsent: boolean;
  };
  /** Is there a page lifecycle to listen to? */
  readonly lifecycle?: unknown;
}

export { MAX_TIMER_MS } from '../internal/timer.js';

/** Browsers and `ws` fire `close` right after `error`; Node 22's fires none after a refused handshake. */
export const CLOSE_AFTER_ERROR_MS = 1000;
