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
  const trimmed = reason.trim();
  if (!trimmed.startsWith('{')) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
  const obj = parsed as Record<string, unknown>;
  const out: { retryAfterMs?: number; reconnect?: boolean } = {};
  const num = (key: string): number | undefined => {
    const value = Object.hasOwn(obj, key) ? obj[key] : undefined;
    return typeof value === 'number' ? value : undefined;
  };
  const ms = num('retryAfterMs') ?? num('retry_after_ms');
  const seconds = num('retryAfter') ?? num('retry_after');
  const retryAfterMs = ms !== undefined ? clampMs(ms) : seconds !== undefined ? clampMs(seconds * 1000) : undefined;
  if (retryAfterMs !== undefined) out.retryAfterMs = retryAfterMs;
  if (Object.hasOwn(obj, 'reconnect') && typeof obj.reconnect === 'boolean') out.reconnect = obj.reconnect;
  return out;
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
