import { mustBe } from '../internal/checks.js';
import { en } from './advice/en.js';
import { lookupCode } from './codes.js';
import {
  adviceFor,
  asCodeMaps,
  type CodesOption,
  isAdviceCatalog,
  LOCALE_EXPECTED,
  resolveDefinition,
} from './resolve.js';
import type { AdviceText, CloseAction, CodeRange, Locale } from './types.js';

/**
 * Everything a person needs to understand one close code.
 *
 * @example
 * ```ts
 * const d: CloseDescription = describeClose(1014);
 * console.log(`${d.code} ${d.name}: ${d.howToFix}`);
 * ```
 */
export interface CloseDescription extends AdviceText {
  readonly code: number;
  readonly name: string;
  readonly range: CodeRange;
  /** Id of the locale that served the text, for example `en` or `tr`. */
  readonly locale: string;
  /** The default action for a server-initiated close with this code. */
  readonly action: CloseAction;
  readonly sendable: boolean;
  /**
   * Which map gave the meaning: `registry`, or the id of a profile or app code map. The documents
   * behind it (RFC sections, registrations, server docs) come from `sourceOf` in `closewise/registry`.
   */
  readonly source: string;
}

/**
 * Options for `describeClose` beyond the locale.
 *
 * @example
 * ```ts
 * describeClose(4401, en, { codes: graphqlWs }).name; // 'Unauthorized'
 * ```
 */
export interface DescribeOptions {
  /** Profiles or app codes that give 3000-4999 their meaning. */
  readonly codes?: CodesOption;
}

/**
 * Describes any integer close code 0-65535: its name, range, and advice in the given locale
 * (English by default). Throws a `RangeError` naming the value for anything else, and a
 * `TypeError` for a locale that is not a locale object (such as the string `'tr'`).
 *
 * @example
 * ```ts
 * import { describeClose } from 'closewise';
 * import { tr } from 'closewise/locales/tr';
 *
 * describeClose(1008).howToFix;     // English advice
 * describeClose(1008, tr).locale;   // 'tr'
 * ```
 */
export function describeClose(code: number, locale: Locale = en, options: DescribeOptions = {}): CloseDescription {
  const entry = lookupCode(code);
  if (!isAdviceCatalog(locale)) mustBe('describeClose: locale', LOCALE_EXPECTED, locale);
  const resolved = resolveDefinition(code, asCodeMaps(options.codes));
  const { text, locale: served } = adviceFor(code, locale, resolved);
  return {
    code,
    name: resolved?.definition.name ?? entry.name,
    range: entry.range,
    locale: served,
    action: resolved?.definition.action ?? entry.action,
    sendable: entry.sendable,
    source: resolved?.source ?? 'registry',
    description: text.description,
    whenYouSee: text.whenYouSee,
    howToFix: text.howToFix,
  };
}
