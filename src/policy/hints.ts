import type { PolicyKind } from '../registry/types.js';

/**
 * The longest wait any hint may ask for: one hour.
 *
 * @example
 * ```ts
 * parseReasonHints('retry-after=99999').retryAfterMs === MAX_HINT_MS; // true
 * ```
 */
export const MAX_HINT_MS = 3_600_000;

// Close reasons are at most 123 bytes on the wire, but adapters and servers in tests can hand
// us anything: never scan more than this.
const MAX_REASON_CHARS = 1024;

/**
 * What a close reason tells beyond its code.
 *
 * @example
 * ```ts
 * parseReasonHints('rate limited; retry-after=30');
 * // { retryAfterMs: 30000, policyKind: 'rate-limit' }
 * ```
 */
export interface ReasonHints {
  /** How long the server asks us to wait, in ms, clamped to 0-3600000. */
  readonly retryAfterMs?: number;
  /** `false` when the server said `{"reconnect": false}`; `true` for `{"reconnect": true}`. */
  readonly reconnect?: boolean;
  /** The policy kind the words of the reason suggest. */
  readonly policyKind?: PolicyKind;
}

const RETRY_AFTER = /retry[-_ ]?after\s*[=:]\s*(\d{1,10}(?:\.\d{1,6})?)/i;
const AUTH_WORDS = /\b(?:token|auth\w*|expired?|unauthori[sz]ed|jwt|credentials?|session expired|login)\b/i;
const RATE_WORDS = /\b(?:rate|limit(?:ed|s)?|too many|slow down|throttl\w*|quota)\b/i;

function clampMs(ms: number): number | undefined {
  if (Number.isNaN(ms) || ms < 0) return undefined;
  // A huge hint (even one that overflowed to Infinity) means "wait long": the clamp answers it.
  return Math.min(Math.round(ms), MAX_HINT_MS);
}

function fromJson(reason: string): { retryAfterMs?: number; reconnect?: boolean } {
  let parsed: unknown;
  try {
    parsed = reason.trimStart().startsWith('{') ? JSON.parse(reason) : undefined;
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null) return {};
  // Own keys only: a reason of {"__proto__": ...} must not reach inherited properties.
  const own = (key: string): unknown =>
    Object.hasOwn(parsed, key) ? (parsed as Record<string, unknown>)[key] : undefined;
  const firstNumber = (...keys: string[]) =>
    keys.map(own).find((value) => typeof value === 'number') as number | undefined;
  // Milliseconds win over seconds; a missing value becomes NaN, which clampMs turns into nothing.
  const retryAfterMs = clampMs(
    firstNumber('retryAfterMs', 'retry_after_ms') ?? (firstNumber('retryAfter', 'retry_after') ?? Number.NaN) * 1000,
  );
  const reconnect = own('reconnect');
  return {
    ...(retryAfterMs !== undefined && { retryAfterMs }),
    ...(typeof reconnect === 'boolean' && { reconnect }),
  };
}

/**
 * Reads retry and policy hints from a close reason. There is no standard for this, so we accept
 * the common forms: `retry-after=<seconds>` anywhere in the text, JSON reasons
 * `{"retryAfter": s}`, `{"retry_after_ms": n}`, `{"reconnect": false}`, and words that name auth
 * or rate limiting. Never throws, whatever the input; waits are clamped to one hour.
 *
 * @example
 * ```ts
 * parseReasonHints('{"retryAfter": 5, "reconnect": true}'); // { retryAfterMs: 5000, reconnect: true }
 * parseReasonHints('token expired');                         // { policyKind: 'auth' }
 * parseReasonHints(undefined);                               // {}
 * ```
 */
export function parseReasonHints(reason: unknown): ReasonHints {
  if (typeof reason !== 'string' || reason.length === 0) return {};
  const text = reason.length > MAX_REASON_CHARS ? reason.slice(0, MAX_REASON_CHARS) : reason;
  const json = fromJson(text);
  let retryAfterMs = json.retryAfterMs;
  if (retryAfterMs === undefined) {
    const match = RETRY_AFTER.exec(text);
    if (match?.[1] !== undefined) retryAfterMs = clampMs(Number(match[1]) * 1000);
  }
  const policyKind: PolicyKind | undefined = AUTH_WORDS.test(text)
    ? 'auth'
    : RATE_WORDS.test(text)
      ? 'rate-limit'
      : undefined;
  return {
    ...(retryAfterMs !== undefined && { retryAfterMs }),
    ...(json.reconnect !== undefined && { reconnect: json.reconnect }),
    ...(policyKind && { policyKind }),
  };
}
