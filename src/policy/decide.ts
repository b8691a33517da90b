import type { PolicyKind } from '../registry/types.js';
import { type BackoffConfig, nextDelay } from './backoff.js';
import type { CloseClassification } from './classify.js';

/**
 * Why a socket stopped for good (until `reconnect()`).
 *
 * - `fatal`: the close code says retrying cannot help (1003, 1007, 1009, ...).
 * - `policy`: the app called `stop()` on a `policy` event.
 * - `policy-loop`: the same policy close came back right after an auth refresh.
 * - `gave-up`: `maxAttempts` or `maxElapsedMs` was spent (refreshes count as attempts), or an
 *   untrusted code kept repeating.
 * - `closed`: the app called `close()`, or the server closed normally with reconnecting turned off.
 *
 * @example
 * ```ts
 * socket.on('stopped', ({ reason }) => {
 *   if (reason === 'policy-loop') redirectToLogin();
 * });
 * ```
 */
export type StopReason = 'fatal' | 'policy' | 'policy-loop' | 'gave-up' | 'closed';

/**
 * What the socket does after a close. Computed by `decideAfterClose`; performed by the socket.
 *
 * @example
 * ```ts
 * const d: CloseDecision = { type: 'retry', delayMs: 740 };
 * ```
 */
export type CloseDecision =
  | { readonly type: 'none' }
  | { readonly type: 'retry'; readonly delayMs: number }
  | { readonly type: 'refresh' }
  | { readonly type: 'pause'; readonly kind: PolicyKind }
  | { readonly type: 'rate-limit'; readonly delayMs: number }
  | { readonly type: 'stop'; readonly reason: StopReason };

/**
 * Everything the decision depends on: the classified close and the socket's counters.
 *
 * @example
 * ```ts
 * decideAfterClose({ classification, attempt: 0, now: 0, maxAttempts: Infinity, maxElapsedMs: Infinity,
 *   canRefresh: false, handshakeFailures: 0, refreshAfterHandshakeFailures: 3, loopWindowMs: 60_000,
 *   random: Math.random, backoff: DEFAULT_BACKOFF });
 * ```
 */
export interface DecideInput {
  readonly classification: CloseClassification;
  /** Reconnect attempts already made in this outage. */
  readonly attempt: number;
  readonly now: number;
  /** When this outage began (the first close since the connection was last healthy). */
  readonly outageStartedAt?: number;
  readonly maxAttempts: number;
  readonly maxElapsedMs: number;
  /** Is an `auth.refresh` hook configured? */
  readonly canRefresh: boolean;
  /** Consecutive attempts that closed with 1006 before ever opening, this one included. */
  readonly handshakeFailures: number;
  /** Consecutive attempts the server did not answer (refused or timed out): the crash profile's cue. */
  readonly unanswered?: number;
  readonly refreshAfterHandshakeFailures: number;
  /** The last auth refresh, to catch a policy close that survives it. */
  readonly lastRefresh?: { readonly at: number; readonly code: number };
  readonly loopWindowMs: number;
  /** The scope of the outage, decided by its first close: spreads delays for fleet events. */
  readonly scope?: 'fleet' | 'client';
  /** Random source in [0, 1). */
  readonly random: () => number;
  readonly backoff: BackoffConfig;
}

/**
 * Decides what to do after a close. Pure: the socket performs the result.
 *
 * @example
 * ```ts
 * decideAfterClose({ ...input, classification: classifyClose({ code: 1003 }) }); // { type: 'stop', reason: 'fatal' }
 * ```
 */
export function decideAfterClose(input: DecideInput): CloseDecision {
  const c = input.classification;
  switch (c.action) {
    case 'none':
      return { type: 'none' };
    case 'stop':
      return { type: 'stop', reason: c.escalated ? 'gave-up' : 'fatal' };
    case 'policy':
      if (c.policyKind === 'rate-limit') {
        return budgetSpent(input) ? { type: 'stop', reason: 'gave-up' } : { type: 'rate-limit', delayMs: delay(input) };
      }
      if (c.policyKind === 'auth' && input.canRefresh) {
        const last = input.lastRefresh;
        const looped = last !== undefined && last.code === c.code && input.now - last.at <= input.loopWindowMs;
        if (looped) return { type: 'stop', reason: 'policy-loop' };
        // A refresh is an attempt: it spends the budget like one.
        return budgetSpent(input) ? { type: 'stop', reason: 'gave-up' } : { type: 'refresh' };
      }
      return { type: 'pause', kind: c.policyKind ?? 'other' };
    default:
      if (budgetSpent(input)) return { type: 'stop', reason: 'gave-up' };
      // Browsers hide a 401/403 handshake answer behind 1006: after a few in a row, refresh.
      if (
        input.canRefresh &&
        c.code === 1006 &&
        c.phase === 'handshake' &&
        c.initiator === 'server' &&
        input.handshakeFailures > 0 &&
        input.handshakeFailures % input.refreshAfterHandshakeFailures === 0
      ) {
        return { type: 'refresh' };
      }
      return { type: 'retry', delayMs: delay(input) };
  }
}

function budgetSpent(input: DecideInput): boolean {
  if (input.attempt >= input.maxAttempts) return true;
  return input.outageStartedAt !== undefined && input.now - input.outageStartedAt >= input.maxElapsedMs;
}

function delay(input: DecideInput): number {
  const c = input.classification;
  return nextDelay(
    {
      // A rate limit that says when to come back: the hint is the floor, and the ordinary
      // reconnect backoff (growing with every attempt) keeps `retry-after=0` from hammering. Only
      // a rate limit without a hint waits the slow-down profile's >= 30 s.
      action: c.action === 'policy' && c.retryAfterMs !== undefined ? 'reconnect' : c.action,
      attempt: input.attempt,
      random: input.random,
      scope: input.scope ?? c.scope,
      unanswered: input.unanswered ?? 0,
      ...(input.outageStartedAt !== undefined && { elapsedMs: input.now - input.outageStartedAt }),
      ...(c.retryAfterMs !== undefined && { retryAfterMs: c.retryAfterMs }),
    },
    input.backoff,
  );
}
