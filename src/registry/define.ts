import { describeValue } from '../internal/checks.js';
import { assertCode } from './codes.js';
import type { CloseAction, CodeDefinition, CodeMap, CodeRangeDefinition, PolicyKind } from './types.js';

const ACTIONS: readonly CloseAction[] = ['none', 'reconnect', 'reconnect-later', 'slow-down', 'policy', 'stop'];
const POLICY_KINDS: readonly PolicyKind[] = ['auth', 'rate-limit', 'other'];
const ADVICE_FIELDS = ['description', 'whenYouSee', 'howToFix'] as const;

/**
 * Definitions keyed by code (`4001`) or by an inclusive range (`'4100-4199'`).
 *
 * @example
 * ```ts
 * const input: CodeDefinitions = {
 *   4001: { name: 'Kicked by moderator', action: 'stop' },
 *   '4100-4199': { name: 'Shard moving', action: 'reconnect' },
 * };
 * ```
 */
export type CodeDefinitions = Readonly<Record<number | string, CodeDefinition>>;

function isProtocolCode(code: number): boolean {
  return code >= 1000 && code <= 2999;
}

function fail(where: string, message: string): never {
  throw new TypeError(`defineCodes: ${where}: ${message}`);
}

function checkAdvice(where: string, advice: unknown): void {
  if (advice === undefined) return;
  if (typeof advice !== 'object' || advice === null)
    fail(where, `advice must be an object, got ${describeValue(advice)}`);
  const record = advice as Record<string, unknown>;
  const texts: Array<[string, unknown]> = 'description' in record ? [['advice', record]] : Object.entries(record);
  if (texts.length === 0) fail(where, 'advice has no text');
  for (const [key, text] of texts) {
    if (typeof text !== 'object' || text === null) fail(where, `${key} must be an object, got ${describeValue(text)}`);
    for (const field of ADVICE_FIELDS) {
      const value = (text as Record<string, unknown>)[field];
      if (typeof value !== 'string' || value.trim() === '') {
        fail(where, `${key}.${field} must be a non-empty string, got ${describeValue(value)}`);
      }
    }
  }
}

function checkDefinition(where: string, def: unknown): CodeDefinition {
  if (typeof def !== 'object' || def === null) fail(where, `definition must be an object, got ${describeValue(def)}`);
  const { name, action, policyKind, advice, scope } = def as Record<string, unknown>;
  if (scope !== undefined && scope !== 'fleet' && scope !== 'client') {
    fail(where, `scope must be 'fleet' or 'client', got ${describeValue(scope)}`);
  }
  if (typeof name !== 'string' || name.trim() === '')
    fail(where, `name must be a non-empty string, got ${describeValue(name)}`);
  if (!ACTIONS.includes(action as CloseAction)) {
    fail(where, `action must be one of ${ACTIONS.join(', ')}, got ${describeValue(action)}`);
  }
  if (policyKind !== undefined && !POLICY_KINDS.includes(policyKind as PolicyKind)) {
    fail(where, `policyKind must be one of ${POLICY_KINDS.join(', ')}, got ${describeValue(policyKind)}`);
  }
  checkAdvice(where, advice);
  return def as CodeDefinition;
}

function parseCode(where: string, text: string): number {
  const code = /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
  try {
    assertCode(code);
  } catch {
    fail(where, `key must be a close code 0-65535 or a range like "4100-4199", got ${describeValue(text)}`);
  }
  if (isProtocolCode(code)) {
    throw new RangeError(`defineCodes: code ${code} belongs to the protocol (1000-2999) and cannot be redefined`);
  }
  return code;
}

/**
 * Teaches closewise the meaning of your server's own close codes. Keys are codes or inclusive
 * ranges (`'4100-4199'`); codes 1000-2999 belong to the protocol and throw a `RangeError`.
 * Malformed definitions throw a `TypeError` naming the key and the bad value.
 *
 * @example
 * ```ts
 * const appCodes = defineCodes({
 *   4001: {
 *     name: 'Session replaced',
 *     action: 'stop',
 *     advice: { description: 'You opened the app elsewhere.', whenYouSee: 'After logging in on another tab.', howToFix: 'Close the other tab.' },
 *   },
 *   4002: { name: 'Token expired', action: 'policy', policyKind: 'auth' },
 * });
 * new ResilientSocket(url, { codes: appCodes });
 * ```
 */
export function defineCodes(definitions: CodeDefinitions, id = 'app'): CodeMap {
  if (typeof definitions !== 'object' || definitions === null || Array.isArray(definitions)) {
    throw new TypeError(`defineCodes: expected an object of code definitions, got ${describeValue(definitions)}`);
  }
  const codes: Record<number, CodeDefinition> = {};
  const ranges: CodeRangeDefinition[] = [];
  for (const [key, def] of Object.entries(definitions)) {
    const where = `code ${key}`;
    const checked = checkDefinition(where, def);
    const dash = key.indexOf('-');
    if (dash === -1) {
      codes[parseCode(where, key)] = checked;
      continue;
    }
    const min = parseCode(where, key.slice(0, dash));
    const max = parseCode(where, key.slice(dash + 1));
    if (min > max) fail(where, `range start ${min} is after its end ${max}`);
    if (min < 1000 && max >= 1000) {
      throw new RangeError(`defineCodes: range ${key} covers protocol codes 1000-2999, which cannot be redefined`);
    }
    ranges.push({ ...checked, min, max });
  }
  // A code without advice of its own borrows the advice of the range around it.
  for (const [code, def] of Object.entries(codes)) {
    if (def.advice) continue;
    const around = ranges.find((r) => r.advice && Number(code) >= r.min && Number(code) <= r.max);
    if (around) codes[Number(code)] = { ...def, advice: around.advice };
  }
  return { id, codes, ranges };
}
