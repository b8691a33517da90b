/**
 * closewise: a WebSocket client that reads every close code, knows what it means, and acts on it.
 *
 * @packageDocumentation
 */

export type { BackoffConfig, DelayInput } from './policy/backoff.js';
export { DEFAULT_BACKOFF, nextDelay } from './policy/backoff.js';
export type {
  ClassifyContext,
  CloseClassification,
  CloseInitiator,
  CloseInput,
  ConnectionPhase,
} from './policy/classify.js';
export { classifyClose } from './policy/classify.js';
export type { ReasonHints } from './policy/hints.js';
export { MAX_HINT_MS, parseReasonHints } from './policy/hints.js';
export { en } from './registry/advice/en.js';
export type { CodeEntry } from './registry/codes.js';
export { assertCode, lookupCode } from './registry/codes.js';
export type { CodeComparison, ComparedCode } from './registry/compare.js';
export { compareCodes } from './registry/compare.js';
export type { CodeDefinitions, CodesOption } from './registry/define.js';
export { defineCodes } from './registry/define.js';
export type { CloseDescription, DescribeOptions } from './registry/describe.js';
export { describeClose } from './registry/describe.js';
export type {
  AdviceText,
  CloseAction,
  CodeAdvice,
  CodeDefinition,
  CodeMap,
  CodeRange,
  Locale,
  PolicyKind,
} from './registry/types.js';
