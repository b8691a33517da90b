import { mustBe } from '../internal/checks.js';
import { DEV } from '../internal/dev.js';
import { assertCode, type CloseScope, entryOf } from '../registry/codes.js';
import { asCodeMaps, resolveDefinition } from '../registry/resolve.js';
import type { CloseAction, CodeMap, CodeRange, PolicyKind } from '../registry/types.js';
import { parseReasonHints } from './hints.js';

/**
 * Who ended the connection.
 *
 * - `server`: the close came from the other side (or the network): the default.
 * - `client`: the app called `close()`.
 * - `timeout`: the connect attempt took longer than `connectTimeoutMs`.
 * - `heartbeat`: a pong did not arrive in time.
 * - `offline`: the browser reported that it went offline.
 *
 * @example
 * ```ts
 * classifyClose({ code: 1006 }, { initiator: 'heartbeat' }).action; // 'reconnect'
 * ```
 */
export type CloseInitiator = 'client' | 'server' | 'timeout' | 'heartbeat' | 'offline';

/**
 * Whether the connection had opened before it closed.
 *
 * @example
 * ```ts
 * classifyClose({ code: 1006 }, { phase: 'handshake' }).phase; // 'handshake'
 * ```
 */
export type ConnectionPhase = 'handshake' | 'open';

/**
 * The parts of a close event that classification reads; a native `CloseEvent` fits.
 *
 * @example
 * ```ts
 * const input: CloseInput = { code: 1008, reason: 'token expired', wasClean: true };
 * ```
 */
export interface CloseInput {
  readonly code: number;
  readonly reason?: string;
  readonly wasClean?: boolean;
}

/**
 * What classification may know beyond the close event itself.
 *
 * @example
 * ```ts
 * classifyClose({ code: 4401 }, { codes: graphqlWs, initiator: 'server', phase: 'open' });
 * ```
 */
export interface ClassifyContext {
  /** Profiles or app codes (built with `defineCodes`) that give 3000-4999 and invalid codes their meaning. */
  readonly codes?: CodeMap | readonly CodeMap[];
  /** Who ended the connection; `server` when absent. */
  readonly initiator?: CloseInitiator;
  /** Whether the connection had opened; `open` when absent. */
  readonly phase?: ConnectionPhase;
  /**
   * How many closes in a row, just before this one, had the same code. Codes we do not trust
   * (1002, unknown and invalid codes) escalate to `stop` when this reaches their limit.
   */
  readonly repeats?: number;
  /** Reconnect when the server closes with 1000 or 1005 (default `true`). */
  readonly reconnectOnNormalClose?: boolean;
}

/**
 * A close event, understood: the real code and reason, what they mean, and what to do.
 *
 * @example
 * ```ts
 * const c: CloseClassification = classifyClose({ code: 1008, reason: 'rate limit; retry-after=2' });
 * c.action;       // 'policy'
 * c.policyKind;   // 'rate-limit'
 * c.retryAfterMs; // 2000
 * ```
 */
export interface CloseClassification {
  /** The code exactly as the close event reported it. */
  readonly code: number;
  /** The reason exactly as received. For logs and programs only: never show it to end users. */
  readonly reason: string;
  readonly wasClean: boolean;
  readonly name: string;
  readonly range: CodeRange;
  readonly action: CloseAction;
  /** Set for `policy` actions. */
  readonly policyKind?: PolicyKind;
  /** Set when the reason carries a retry hint and the action is one that retries. */
  readonly retryAfterMs?: number;
  readonly initiator: CloseInitiator;
  readonly phase: ConnectionPhase;
  /** `registry`, or the id of the profile or app code map that defined the code. */
  readonly source: string;
  /** `true` when the action became `stop` because the same untrusted code kept repeating. */
  readonly escalated: boolean;
  /**
   * `fleet` when the server closed with a code that usually hits all its clients at once (1000,
   * 1001, 1005, 1011-1014): reconnects are then spread wider. `client` otherwise.
   */
  readonly scope: CloseScope;
}

// The context values that change the action, and what each may be: a misspelt initiator or
// phase would otherwise classify silently as something else.
const CONTEXT: Readonly<Record<string, readonly unknown[]>> = {
  initiator: ['client', 'server', 'timeout', 'heartbeat', 'offline'],
  phase: ['handshake', 'open'],
  reconnectOnNormalClose: [true, false],
};

