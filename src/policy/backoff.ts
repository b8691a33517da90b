import type { CloseAction } from '../registry/types.js';
import { crashDelay } from './crash.js';
import { MAX_HINT_MS } from './hints.js';

/**
 * The numbers behind every reconnect delay. All in milliseconds.
 *
 * @example
 * ```ts
 * const fast: BackoffConfig = { ...DEFAULT_BACKOFF, initialDelayMs: 250, maxDelayMs: 5_000 };
 * ```
 */
export interface BackoffConfig {
  /** Ceiling of the first `reconnect` delay; the ceiling doubles on every attempt (default 1000). */
  readonly initialDelayMs: number;
  /** Largest ceiling for `reconnect` delays (default 30000). */
  readonly maxDelayMs: number;
  /**
   * Ceiling of the first `reconnect` delay in a fleet-scoped outage (1014, 1001, 1011...; default
   * 8000): every client behind the server was hit at once, so the first wave is spread over 8 s.
   */
  readonly fleetInitialDelayMs: number;
  /**
   * Largest ceiling in a fleet-scoped outage (default 11000), so recovery is still quick. After the
   * first wave, fleet delays are random in [ceiling / 2, ceiling].
   */
  readonly fleetMaxDelayMs: number;
  /**
   * Retry period when the server looks down for everyone: a 1006 while open, then an attempt
   * that is refused or times out (default 2480). See `crash.ts`.
   */
  readonly crashDelayMs: number;
  /** Growth of that period per ms since the outage began (default 0.22: +1.1 s per 5 s down). */
  readonly crashGrowth: number;
  /** Largest crash period (default 9500): every client is back within this of recovery. */
  readonly crashMaxDelayMs: number;
  /** Shortest `slow-down` delay (default 30000); doubles per attempt. */
  readonly slowDownMinMs: number;
  /** Largest base for `slow-down`; the jittered delay is then 1-2x this (default 300000: 5-10 min). */
  readonly slowDownMaxMs: number;
  /** Range of the first `reconnect-later` (1012) delay (default 5000-30000). */
  readonly laterMinMs: number;
  readonly laterMaxMs: number;
  /** Extra random share added on top of a server's retry-after hint (default 0.2: up to +20 %). */
  readonly hintJitter: number;
}

/**
 * The defaults, chosen from RFC 6455 §7.2.3 and the 1012/1013 registrations.
 *
 * @example
 * ```ts
 * nextDelay({ action: 'reconnect', attempt: 2, random: Math.random }, { ...DEFAULT_BACKOFF, maxDelayMs: 10_000 });
 * ```
 */
export const DEFAULT_BACKOFF: BackoffConfig = {
  initialDelayMs: 1000,
  maxDelayMs: 30_000,
  fleetInitialDelayMs: 8000,
  fleetMaxDelayMs: 11_000,
  crashDelayMs: 2480,
  crashGrowth: 0.22,
  crashMaxDelayMs: 9500,
  slowDownMinMs: 30_000,
  slowDownMaxMs: 300_000,
  laterMinMs: 5000,
  laterMaxMs: 30_000,
  hintJitter: 0.2,
};

/**
 * What the next delay depends on.
 *
 * @example
 * ```ts
 * const input: DelayInput = { action: 'reconnect', attempt: 0, random: Math.random };
 * ```
 */
export interface DelayInput {
  readonly action: CloseAction;
  /** Failed attempts so far in this outage, starting at 0. */
  readonly attempt: number;
  /** The server's hint from the close reason: a floor for the delay. */
  readonly retryAfterMs?: number;
  /** A source of numbers in [0, 1). */
  readonly random: () => number;
  /** `fleet` spreads `reconnect` delays wider (see `BackoffConfig.fleetInitialDelayMs`). */
  readonly scope?: 'fleet' | 'client';
  /**
   * Attempts in a row the server did not answer: refused (1006 before open) or timed out. Above 0
   * in a `client`-scoped outage, the crash profile applies (see `crash.ts`).
   */
  readonly unanswered?: number;
  /** Time since the outage began, in ms. */
  readonly elapsedMs?: number;
}

