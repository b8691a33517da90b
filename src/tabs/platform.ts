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
  postMessage(message: unknown): void;
  close(): void;
  onmessage: ((event: { readonly data: unknown }) => void) | null;
}

/**
 * Where locks and channels come from.
 *
 * @example
 * ```ts
 * const platform: TabsPlatform = { locks: navigator.locks, channel: (name) => new BroadcastChannel(name) };
 * ```
 */
export interface TabsPlatform {
  readonly locks: TabLocks;
  channel(name: string): TabChannel;
}

/** The page's own locks and channels, or undefined where either is missing (then: no sharing). */
export function browserPlatform(): TabsPlatform | undefined {
  const g = globalThis as {
    navigator?: { locks?: TabLocks };
    BroadcastChannel?: new (name: string) => TabChannel;
  };
  const locks = g.navigator?.locks;
  const Channel = g.BroadcastChannel;
  if (!locks || typeof locks.request !== 'function' || typeof Channel !== 'function') return undefined;
  return { locks, channel: (name) => new Channel(name) };
}
