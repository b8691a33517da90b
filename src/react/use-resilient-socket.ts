import { useEffect, useRef, useState } from 'react';
import type { Provider, ResilientSocketOptions } from '../client/options.js';
import { ResilientSocket } from '../client/resilient-socket.js';
import { useLatest } from './latest.js';

/** The socket a hook instance holds, and whether its close is scheduled. */
interface Held {
  readonly socket: ResilientSocket;
  /** Which URL it was made for: the string itself, or one key for every function. */
  readonly key: string;
  closing: boolean;
}

/** `onOpen`, `auth.refresh` and a `protocols` provider, called through the ref of the last render. */
function liveOptions(
  first: ResilientSocketOptions,
  latest: { readonly current: ResilientSocketOptions | undefined },
): ResilientSocketOptions {
  const o = { ...first };
  if (first.onOpen) o.onOpen = (ctx) => (latest.current?.onOpen ?? first.onOpen)?.(ctx);
  if (first.auth) {
    o.auth = { ...first.auth, refresh: (ctx) => (latest.current?.auth ?? first.auth)?.refresh(ctx) };
  }
  if (typeof first.protocols === 'function') {
    o.protocols = () => {
      const p = latest.current?.protocols;
      return typeof p === 'function' ? p() : p;
    };
  }
  return o;
}

/**
 * A `ResilientSocket` owned by the component: created when it mounts (in an effect, so server
 * rendering never touches `WebSocket`), closed when it unmounts. It is `null` on the server and in
 * the first client render, and for a `null` or `undefined` URL (a URL you do not know yet).
 *
 * - **StrictMode**: the development double run of effects (mount, cleanup, mount) keeps the one
 *   socket: the server sees exactly one connection, never a connect-close-connect.
 * - **URL**: a new URL string closes the socket and opens one for it. A function URL (a token
 *   provider) is called before every attempt through a ref, so the provider of the last render is
 *   used and a new closure never reconnects.
 * - **Options** are read when the socket is made (mount and URL change); a new options object on
 *   a re-render neither reconnects nor changes them. Only the callbacks `onOpen`, `auth.refresh`
 *   and a `protocols` provider are live (the ones of the last render are called), if they were
 *   there at creation. Everything else (`WebSocket`, `codes`, `locale`, `backoff`, `outbox`,
 *   `heartbeat`, `clock`, ...) stays as it was: change the URL or remount (a React `key`) to apply
 *   new values.
 *
 * @example
 * ```ts
 * import { useResilientSocket, useSocketStatus } from 'closewise/react';
 *
 * function useChat(room: string, token: () => string) {
 *   const socket = useResilientSocket(() => `wss://chat.example/${room}?token=${token()}`, {
 *     backoff: { maxAttempts: 20 },
 *   });
 *   const status = useSocketStatus(socket);
 *   return { socket, online: status.state === 'open' };
 * }
 * ```
 */
export function useResilientSocket(
  url: Provider<string> | null | undefined,
  options?: ResilientSocketOptions,
): ResilientSocket | null {
  const [socket, setSocket] = useState<ResilientSocket | null>(null);
  const latestUrl = useLatest(url);
  const latestOptions = useLatest(options);
  const held = useRef<Held | null>(null);
  const key = url == null ? undefined : typeof url === 'function' ? '\0function' : `=${url}`;

  useEffect(() => {
    // Why a deferred close, not a guard alone: under <StrictMode> React runs this effect, its
    // cleanup and the effect again, synchronously, on the same component (its refs survive).
    // Closing in the cleanup would open, close and reopen a connection; never closing there would
    // leak the socket on a real unmount. So the cleanup only schedules the close, on a microtask,
    // and an effect that runs again for the same URL before that microtask takes the socket back.
    // A real unmount (or a URL change) lets the microtask run: the socket is closed before any
    // timer or network event can fire, and nothing is left behind.
    let current = held.current;
    if (current && current.key === key && current.closing) {
      current.closing = false;
    } else {
      if (current) {
        current.closing = false;
        current.socket.close();
      }
      current = null;
      if (key !== undefined) {
        const u = latestUrl.current as Provider<string>;
        const target: Provider<string> =
          typeof u === 'function'
            ? () => {
                const provider = latestUrl.current;
                return typeof provider === 'function' ? provider() : (provider as string);
              }
            : u;
        const first = latestOptions.current ?? {};
        current = { socket: new ResilientSocket(target, liveOptions(first, latestOptions)), key, closing: false };
      }
      held.current = current;
    }
    setSocket(current?.socket ?? null);
    if (!current) return;
    const mine = current;
    return () => {
      mine.closing = true;
      queueMicrotask(() => {
        if (!mine.closing) return;
        mine.closing = false;
        if (held.current === mine) held.current = null;
        mine.socket.close();
      });
    };
  }, [key, latestUrl, latestOptions]);

  return socket;
}
