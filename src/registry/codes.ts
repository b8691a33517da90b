import { describeValue } from '../internal/checks.js';
import type { CloseAction, CodeRange, PolicyKind } from './types.js';

/**
 * What the registry knows about one close code, without advice text (that lives in locales, so
 * that classifying a close does not bundle any prose).
 *
 * @example
 * ```ts
 * lookupCode(1014);
 * // { code: 1014, name: 'Bad Gateway', range: 'standard', sendable: true,
 * //   scriptSendable: false, action: 'reconnect' }
 * ```
 */
export interface CodeEntry {
  readonly code: number;
  readonly name: string;
  readonly range: CodeRange;
  /** May an endpoint put this code in a close frame? Never for 1005, 1006, 1015 and reserved codes. */
  readonly sendable: boolean;
  /** May a browser script pass it to `WebSocket.close()`? Only 1000 and 3000-4999. */
  readonly scriptSendable: boolean;
  /** The default action when the server (not the app) closed with this code. */
  readonly action: CloseAction;
  /** For `policy` actions: the kind the code itself implies, before the reason is read. */
  readonly policyKind?: PolicyKind;
  /**
   * For codes we do not trust blindly: after this many consecutive closes with the same code the
   * action escalates to `stop` instead of looping.
   */
  readonly maxRepeats?: number;
  /**
   * `fleet` for codes that hit every client behind a server at once (deploys, restarts, a failed
   * upstream): their reconnects are spread wider, so a fleet does not stampede the server.
   */
  readonly scope?: CloseScope;
}

/**
 * Who a close is likely to affect: every client of a server at once (`fleet`), or this client
 * alone (`client`: a network blip, a heartbeat timeout).
 *
 * @example
 * ```ts
 * classifyClose({ code: 1014 }).scope; // 'fleet'
 * classifyClose({ code: 1006 }).scope; // 'client'
 * ```
 */
export type CloseScope = 'fleet' | 'client';

type Row = readonly [name: string, action: CloseAction, extra?: Partial<CodeEntry>];

const FLEET = { scope: 'fleet' } as const;

/** Consecutive closes with an untrusted code before we stop looping on it. */
export const DEFAULT_MAX_REPEATS = 5;

// Names follow RFC 6455 §7.4.1 and the IANA registry. The default actions are closewise's policy
// (DESIGN.md §3); src/registry/sources.ts says which of them a source prescribes.
const STANDARD: Readonly<Record<number, Row>> = {
  1000: ['Normal Closure', 'reconnect', FLEET],
  1001: ['Going Away', 'reconnect', FLEET],
  1002: ['Protocol Error', 'reconnect', { maxRepeats: 3 }],
  1003: ['Unsupported Data', 'stop'],
  1004: ['Reserved', 'reconnect', { maxRepeats: DEFAULT_MAX_REPEATS }],
  1005: ['No Status Received', 'reconnect', FLEET],
  1006: ['Abnormal Closure', 'reconnect'],
  1007: ['Invalid Frame Payload Data', 'stop'],
  1008: ['Policy Violation', 'policy'],
  1009: ['Message Too Big', 'stop'],
  1010: ['Mandatory Extension', 'stop'],
  1011: ['Internal Error', 'reconnect', FLEET],
  1012: ['Service Restart', 'reconnect-later', FLEET],
  1013: ['Try Again Later', 'slow-down', FLEET],
  1014: ['Bad Gateway', 'reconnect', FLEET],
  1015: ['TLS Handshake', 'reconnect'],
  3000: ['Unauthorized', 'policy', { policyKind: 'auth' }],
  3003: ['Forbidden', 'stop'],
  3008: ['Timeout', 'reconnect'],
};

// RFC 6455 §7.4.1: 1005, 1006 and 1015 must not be set in a close frame (a browser reports 1005 and
// 1006 itself; it reports a TLS failure as 1006, never as 1015), and 1004 is reserved. Every other
// standard code may go in a close frame. Any of them may still arrive from a non-conforming peer.
const NEVER_SENT = [1004, 1005, 1006, 1015];

const RANGE_NAMES: Readonly<Record<CodeRange, string>> = {
  'invalid-low': 'Invalid (below 1000)',
  standard: 'Standard',
  unassigned: 'Unassigned (reserved for the protocol)',
  registered: 'Library or framework code',
  private: 'Private-use application code',
  'invalid-high': 'Invalid (above 4999)',
};

/** Smallest and largest close code the registry answers for. */
export const MIN_CODE = 0;
export const MAX_CODE = 65535;

/**
 * Throws a `RangeError` naming the value unless it is an integer in 0-65535.
 *
 * @example
 * ```ts
 * assertCode(1.5); // RangeError: close code must be an integer in 0-65535, got 1.5
 * ```
 */
export function assertCode(code: unknown): asserts code is number {
  if (typeof code !== 'number' || !Number.isInteger(code) || code < MIN_CODE || code > MAX_CODE) {
    throw new RangeError(`close code must be an integer in ${MIN_CODE}-${MAX_CODE}, got ${describeValue(code)}`);
  }
}

/**
 * The range a code belongs to.
 *
 * @example
 * ```ts
 * rangeOf(4001); // 'private'
 * ```
 */
export function rangeOf(code: number): CodeRange {
  if (code < 1000) return 'invalid-low';
  if (code <= 1015) return 'standard';
  if (code < 3000) return 'unassigned';
  if (code < 4000) return 'registered';
  if (code < 5000) return 'private';
  return 'invalid-high';
}

/** Is this code one the registry describes individually (1000-1015, 3000, 3003, 3008)? */
export function isNamedCode(code: number): boolean {
  return code in STANDARD;
}

/**
 * The registry's entry for any integer code 0-65535.
 *
 * @example
 * ```ts
 * lookupCode(1008).action; // 'policy'
 * lookupCode(4321).range;  // 'private'
 * ```
 */
export function lookupCode(code: number): CodeEntry {
  assertCode(code);
  const entry = entryOf(code);
  const { range } = entry;
  return {
    ...entry,
    sendable: range === 'registered' || range === 'private' || (range === 'standard' && !NEVER_SENT.includes(code)),
    scriptSendable: code === 1000 || range === 'registered' || range === 'private',
  };
}

/**
 * The entry of a code already known to be an integer 0-65535, without the two `sendable` flags:
 * what classifying a close needs, and no more.
 *
 * @example
 * ```ts
 * entryOf(4001).maxRepeats; // 5
 * ```
 */
export function entryOf(code: number): Omit<CodeEntry, 'sendable' | 'scriptSendable'> {
  const range = rangeOf(code);
  const row = STANDARD[code];
  if (row) return { code, name: row[0], range, action: row[1], ...row[2] };
  // Unknown codes are probably transient, but we never loop on them forever.
  return { code, name: RANGE_NAMES[range], range, action: 'reconnect', maxRepeats: DEFAULT_MAX_REPEATS };
}

/**
 * Every individually named code, ascending.
 *
 * @example
 * ```ts
 * for (const code of NAMED_CODES) console.log(code, describeClose(code).name);
 * ```
 */
export const NAMED_CODES: readonly number[] = /* @__PURE__ */ namedCodes();

function namedCodes(): number[] {
  return Object.keys(STANDARD)
    .map(Number)
    .sort((a, b) => a - b);
}

/**
 * Every range, in code order.
 *
 * @example
 * ```ts
 * for (const range of CODE_RANGES) console.log(range, en.ranges[range].description);
 * ```
 */
export const CODE_RANGES: readonly CodeRange[] = [
  'invalid-low',
  'standard',
  'unassigned',
  'registered',
  'private',
  'invalid-high',
];