// Past 2^40 the ceiling is at the cap for any sane base; capping the exponent keeps the math finite.
const MAX_EXPONENT = 40;

function unit(random: () => number): number {
  const r = random();
  return Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0.5;
}

function exponential(base: number, cap: number, attempt: number): number {
  const n = Number.isFinite(attempt) && attempt > 0 ? Math.min(Math.floor(attempt), MAX_EXPONENT) : 0;
  return Math.min(cap, base * 2 ** n);
}

/**
 * The delay before the next attempt, in ms. Pure and overflow-safe: any attempt count gives a
 * finite delay, still random at the cap.
 *
 * - `reconnect`: full jitter, random in [0, min(max, initial * 2^attempt)]; with `scope: 'fleet'`
 *   the first wave is random in [0, 8 s] and later attempts random in [ceiling / 2, ceiling] with
 *   the ceiling capped at 11 s (`fleetInitialDelayMs`, `fleetMaxDelayMs`): measured in
 *   docs/benchmarks.md, this halves the peak of a 10,000-client storm without slower recovery.
 * - `reconnect-later`: random in [5 s, 30 s], the ceiling growing like `reconnect` after that.
 * - `slow-down` and rate-limit `policy`: base = min(slowDownMax, slowDownMin * 2^attempt), delay
 *   random in [base, 2 * base]: at least 30 s, 5-10 min at the cap.
 * - A `retryAfterMs` hint is a floor on top of that: the delay is the larger of the code's own
 *   delay and the hint plus up to `hintJitter` of it (the hint clamped to one hour).
 * - `maxDelayMs` caps every `reconnect` delay, fleet ones included; only the server's own
 *   instructions go above it (a hint, 1012's 5-30 s, 1013's and rate limits' >= 30 s).
 *
 * @example
 * ```ts
 * nextDelay({ action: 'reconnect', attempt: 3, random: () => 0.5 });              // 4000
 * nextDelay({ action: 'slow-down', attempt: 0, random: () => 0 });                // 30000
 * nextDelay({ action: 'reconnect', attempt: 0, retryAfterMs: 2000, random: () => 1 }); // 2400
 * ```
 */
export function nextDelay(input: DelayInput, config: BackoffConfig = DEFAULT_BACKOFF): number {
  const r = unit(input.random);
  const own = profileDelay(input, r, config);
  if (input.retryAfterMs === undefined || !Number.isFinite(input.retryAfterMs)) return own;
  // A hint is a floor on top of the code's own delay, never a replacement: `retry-after=0` must
  // not remove backoff.
  const floor = Math.min(Math.max(input.retryAfterMs, 0), MAX_HINT_MS);
  return Math.max(own, Math.round(floor + r * floor * config.hintJitter));
}

function profileDelay(input: DelayInput, r: number, config: BackoffConfig): number {
  const { action, attempt, scope } = input;
  switch (action) {
    case 'reconnect-later': {
      const ceiling = Math.max(config.laterMaxMs, exponential(config.initialDelayMs, config.maxDelayMs, attempt));
      return Math.round(config.laterMinMs + r * (ceiling - config.laterMinMs));
    }
    case 'slow-down':
    case 'policy': {
      const base = exponential(config.slowDownMinMs, config.slowDownMaxMs, attempt);
      return Math.round(base + r * base);
    }
    default: {
      const failures = input.unanswered ?? 0;
      if (scope !== 'fleet' && failures > 0) {
        return crashDelay(failures, input.elapsedMs ?? 0, r, config);
      }
      if (scope !== 'fleet') return Math.round(r * exponential(config.initialDelayMs, config.maxDelayMs, attempt));
      // `maxDelayMs` bounds every delay closewise picks itself, the fleet's wide spread included.
      const ceiling = exponential(
        config.fleetInitialDelayMs,
        Math.min(config.fleetMaxDelayMs, config.maxDelayMs),
        attempt,
      );
      // The first wave spreads over the whole window; later attempts stay in the upper half of
      // theirs, so early retries do not pile onto the first wave (full jitter would peak at e/C).
      return Math.round(attempt > 0 ? ceiling / 2 + (r * ceiling) / 2 : r * ceiling);
    }
  }
}
