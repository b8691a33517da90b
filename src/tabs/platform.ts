/**
 * The browser APIs that sharing across tabs needs, as the small structural types closewise uses:
 * `navigator.locks` (Web Locks) and `BroadcastChannel`. Injected, so tests can give fakes and a
 * runtime without them falls back to a per-tab socket.
 */

/**
 * The part of the Web Locks API (`navigator.locks`) closewise uses: exclusive locks only.
 *
 * @example
 * ```ts
 * const locks: TabLocks = navigator.locks;
 * ```
 */
export interface TabLocks {
  /** Runs `callback` once the lock `name` is granted, and holds it until its promise settles. */
  request(
    name: string,
    options: { readonly ifAvailable?: boolean; readonly signal?: AbortSignal },
    callback: (lock: unknown) => unknown,
  ): Promise<unknown>;
}

/**
 * One end of a `BroadcastChannel`: what is posted reaches every other open end of the same name
 * in the same browser profile (never the sender), each message in its own task.
 *
 * @example
 * ```ts
 * const channel: TabChannel = new BroadcastChannel('closewise:wss://api.example.com/live');
 * ```
 */
export interface TabChannel {
  /** Sends a structured clone of `message` to every other open end. */
  postMessage(message: unknown): void;
  /** Stops sending and receiving. */
  close(): void;
  /** Called with each message from another end. */
  onmessage: ((event: { readonly data: unknown }) => void) | null;
}

/**
 * The part of the Web Storage API (`localStorage`) closewise uses, shared by the tabs of an
 * origin. Either call may throw (a full quota, a sandboxed frame): closewise carries on.
 *
 * @example
 * ```ts
 * const storage: TabStorage = localStorage;
 * ```
 */
export interface TabStorage {
  /** The value stored under `key`, or null. */
  getItem(key: string): string | null;
  /** Stores `value` under `key`. */
  setItem(key: string, value: string): void;
}

/**
 * Where locks, channels and storage come from.
 *
 * @example
 * ```ts
 * const platform: TabsPlatform = {
 *   locks: navigator.locks,
 *   channel: (name) => new BroadcastChannel(name),
 *   storage: localStorage,
 * };
 * ```
 */
export interface TabsPlatform {
  readonly locks: TabLocks;
  /** Opens an end of the channel `name`. */
  channel(name: string): TabChannel;
  /**
   * Where a leaving leader records what it took from each tab, for a tab that comes back from
   * the back/forward cache after every tab that knew is gone (optional: without it, such a tab
   * may send again what it sent before it left).
   */
  readonly storage?: TabStorage;
}

/**
 * The page's own locks and channels, or undefined where either is missing (then: no sharing).
 *
 * @example
 * ```ts
 * if (!browserPlatform()) console.info('each tab keeps its own connection here');
 * ```
 */
export function browserPlatform(): TabsPlatform | undefined {
  const g = globalThis as {
    navigator?: { locks?: TabLocks };
    BroadcastChannel?: new (name: string) => TabChannel;
  };
  const locks = g.navigator?.locks;
  const Channel = g.BroadcastChannel;
  if (!locks || typeof locks.request !== 'function' || typeof Channel !== 'function') return undefined;
  const storage = pageStorage();
  return { locks, channel: (name) => new Channel(name), ...(storage && { storage }) };
}

function pageStorage(): TabStorage | undefined {
  try {
    // Reading `localStorage` itself throws where storage is refused (a sandboxed frame).
    return (globalThis as { localStorage?: TabStorage }).localStorage;
  } catch {
    return undefined;
  }
}
