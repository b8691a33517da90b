import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { SocketStatus } from '../client/events.js';
import type { StatusSource } from '../ui/banner.js';

/**
 * What `useSocketStatus` reads: a socket's `status` and its `state` events.
 *
 * @example
 * ```ts
 * import type { StatusSubject } from 'closewise/react';
 *
 * const subject: StatusSubject = socket; // a ResilientSocket, ResilientWebSocket or guard
 * ```
 */
export type StatusSubject = Pick<StatusSource, 'status' | 'on' | 'off'>;

/**
 * The status shown on the server, while hydrating and while there is no socket yet: a first
 * connection attempt, which the status banner does not show. It is what every socket reports
 * right after construction, so a page rendered on the server hydrates without a mismatch.
 *
 * @example
 * ```ts
 * import { SERVER_STATUS } from 'closewise/react';
 *
 * SERVER_STATUS.state; // 'connecting'
 * ```
 */
export const SERVER_STATUS: SocketStatus = /* @__PURE__ */ Object.freeze({ state: 'connecting', attempt: 0 });

const getServerStatus = () => SERVER_STATUS;

// `socket.status` is a new object on every read; useSyncExternalStore needs the same object
// until something changed, or it renders forever.
const same = (a: SocketStatus, b: SocketStatus) =>
  a.state === b.state && a.attempt === b.attempt && a.nextRetryAt === b.nextRetryAt && a.lastClose === b.lastClose;

/**
 * A socket's `status`, re-rendering on every `state` event, through `useSyncExternalStore` (no
 * tearing in concurrent rendering). On the server, while hydrating and for a `null` or
 * `undefined` socket it is `SERVER_STATUS`, so server rendering never touches `window` or
 * `WebSocket`. Works with a `ResilientSocket`, a `ResilientWebSocket` and a `withClosePolicy`
 * guard.
 *
 * @example
 * ```ts
 * import { useResilientSocket, useSocketStatus } from 'closewise/react';
 *
 * function useOnline(url: string): boolean {
 *   const socket = useResilientSocket(url);
 *   return useSocketStatus(socket).state === 'open';
 * }
 * ```
 */
export function useSocketStatus(socket: StatusSubject | null | undefined): SocketStatus {
  const last = useRef<SocketStatus>(SERVER_STATUS);
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (!socket) return () => {};
      socket.on('state', onChange);
      return () => {
        socket.off('state', onChange);
      };
    },
    [socket],
  );
  const getStatus = () => {
    if (!socket) return SERVER_STATUS;
    const status = socket.status;
    if (!same(last.current, status)) last.current = status;
    return last.current;
  };
  return useSyncExternalStore(subscribe, getStatus, getServerStatus);
}