function checkContext(ctx: ClassifyContext): void {
  const bad = (name: string, expected: string, value: unknown) => mustBe(`classifyClose: ${name}`, expected, value);
  if (typeof ctx !== 'object' || ctx === null) bad('ctx', 'an object', ctx);
  for (const [key, allowed] of Object.entries(CONTEXT)) {
    const value = ctx[key as keyof ClassifyContext];
    if (value !== undefined && !allowed.includes(value)) bad(`ctx.${key}`, `one of ${allowed.join(', ')}`, value);
  }
  const { repeats } = ctx;
  if (repeats !== undefined && !(Number.isInteger(repeats) && repeats >= 0))
    bad('ctx.repeats', 'an integer >= 0', repeats);
}

/**
 * Classifies a close event: what it means and what a client should do. Pure: the same input
 * always gives the same answer. Throws a `RangeError` naming the value when the code is not an
 * integer 0-65535, and a `TypeError` naming a bad context value (an unknown initiator or
 * phase, a negative `repeats`); any reason, however hostile, is fine.
 *
 * @example
 * ```ts
 * import { classifyClose } from 'closewise';
 *
 * classifyClose({ code: 1014 }).action;                               // 'reconnect'
 * classifyClose({ code: 1008, reason: 'token expired' }).policyKind;  // 'auth'
 * classifyClose({ code: 1000 }, { initiator: 'client' }).action;      // 'none'
 * classifyClose({ code: 1013, reason: 'retry-after=60' }).retryAfterMs; // 60000
 * ```
 */
export function classifyClose(close: CloseInput, ctx: ClassifyContext = {}): CloseClassification {
  if (typeof close !== 'object' || close === null) {
    throw new TypeError(`classifyClose: expected a close event object, got ${close === null ? 'null' : typeof close}`);
  }
  assertCode(close.code);
  // The context is the caller's options: a production build leaves its check out.
  if (DEV) checkContext(ctx);
  return classifyUnchecked(close, ctx);
}

/**
 * The code a runtime reported, or 1006 when it is not a close code at all: the socket and the
 * adapter classify whatever a native close event carries, and must never throw on it.
 */
export function reportedCode(code: unknown): number {
  return Number.isInteger(code) && (code as number) >= 0 && (code as number) <= 65535 ? (code as number) : 1006;
}

/**
 * `classifyClose` without its input checks, for the socket and the adapter: they pass a code they
 * have already made an integer 0-65535 and a context they built, on every close.
 */
export function classifyUnchecked(close: CloseInput, ctx: ClassifyContext): CloseClassification {
  const { code } = close;
  const reason = typeof close.reason === 'string' ? close.reason : '';
  const initiator = ctx.initiator ?? 'server';
  const phase = ctx.phase ?? 'open';
  const entry = entryOf(code);
  const resolved = resolveDefinition(code, asCodeMaps(ctx.codes));
  const definition = resolved?.definition;
  const hints = parseReasonHints(reason);

  let action: CloseAction = definition?.action ?? entry.action;
  let escalated = false;
  if (initiator === 'client') {
    action = 'none';
  } else if (initiator !== 'server') {
    // We abandoned the socket ourselves because it stopped answering: a transient failure.
    action = 'reconnect';
  } else if ((code === 1000 || code === 1005) && ctx.reconnectOnNormalClose === false) {
    action = 'none';
  } else if (hints.reconnect === false && action !== 'none') {
    action = 'stop';
  } else if (!definition && entry.maxRepeats !== undefined && (ctx.repeats ?? 0) >= entry.maxRepeats) {
    action = 'stop';
    escalated = true;
  }

  let policyKind: PolicyKind | undefined;
  if (action === 'policy') {
    policyKind =
      definition?.policyKind ??
      entry.policyKind ??
      hints.policyKind ??
      (hints.retryAfterMs !== undefined ? 'rate-limit' : 'other');
  }
  const retries =
    action === 'reconnect' ||
    action === 'reconnect-later' ||
    action === 'slow-down' ||
    (action === 'policy' && policyKind === 'rate-limit');

  return {
    code,
    reason,
    wasClean: close.wasClean === true,
    name: definition?.name ?? entry.name,
    range: entry.range,
    action,
    ...(policyKind && { policyKind }),
    ...(retries && hints.retryAfterMs !== undefined && { retryAfterMs: hints.retryAfterMs }),
    initiator,
    phase,
    source: resolved?.source ?? 'registry',
    escalated,
    scope: initiator === 'server' && (definition?.scope ?? entry.scope) === 'fleet' ? 'fleet' : 'client',
  };
}
