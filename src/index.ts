/**
 * closewise: a WebSocket client that reads every close code, knows what it means, and acts on it.
 *
 * @packageDocumentation
 */

export type { Clock } from './client/clock.js';
export type { ClosewiseErrorKind } from './client/errors.js';
export { ClosewiseError, OutboxFullError } from './client/errors.js';
export type {
  OpenEvent,
  PolicyEvent,
  ReconnectingEvent,
  ResilientSocketEvents,
  SendResult,
  SocketStatus,
  StoppedEvent,
} from './client/events.js';
export type { Lifecycle, LifecycleEvent } from './client/lifecycle.js';
export { browserLifecycle } from './client/lifecycle.js';
export type {
  BinaryType,
  OpenContext,
  Provider,
  RefreshContext,
  ResilientSocketOptions,
  WebSocketConstructor,
  WebSocketLike,
} from './client/options.js';
export type { DroppedMessage, DropReason, MessageData, OverflowPolicy } from './client/outbox.js';
export { ResilientSocket } from './client/resilient-socket.js';
export type {
  ResilientWebSocketEventMap,
  ResilientWebSocketHandler,
  ResilientWebSocketListener,
} from './client/resilient-websocket.js';
export { ResilientWebSocket } from './client/resilient-websocket.js';
export type { ConnectionState } from './client/state.js';
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
export type { CloseDecision, DecideInput, StopReason } from './policy/decide.js';
export { decideAfterClose } from './policy/decide.js';
export type { ReasonHints } from './policy/hints.js';
export { MAX_HINT_MS, parseReasonHints } from './policy/hints.js';
export { en } from './registry/advice/en.js';
export type { CloseScope, CodeEntry } from './registry/codes.js';
export { assertCode, lookupCode } from './registry/codes.js';
export type { CodeComparison, ComparedCode } from './registry/compare.js';
export { compareCodes } from './registry/compare.js';
export type { CodeDefinitions } from './registry/define.js';
export { defineCodes } from './registry/define.js';
export type { CloseDescription, DescribeOptions } from './registry/describe.js';
export { describeClose } from './registry/describe.js';
export type { CodesOption } from './registry/resolve.js';
export type {
  AdviceCatalog,
  AdviceText,
  CloseAction,
  CodeAdvice,
  CodeDefinition,
  CodeMap,
  CodeRange,
  Locale,
  PolicyKind,
} from './registry/types.js';
