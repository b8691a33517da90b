/**
 * Where a `ResilientSocket` is in its life.
 *
 * - `connecting`: an attempt is under way (resolving the URL, the handshake, or the `onOpen` hook).
 * - `open`: connected; messages flow.
 * - `backoff`: waiting before the next attempt (`status.nextRetryAt` says until when).
 * - `paused`: a policy close (or a hidden page) stopped reconnecting until the app acts.
 * - `offline`: the browser is offline; no attempts until it is back online.
 * - `stopped`: retrying cannot help (fatal code, policy loop, budget spent); `reconnect()` revives it.
 * - `closed`: the app called `close()`.
 *
 * @example
 * ```ts
 * socket.on('state', ({ state }) => banner.hidden = state === 'open');
 * ```
 */
export type ConnectionState = 'connecting' | 'open' | 'backoff' | 'paused' | 'offline' | 'stopped' | 'closed';

// Which states each state may be entered from. Anything else is a bug in the socket, and the
// model-based test drives random event sequences to show it never happens.
const ENTERED_FROM: Readonly<Record<ConnectionState, readonly ConnectionState[]>> = {
  connecting: ['connecting', 'open', 'backoff', 'paused', 'offline', 'stopped', 'closed'],
  open: ['connecting'],
  backoff: ['connecting', 'open'],
  paused: ['connecting', 'open', 'backoff', 'offline'],
  offline: ['connecting', 'open', 'backoff'],
  stopped: ['connecting', 'open', 'backoff', 'paused', 'offline'],
  closed: ['connecting', 'open', 'backoff', 'paused', 'offline', 'stopped'],
};

/**
 * The one transition function of the connection state machine: returns `to`, or throws when the
 * move is not allowed.
 *
 * @example
 * ```ts
 * transition('connecting', 'open'); // 'open'
 * transition('closed', 'open');     // throws
 * ```
 */
export function transition(from: ConnectionState, to: ConnectionState): ConnectionState {
  if (!ENTERED_FROM[to].includes(from)) {
    throw new Error(`closewise: invalid state transition ${from} -> ${to}`);
  }
  return to;
}
