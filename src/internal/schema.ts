import { isAdviceCatalog, isCodeMap, LOCALE_EXPECTED } from '../registry/resolve.js';
import { mustBe } from './checks.js';
import { MAX_TIMER_MS } from './timer.js';

// Option validation for ResilientSocket and withClosePolicy: one schema per entry point, walked by
// one function. A rule is [check, what the value must be, required?]; a nested object is a nested
// schema. Unknown keys are refused at every level, so a typo such as `backoff.maxDelay` fails
// loudly instead of being ignored.

export type Rule = readonly [check: (value: unknown) => boolean, expected: string, required?: boolean];
export interface Schema {
  readonly [key: string]: Rule | Schema;
}
/** A rule for every key of an options object, and no other key: checked by the compiler. */
export type Rules<T> = { readonly [K in keyof T]-?: Rule };

export function numberRule(min: number, exclusive: boolean, integer = false, infinite = false): Rule {
  return [
    (v) =>
      typeof v === 'number' &&
      (exclusive ? v > min : v >= min) &&
      (infinite || v < Number.POSITIVE_INFINITY) &&
      (!integer || v === Number.POSITIVE_INFINITY || Number.isInteger(v)),
    `${integer ? 'an integer' : 'a number'} ${exclusive ? '>' : '>='} ${min}${infinite ? ' (or Infinity)' : ''}`,
  ];
}

export const positive = /* @__PURE__ */ numberRule(0, true);
/** A duration the socket hands to `setTimeout`: an integer number of ms in [min, 2147483647]. */
export const timer = (min: number): Rule => [
  (v) => Number.isInteger(v) && (v as number) >= min && (v as number) <= MAX_TIMER_MS,
  `an integer number of ms in [${min}, ${MAX_TIMER_MS}]`,
];
export const nonNegative = /* @__PURE__ */ numberRule(0, false);
export const required = (rule: Rule): Rule => [rule[0], rule[1], true];
export const isFunction: Rule = [(v) => typeof v === 'function', 'a function'];
export const isBoolean: Rule = [(v) => typeof v === 'boolean', 'a boolean'];
export const oneOf = (...allowed: string[]): Rule => [
  (v) => allowed.includes(v as string),
  `one of ${allowed.map((a) => `'${a}'`).join(', ')}`,
];
export const withMethods = (...names: string[]): Rule => [
  (v) =>
    typeof v === 'object' && v !== null && names.every((n) => typeof (v as Record<string, unknown>)[n] === 'function'),
  `an object with ${names.map((n) => `${n}()`).join(', ')}`,
];

// The options ResilientSocket and withClosePolicy share, with the same meaning.
const localeRule: Rule = [isAdviceCatalog, LOCALE_EXPECTED];
export const codesRule: Rule = [
  (v) => (Array.isArray(v) ? v : [v]).every(isCodeMap),
  'a code map from defineCodes() or a profile, or a list of them',
];
const authSchema = {
  refresh: /* @__PURE__ */ required(isFunction),
  handshakeFailures: /* @__PURE__ */ numberRule(1, false, true),
  loopWindowMs: nonNegative,
};
export const clockRule = /* @__PURE__ */ withMethods('now', 'setTimeout', 'clearTimeout');

/** The options `ResilientSocket` and `withClosePolicy` both take, with the same rules. */
export const sharedOptions = {
  WebSocket: isFunction,
  locale: localeRule,
  codes: codesRule,
  reconnectOnNormalClose: isBoolean,
  auth: authSchema,
  clock: clockRule,
  random: isFunction,
};

/** Throws the TypeError every bad option gets: who refused it, which option, what it must be, what it was. */
export function badOption(owner: string, name: string, expected: string, value: unknown): never {
  mustBe(`${owner}: option ${name}`, expected, value);
}

/**
 * reconnecting-websocket's option names, and where their meaning lives in closewise: for the socket
 * the closewise option to use, for the rws guard a reminder that they belong to rws itself.
 */
const RWS_NAMES: Readonly<Record<string, string>> = {
  maxRetries: 'backoff.maxAttempts',
  minReconnectionDelay: 'backoff.initialDelayMs',
  maxReconnectionDelay: 'backoff.maxDelayMs',
  reconnectionDelayGrowFactor: 'backoff.initialDelayMs (the ceiling doubles per attempt)',
  connectionTimeout: 'connectTimeoutMs',
  minUptime: 'backoff.minUptimeMs',
  maxEnqueuedMessages: 'outbox.maxQueuedMessages',
  startClosed: 'nothing: call close() right away, or reconnect() when you are ready',
  debug: "nothing: listen to the 'close', 'reconnecting' and 'policy' events, which say what happened and why",
};

/** The sentence for a key the schema does not know. */
function unknownKey(owner: string, name: string, known: readonly string[]): never {
  const key = name.slice(name.lastIndexOf('.') + 1);
  const rws = name === key ? RWS_NAMES[key] : undefined;
  const hint =
    rws === undefined
      ? ''
      : owner === 'withClosePolicy'
        ? ` (it is reconnecting-websocket's own option: pass it to new ReconnectingWebSocket(...))`
        : ` (reconnecting-websocket's ${key}: in closewise use ${rws})`;
  throw new TypeError(`${owner}: unknown option ${JSON.stringify(name)}${hint}; known options: ${known.join(', ')}`);
}

/** Checks `value` against `schema`; `owner` (such as `ResilientSocket`) starts every message. */
export function checkOptions(owner: string, schema: Schema, value: unknown, path = ''): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    mustBe(`${owner}: ${path ? `option ${path}` : 'options'}`, 'an object', value);
  }
  const record = value as Record<string, unknown>;
  const nameOf = (key: string) => (path ? `${path}.${key}` : key);
  for (const key of Object.keys(record)) {
    if (!Object.hasOwn(schema, key)) unknownKey(owner, nameOf(key), Object.keys(schema));
  }
  for (const [key, rule] of Object.entries(schema)) {
    const name = nameOf(key);
    const v = record[key];
    if (!Array.isArray(rule)) {
      if (v !== undefined) checkOptions(owner, rule as Schema, v, name);
    } else if (v === undefined ? rule[2] : !rule[0](v)) {
      badOption(owner, name, rule[1], v);
    }
  }
}
