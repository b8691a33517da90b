/**
 * `closewise/registry`: what every close code means, in words, plus server profiles, the
 * "A vs B" comparison and the sources behind every entry. Nothing here touches a socket, a timer
 * or the DOM.
 *
 * @packageDocumentation
 */
export { en } from './advice/en.js';
export { enPolicy } from './advice/en-policy.js';
export type { CloseScope, CodeEntry } from './codes.js';
export { assertCode, CODE_RANGES, lookupCode, NAMED_CODES, rangeOf } from './codes.js';
export type { CodeComparison, ComparedCode } from './compare.js';
export { compareCodes } from './compare.js';
export type { CodeDefinitions } from './define.js';
export { defineCodes } from './define.js';
export type { CloseDescription, DescribeOptions } from './describe.js';
export { describeClose } from './describe.js';
export { centrifugo, discord, discordVoice, graphqlWs, profiles, pusher } from './profiles.js';
export type { CodesOption, ResolvedDefinition } from './resolve.js';
export { adviceFor, asCodeMaps, resolveDefinition } from './resolve.js';
export type { ActionBasis, CodeSource, Reference } from './sources.js';
export { allSources, sourceOf } from './sources.js';
export type {
  AdviceCatalog,
  AdviceText,
  CloseAction,
  CodeAdvice,
  CodeDefinition,
  CodeMap,
  CodeRange,
  CodeRangeDefinition,
  Locale,
  LocaleLabels,
  PolicyKind,
} from './types.js';
