import { mustBe } from '../internal/checks.js';
import { en } from './advice/en.js';
import { type CloseDescription, type DescribeOptions, describeClose } from './describe.js';
import { isLocale, LOCALE_EXPECTED } from './resolve.js';
import type { Locale } from './types.js';

/**
 * One side of a comparison: the code's description plus the two questions an explainer page
 * answers for it.
 *
 * @example
 * ```ts
 * const { a }: { a: ComparedCode } = compareCodes(1008, 1014);
 * a.actionLabel; // 'pause and let the app act'
 * ```
 */
export interface ComparedCode extends CloseDescription {
  /** When a server should use this code, or when you meet it. */
  readonly whenToUse: string;
  /** What a client (and closewise) does about it. */
  readonly whatToDo: string;
  /** The localized name of its default action. */
  readonly actionLabel: string;
  /** The localized name of its range. */
  readonly rangeLabel: string;
}

/**
 * The content of an "A vs B" explainer page.
 *
 * @example
 * ```ts
 * const c: CodeComparison = compareCodes(1008, 1014);
 * c.differences; // ['1008 means "pause and let the app act", 1014 means "reconnect with backoff".', …]
 * ```
 */
export interface CodeComparison {
  readonly a: ComparedCode;
  readonly b: ComparedCode;
  /**
   * Localized sentences naming the key differences (or sameness) of action, range and, when either
   * code must not be sent, whether each may go in a close frame.
   */
  readonly differences: readonly string[];
  readonly locale: string;
}

function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

function side(d: CloseDescription, locale: Locale): ComparedCode {
  return {
    ...d,
    whenToUse: d.whenYouSee,
    whatToDo: d.howToFix,
    actionLabel: locale.labels.actions[d.action],
    rangeLabel: locale.labels.ranges[d.range],
  };
}

/**
 * Compares two close codes: both descriptions, and the differences that matter when choosing or
 * handling them. Throws a `RangeError` naming the value if either is not an integer 0-65535, and
 * a `TypeError` for a locale that is not a whole locale object.
 *
 * @example
 * ```ts
 * import { compareCodes } from 'closewise';
 * const { a, b, differences } = compareCodes(1008, 1014);
 * console.log(a.name, 'vs', b.name); // Policy Violation vs Bad Gateway
 * differences.forEach((line) => console.log('-', line));
 * ```
 */
export function compareCodes(a: number, b: number, locale: Locale = en, options: DescribeOptions = {}): CodeComparison {
  if (!isLocale(locale)) mustBe('compareCodes: locale', LOCALE_EXPECTED, locale);
  const left = side(describeClose(a, locale, options), locale);
  const right = side(describeClose(b, locale, options), locale);
  const t = locale.labels.compare;
  const differences: string[] = [];
  if (a === b) differences.push(t.identical);
  differences.push(
    left.action === right.action
      ? fill(t.sameAction, { action: left.actionLabel })
      : fill(t.differentAction, { a, b, actionA: left.actionLabel, actionB: right.actionLabel }),
  );
  differences.push(
    left.range === right.range
      ? fill(t.sameRange, { range: left.rangeLabel })
      : fill(t.differentRange, { a, b, rangeA: left.rangeLabel, rangeB: right.rangeLabel }),
  );
  // Whether each code may go in a close frame, said whenever one of them may not.
  if (!left.sendable || !right.sendable) {
    const codes = a === b ? [left] : [left, right];
    differences.push(codes.map((d) => fill(sendability(d, t), { code: d.code })).join(' '));
  }
  return { a: left, b: right, differences, locale: locale.id };
}

// 1005 and 1006 are never in a close frame: the browser reports them itself (RFC 6455 §7.1.5).
// Every other unsendable code only arrives when a non-conforming peer sends it anyway.
function sendability(d: CloseDescription, t: Locale['labels']['compare']): string {
  if (d.sendable) return t.mayBeSent;
  return d.code === 1005 || d.code === 1006 ? t.reportedLocally : t.mustNotBeSent;
}
