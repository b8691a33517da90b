import type { AdviceText, CodeDefinition, CodeMap } from './types.js';

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

/**
 * A list of built code maps from one map or a list of them.
 *
 * @example
 * ```ts
 * asCodeMaps(graphqlWs); // [graphqlWs]
 * ```
 */
export function asCodeMaps(codes: CodeMap | readonly CodeMap[] | undefined): readonly CodeMap[] {
  if (codes === undefined) return [];
  const list = Array.isArray(codes) ? codes : [codes as CodeMap];
  for (const map of list) {
    if (!isCodeMap(map)) {
      throw new TypeError('closewise: codes must be code maps; wrap plain definitions in defineCodes({...})');
    }
  }
  return list;
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
