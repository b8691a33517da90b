import type { CloseClassification } from '../policy/classify.js';
import type { CloseScope } from '../registry/codes.js';

/**
 * What the engine remembers about the current outage: everything since the connection was last
 * healthy (open for `minUptimeMs`). Backoff, budgets and auth decisions read it.
 *
 * @example
 * ```ts
 * const o: Outage = { ...HEALTHY, attempts: 2, startedAt: 1_000 };
 * ```
 */
export interface Outage {
  /** Retries scheduled in this outage; `status.attempt`. */
  readonly attempts: number;
  /** When the first retry of this outage was scheduled (clock ms). */
  readonly startedAt?: number;
  /** Set by the outage's first close: a fleet event keeps its wide spread until healthy. */
  readonly scope?: CloseScope;
  /** The code of the last close and how many closes in a row had it. */
  readonly repeat?: { readonly code: number; readonly count: number };
  /** Consecutive attempts that closed with 1006 before they opened (a browser's hidden 401). */
  readonly handshakeFailures: number;
  /**
   * Consecutive attempts the server did not answer: refused (1006 before open) or timed out. The
   * crash profile's evidence that the server is down for everyone.
   */
  readonly unanswered: number;
  /** The last completed `auth.refresh`, to catch a policy close that survives it. */
  readonly lastRefresh?: { readonly at: number; readonly code: number };
}

/** No outage: the state after a healthy connection or `reconnect()`. */
export const HEALTHY: Outage = { attempts: 0, handshakeFailures: 0, unanswered: 0 };

/** How many closes in a row, just before `code`, had that code (the classifier's `repeats`). */
export function repeatsOf(outage: Outage, code: number): number {
  return outage.repeat?.code === code ? outage.repeat.count : 0;
}

/** The outage after a close: repeats, handshake failures and scope updated. */
export function afterClose(outage: Outage, c: CloseClassification): Outage {
  const handshakeFailures =
    c.phase === 'handshake' && c.code === 1006 && c.initiator === 'server'
      ? outage.handshakeFailures + 1
      : c.phase === 'open'
        ? 0
        : outage.handshakeFailures;
  const silent = c.phase === 'handshake' && c.code === 1006 && (c.initiator === 'server' || c.initiator === 'timeout');
  return {
    ...outage,
    repeat: { code: c.code, count: repeatsOf(outage, c.code) + 1 },
    handshakeFailures,
    unanswered: silent ? outage.unanswered + 1 : c.phase === 'open' ? 0 : outage.unanswered,
    scope: outage.scope ?? c.scope,
  };
}

/**
 * The connection stayed up: backoff starts from scratch next time. The last refresh is kept, so a
 * token that the server rejects again after a short healthy spell is still caught as a loop.
 */
export function healthy(outage: Outage): Outage {
  return outage.lastRefresh ? { ...HEALTHY, lastRefresh: outage.lastRefresh } : HEALTHY;
}

/** Has this outage used up `maxAttempts` or `maxElapsedMs`? */
export function budgetSpent(outage: Outage, now: number, maxAttempts: number, maxElapsedMs: number): boolean {
  return outage.attempts >= maxAttempts || (outage.startedAt !== undefined && now - outage.startedAt >= maxElapsedMs);
}
