import { describeValue } from '../internal/checks.js';
import { isNamedCode, rangeOf } from './codes.js';
import type { AdviceCatalog, AdviceText, CodeDefinition, CodeMap, Locale } from './types.js';

// Lookups in code maps that are already built (by `defineCodes` or a profile). Kept apart from
// `defineCodes` so that classifying a close does not bundle the validation code.

/** Is this a built code map (from `defineCodes` or a profile)? */
export function isCodeMap(value: unknown): value is CodeMap {
  const candidate = value as CodeMap;
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof candidate.id === 'string' &&
    typeof candidate.codes === 'object' &&
    Array.isArray(candidate.ranges)
  );
}

/** What a locale argument must be, for messages. */
export const LOCALE_EXPECTED = "a locale object such as `tr` from 'closewise/locales/tr'";

/** Is this advice text by code and range (`{ id, codes, ranges }`)? Every `Locale` is one. */
export function isAdviceCatalog(value: unknown): value is AdviceCatalog {
  const l = value as Partial<AdviceCatalog> | null;
  return typeof l === 'object' && l !== null && typeof l.id === 'string' && !!l.codes && !!l.ranges;
}

/** Is this a whole `Locale`, with the labels that the banner and `compareCodes` print? */
export function isLocale(value: unknown): value is Locale {
  return isAdviceCatalog(value) && typeof (value as Locale).labels === 'object' && (value as Locale).labels !== null;
}

/**
 * What every `codes` option accepts: a code map from `defineCodes` or a profile, or a list of them
 * (later maps win).
 *
 * @example
 * ```ts
 * const codes: CodesOption = [graphqlWs, defineCodes({ 4001: { name: 'Kicked', action: 'stop' } })];
 * new ResilientSocket(url, { codes });
 * ```
 */
export type CodesOption = CodeMap | readonly CodeMap[];

/**
 * The `codes` option as a list of maps. Throws a `TypeError` naming anything that is not a built
 * map, such as a plain object of definitions that was never passed through `defineCodes`.
 *
 * @example
 * ```ts
 * asCodeMaps(graphqlWs); // [graphqlWs]
 * ```
 */
export function asCodeMaps(codes: CodesOption | undefined): readonly CodeMap[] {
  if (codes === undefined) return [];
  const list: readonly unknown[] = Array.isArray(codes) ? codes : [codes];
  for (const map of list) {
    if (!isCodeMap(map)) {
      throw new TypeError(
        `closewise: codes must be a code map from defineCodes() or a profile, or a list of them; got ${describeValue(map)}`,
      );
    }
  }
  return list as readonly CodeMap[];
}

/**
 * A definition that a map gives for a code, and which map gave it.
 *
 * @example
 * ```ts
 * const found: ResolvedDefinition | undefined = resolveDefinition(4401, [graphqlWs]);
 * found?.source; // 'graphql-ws'
 * ```
 */
export interface ResolvedDefinition {
  readonly definition: CodeDefinition;
  readonly source: string;
}

/**
 * Finds the definition of a code in maps (later maps win; an exact code beats a range).
 * Codes 1000-2999 are never resolved from maps.
 *
 * @example
 * ```ts
 * resolveDefinition(4401, [graphqlWs])?.definition.name; // 'Unauthorized'
 * ```
 */
export function resolveDefinition(code: number, maps: readonly CodeMap[]): ResolvedDefinition | undefined {
  // The protocol's own codes are never taken from a map, even a hand-built one.
  if (code >= 1000 && code <= 2999) return undefined;
  for (let i = maps.length - 1; i >= 0; i--) {
    const map = maps[i] as CodeMap;
    const exact = map.codes[code];
    if (exact) return { definition: exact, source: map.id };
    const range = map.ranges.find((r) => code >= r.min && code <= r.max);
    if (range) return { definition: range, source: map.id };
  }
  return undefined;
}

/**
 * Picks the advice text for a locale from a definition's advice.
 *
 * @example
 * ```ts
 * pickAdvice({ en: adviceEn, tr: adviceTr }, 'tr'); // { text: adviceTr, locale: 'tr' }
 * ```
 */
export function pickAdvice(
  advice: CodeDefinition['advice'],
  localeId: string,
): { readonly text: AdviceText; readonly locale: string } | undefined {
  if (!advice) return undefined;
  // One text for every locale: the app wrote it for its own users, so it serves the asked locale.
  if ('description' in advice) return { text: advice as AdviceText, locale: localeId };
  const byLocale = advice as Readonly<Record<string, AdviceText>>;
  const own = byLocale[localeId];
  if (own) return { text: own, locale: localeId };
  return byLocale.en ? { text: byLocale.en, locale: 'en' } : undefined;
}

/**
 * The advice text for a code and the locale that served it: the defining map's own text when a
 * map defines the code, else the catalog's text for the named code, else for its range. (A code
 * that a map redefines never gets the registry's text for the old meaning.)
 *
 * @example
 * ```ts
 * adviceFor(1008, en, undefined).text.howToFix;
 * adviceFor(4401, tr, resolveDefinition(4401, [graphqlWs])).locale; // 'en' when the profile has no Turkish
 * ```
 */
export function adviceFor(
  code: number,
  catalog: AdviceCatalog,
  resolved: ResolvedDefinition | undefined,
): { readonly text: AdviceText; readonly locale: string } {
  const fromMap = resolved && pickAdvice(resolved.definition.advice, catalog.id);
  if (fromMap) return fromMap;
  const own = isNamedCode(code) && !resolved ? catalog.codes[code] : undefined;
  return { text: own ?? catalog.ranges[rangeOf(code)], locale: catalog.id };
}
