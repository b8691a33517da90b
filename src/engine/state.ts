import type { MessageData } from '../client/outbox.js';
import type { CloseClassification, ConnectionPhase } from '../policy/classify.js';
import { HEALTHY, type Outage } from './outage.js';
import { emptyQueue, type Queue } from './queue.js';
import type { Throttle } from './throttle.js';

/**
 * Where the connection is, with what that place waits for. Every wait carries the id that its
 * result must bring back (`id` for providers and refreshes, `conn` for a native socket), so a
 * late result of an attempt that is over is recognised and ignored.
 *
 * - `connecting`: `resolve` (URL and protocol providers), `handshake` (native socket), `hook`
 *   (`onOpen`), or `refresh` (`auth.refresh`, then backoff).
 * - `open`, `backoff` (`until`; `policy` when a rate-limit `policy` event's actions still apply;
 *   `hold` when the server ordered the wait), `paused` (`policy` token, or `hidden` for a page in
 *   the back/forward cache), `offline`, `stopped`, `closed`. A server-ordered wait survives going
 *   offline or hidden (`hold`): coming back resumes it instead of connecting at once.
 *
 * @example
 * ```ts
 * const phase: Phase = { name: 'backoff', until: 1_500 };
 * ```
 */
export type Phase =
  | { readonly name: 'connecting'; readonly step: 'resolve'; readonly id: number }
  | { readonly name: 'connecting'; readonly step: 'handshake' | 'hook'; readonly conn: number }
  | { readonly name: 'connecting'; readonly step: 'refresh'; readonly id: number }
  | { readonly name: 'open'; readonly conn: number }
  | { readonly name: 'backoff'; readonly until: number; readonly policy?: number; readonly hold?: true }
  | { readonly name: 'paused'; readonly policy?: number; readonly hidden?: true; readonly hold?: Hold }
  | { readonly name: 'offline'; readonly hold?: Hold }
  | { readonly name: 'stopped' }
  | { readonly name: 'closed' };

/**
 * A wait the server ordered (1012, 1013, a rate limit, a `retry-after` hint), kept while the page
 * is offline or hidden, with the rate-limit `policy` event's token if it had one.
 *
 * @example
 * ```ts
 * const hold: Hold = { until: 45_000, policy: 12 };
 * ```
 */
export interface Hold {
  readonly until: number;
  readonly policy?: number;
}

/**
 * Every timer the engine sets. One of each at most; a firing carries the id it was set with, so a
 * firing that was already on its way when the timer was replaced or cleared is ignored.
 *
 * @example
 * ```ts
 * const name: TimerName = 'retry';
 * ```
 */
export type TimerName =
  | 'retry'
  | 'deadline'
  | 'close-after-error'
  | 'uptime'
  | 'heartbeat'
  | 'pong'
  | 'throttle'
  | 'recover';

/**
 * The whole state of one connection's life, as a value.
 *
 * @example
 * ```ts
 * const s = initialState();
 * s.phase.name; // 'closed' until the `start` input
 * ```
 */
export interface EngineState {
  readonly phase: Phase;
  /** Source of every id (attempts, connections, timers, policy events). */
  readonly seq: number;
  /** Attempts since construction: `OpenContext.attempt` and `open.attempt`. */
  readonly attempts: number;
  readonly outage: Outage;
  readonly throttle?: Throttle;
  /** Is the lifecycle subscribed? Off only after `close()`. */
  readonly listening: boolean;
  readonly timers: { readonly [K in TimerName]?: number };
  /** Messages accepted by `send()` that wait for an open connection. */
  readonly outbox: Queue<MessageData>;
  readonly lastClose?: CloseClassification;
  /** Native sockets we closed ourselves whose close event is still to come, and their phase. */
  readonly retired: readonly { readonly conn: number; readonly phase: ConnectionPhase }[];
}

/** The state before the `start` input. */
export function initialState(): EngineState {
  return {
    phase: { name: 'closed' },
    seq: 0,
    attempts: 0,
    outage: HEALTHY,
    listening: false,
    timers: {},
    outbox: emptyQueue(),
    retired: [],
  };
}

/**
 * Does a `send` in this state go straight to the native socket (when it is writable), with no
 * other effect and no change of state? The interpreter's send fast lane asks this instead of
 * stepping: open, nothing queued before it, not throttled.
 *
 * @example
 * ```ts
 * if (sendsDirectly(state) && native.readyState === 1) native.send(data);
 * ```
 */
export function sendsDirectly(s: EngineState): boolean {
  return s.phase.name === 'open' && s.outbox.end === s.outbox.start && s.throttle === undefined;
}

/** The native socket the engine is using now, if any. */
export function currentConn(phase: Phase): number | undefined {
  return phase.name === 'open' || (phase.name === 'connecting' && 'conn' in phase) ? phase.conn : undefined;
}
