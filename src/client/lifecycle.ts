/**
 * Page and network events the socket reacts to.
 *
 * - `offline` / `online`: the browser lost or regained the network.
 * - `pagehide` / `pageshow`: the page is leaving or coming back (for example from the
 *   back/forward cache, which an open WebSocket would otherwise keep the page out of).
 *
 * @example
 * ```ts
 * lifecycle.subscribe((event: LifecycleEvent) => console.debug('lifecycle', event));
 * ```
 */
export type LifecycleEvent = 'online' | 'offline' | 'pagehide' | 'pageshow';

/**
 * Where the socket learns about the network and the page. The browser one is used by default
 * where `window` exists; in Node there is none unless you inject one.
 *
 * @example
 * ```ts
 * // A lifecycle you drive yourself, for tests or React Native's NetInfo:
 * let listener: ((e: LifecycleEvent) => void) | undefined;
 * const lifecycle: Lifecycle = {
 *   isOnline: () => true,
 *   subscribe: (fn) => { listener = fn; return () => { listener = undefined; }; },
 * };
 * ```
 */
export interface Lifecycle {
  /** Is the network up now? */
  isOnline(): boolean;
  /** Calls `listener` on every event; returns the unsubscribe function. */
  subscribe(listener: (event: LifecycleEvent) => void): () => void;
}

interface EventTargetLike {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

/**
 * The lifecycle of a browser window, or `undefined` outside a browser.
 *
 * @example
 * ```ts
 * new ResilientSocket(url, { lifecycle: browserLifecycle(window) });
 * ```
 */
export function browserLifecycle(
  target: unknown = globalThis,
  navigatorLike: { onLine?: boolean } | undefined = (globalThis as { navigator?: { onLine?: boolean } }).navigator,
): Lifecycle | undefined {
  const t = target as Partial<EventTargetLike> | undefined;
  if (!t || typeof t.addEventListener !== 'function' || typeof t.removeEventListener !== 'function') return undefined;
  const events: LifecycleEvent[] = ['online', 'offline', 'pagehide', 'pageshow'];
  return {
    isOnline: () => navigatorLike?.onLine !== false,
    subscribe(listener) {
      const handlers = events.map((type) => [type, () => listener(type)] as const);
      for (const [type, handler] of handlers) t.addEventListener?.(type, handler);
      return () => {
        for (const [type, handler] of handlers) t.removeEventListener?.(type, handler);
      };
    },
  };
}
