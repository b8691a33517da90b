import type { OpenEvent, ReconnectingEvent, SocketStatus, StoppedEvent } from '../client/events.js';
import type { DropReason, MessageData } from '../client/outbox.js';
import type { CloseClassification } from '../policy/classify.js';
import type { AdviceText, PolicyKind } from '../registry/types.js';
import type { Relayed } from './leader-socket.js';
import type { LossReport } from './loss-reports.js';

// What the tabs of one shared socket say to each other over their BroadcastChannel. Every message
// is plain data (structured-clonable): functions (a policy event's retry/stop) and class
// instances (ClosewiseError) are sent as what they stand for and rebuilt on the other side.

/** A `policy` event without its functions: `token` names it for a follower's retry/stop. */
export interface WirePolicy {
  readonly classification: CloseClassification;
  readonly kind: PolicyKind;
  readonly advice: AdviceText;
  readonly resumeAt?: number;
  /** The leader that emitted it and its own count: a stale event cannot act on a new leader. */
  readonly token: string;
}

/** The leader's socket events, as the followers mirror them. */
export type WireEvent =
  | { readonly name: 'state'; readonly payload: SocketStatus }
  | { readonly name: 'open'; readonly payload: OpenEvent }
  | { readonly name: 'message'; readonly payload: unknown }
  | { readonly name: 'close'; readonly payload: CloseClassification }
  | { readonly name: 'reconnecting'; readonly payload: ReconnectingEvent }
  | { readonly name: 'policy'; readonly payload: WirePolicy }
  | { readonly name: 'stopped'; readonly payload: StoppedEvent }
  | { readonly name: 'error'; readonly payload: { readonly kind: string; readonly message: string } }
  | { readonly name: 'refresh'; readonly payload: RefreshOutcome };

/**
 * How the leader's `auth.refresh` ended, in every tab.
 *
 * @example
 * ```ts
 * shared.on('refresh', ({ ok }) => { if (ok) reloadTokenFromStorage(); });
 * ```
 */
export interface RefreshOutcome {
  readonly ok: boolean;
}

export type Wire =
  /** A tab became leader; also its answer to `join`. */
  | { readonly t: 'leader'; readonly from: string; readonly status: SocketStatus; readonly to?: string }
  /** A follower arrived and wants the current status. */
  | { readonly t: 'join'; readonly from: string }
  | { readonly t: 'event'; readonly from: string; readonly event: WireEvent }
  /**
   * A follower's message for the server; `seq` counts per tab from 1, and `first` is the oldest
   * seq that tab still holds, so a new leader knows where that tab's order starts.
   */
  | {
      readonly t: 'send';
      readonly from: string;
      readonly seq: number;
      readonly first: number;
      readonly data: MessageData;
    }
  /**
   * The leader's answer: `sent` (it is the leader's now; if it is lost, `dropped` says so) or
   * `held` (not now: the follower keeps it and offers it again once the leader is open).
   */
  | { readonly t: 'ack'; readonly to: string; readonly seq: number; readonly outcome: 'sent' | 'held' }
  /**
   * A message the leader took from tab `to` will never be sent: that tab reports the drop, and
   * answers `heard` (until then the leader keeps the report, for a tab that is away).
   */
  | {
      readonly t: 'dropped';
      readonly to: string;
      readonly seq: number;
      readonly data: MessageData;
      readonly reason: DropReason;
    }
  | { readonly t: 'heard'; readonly from: string; readonly seq: number }
  /** Did a leader take message `seq` of tab `from`? (An ack answers; it is not taken now.) */
  | { readonly t: 'probe'; readonly from: string; readonly seq: number }
  | { readonly t: 'policy'; readonly from: string; readonly token: string; readonly action: 'retry' | 'stop' }
  | { readonly t: 'reconnect'; readonly from: string }
  /**
   * A leader that leaves (pagehide, close) tells the next one what it took from each tab, the
   * last status, the loss reports no tab has confirmed yet, and what its outbox still held, each
   * message with the tab it came from: its own are numbered as that tab's messages (on pagehide
   * it also keeps them, so whoever gets them first sends them once).
   */
  | {
      readonly t: 'handoff';
      readonly from: string;
      readonly items: readonly Relayed[];
      readonly taken: readonly (readonly [string, number])[];
      /** Seqs below `taken` that were pushed out of their tab's queue, not taken. */
      readonly skipped: readonly (readonly [string, number])[];
      readonly reports: readonly LossReport[];
      readonly status: SocketStatus;
    };

/** Is `value` one of our messages (and not something else on a channel of the same name)? */
export function isWire(value: unknown): value is Wire {
  return typeof value === 'object' && value !== null && typeof (value as { t?: unknown }).t === 'string';
}
