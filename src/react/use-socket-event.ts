import type { EventEmitter } from 'eventemitter3';
import { useEffect } from 'react';
import { useLatest } from './latest.js';

/**
 * The event map of a closewise socket (a `ResilientSocket`, `ResilientWebSocket` or guard).
 *
 * @example
 * ```ts
 * import type { ResilientSocket } from 'closewise';
 * import type { EventsOf } from 'closewise/react';
 *
 * type OnPolicy = EventsOf<ResilientSocket>['policy']; // (event: PolicyEvent) => void
 * ```
 */
// biome-ignore lint/suspicious/noExplicitAny: any event map; the socket's own names it.
export type EventsOf<S> = S extends EventEmitter<infer E, any> ? E : never;

/**
 * Listens to a socket's event for as long as the component is mounted. The handler is the one of
 * the last render, read through a ref: passing a new closure each render neither resubscribes
 * nor misses an event. A new `socket` or `name` moves the listener; a `null` socket has none.
 *
 * @example
 * ```ts
 * import { useResilientSocket, useSocketEvent } from 'closewise/react';
 *
 * function useLastMessage(url: string, onMessage: (data: unknown) => void): void {
 *   const socket = useResilientSocket(url);
 *   useSocketEvent(socket, 'message', (data) => onMessage(data));
 *   useSocketEvent(socket, 'policy', (e) => console.warn(e.advice.howToFix));
 * }
 * ```
 */
export function useSocketEvent<
  // biome-ignore lint/suspicious/noExplicitAny: any closewise socket; its event map is inferred.
  S extends EventEmitter<any, any>,
  K extends EventEmitter.EventNames<EventsOf<S>>,
>(socket: S | null | undefined, name: K, handler: EventEmitter.EventListener<EventsOf<S>, K>): void {
  const latest = useLatest(handler);
  useEffect(() => {
    if (!socket) return;
    const listener = (...args: unknown[]) => (latest.current as (...a: unknown[]) => void)(...args);
    socket.on(name, listener as never);
    return () => {
      socket.off(name, listener as never);
    };
  }, [socket, name, latest]);
}
