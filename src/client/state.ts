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

// Which states each state may be entered from. Anything else is a bug in the engine: the model
// tests (test/unit/engine.model.test.ts, socket.model.test.ts) check every step against it.
const ENTERED_FROM: Readonly<Record<ConnectionState, readonly ConnectionState[]>> = {
  connecting: ['connecting', 'open', 'backoff', 'paused', 'offline', 'stopped', 'closed'],
  open: ['connecting'],
  // From paused and offline: the rest of a wait the server ordered, when the page is back.
  backoff: ['connecting', 'open', 'paused', 'offline'],
  paused: ['connecting', 'open', 'backoff', 'offline'],
  // From paused: a page back from the back/forward cache while the network is down.
  offline: ['connecting', 'open', 'backoff', 'paused'],
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
  // The same state again is no move: a `state` event that says the status changed within it
  // (the attempt count reset once a connection proved healthy).
  if (from !== to && !ENTERED_FROM[to].includes(from)) {
    throw new Error(`closewise: invalid state transition ${from} -> ${to}`);
  }
  return to;
}
