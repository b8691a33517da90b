import { mustBe } from '../internal/checks.js';
import { browserPlatform, type TabsPlatform } from './platform.js';

// One token refresh at a time across the tabs of a browser profile. When a token expires, every
// tab's socket gets its 1008 at about the same moment, and each would rotate the refresh token:
// with rotation, all but the first rotation fail (or log the user out). A Web Lock serialises them,
// and a tab that had to wait is told so, so that it can read the token the other tab just stored.

/** The lock every `singleFlightRefresh` shares unless given another name. */
const DEFAULT_NAME = 'closewise:refresh';

/** Marks the first, `ifAvailable` attempt as not run, so that no value the app returns is mistaken for it. */
const MISSED: unique symbol = Symbol('missed');

/**
 * What `singleFlightRefresh` adds to the context the app's refresh gets.
 *
 * @example
 * ```ts
 * singleFlightRefresh(async ({ refreshedByAnotherTab }) => {
 *   token = refreshedByAnotherTab ? readStoredToken() : await rotateToken();
 * });
 * ```
 */
export interface SingleFlightContext {
  /**
   * True when another holder had the lock when this call asked for it, so this call waited: most
   * likely another tab has just refreshed and stored a token. It may also have failed, so check
   * that the stored token is newer than the one that was rejected before you reuse it.
   */
  readonly refreshedByAnotherTab: boolean;
}

/**
 * Options of `singleFlightRefresh`.
 *
 * @example
 * ```ts
 * singleFlightRefresh(refresh, { name: 'my-app:refresh' });
 * ```
 */
export interface SingleFlightOptions {
  /** The Web Lock's name (default `'closewise:refresh'`); calls under the same name never overlap. */
  readonly name?: string;
  /** Where the lock comes from (default the page's `navigator.locks`); tests pass a fake. */
  readonly platform?: TabsPlatform;
}

/**
 * Wraps a token refresh so that it runs once at a time across tabs (and within a tab), through
 * the Web Lock `name`: pass the result as `auth.refresh` of a `ResilientSocket` when each tab
 * keeps its own socket. A call that found the lock held waits for it, then runs `refresh` with
 * `refreshedByAnotherTab: true`; the others with `false`. An error of `refresh` rejects the
 * returned promise with that error, and the lock is released. Where Web Locks are missing (Node,
 * old browsers) `refresh` is called directly, with `refreshedByAnotherTab: false`. The context's
 * own properties are copied into the one `refresh` gets (the socket's is a plain object).
 *
 * Throws a `TypeError` naming the value when `refresh` is not a function or `name` is not a
 * non-empty string (a name starting with `-` is reserved by Web Locks, so it is refused too).
 *
 * @example
 * ```ts
 * const socket = new ResilientSocket(() => `wss://api.example.com/live?token=${token}`, {
 *   auth: {
 *     refresh: singleFlightRefresh(async ({ refreshedByAnotherTab }) => {
 *       const stored = localStorage.getItem('token');
 *       // Another tab has just rotated it: take its token instead of rotating it again.
 *       if (refreshedByAnotherTab && stored && stored !== token) token = stored;
 *       else localStorage.setItem('token', (token = await refreshToken()));
 *     }),
 *   },
 * });
 * ```
 */
export function singleFlightRefresh<C extends object>(
  refresh: (ctx: C & SingleFlightContext) => void | Promise<void>,
  options?: SingleFlightOptions,
): (ctx: C) => Promise<void> {
  if (typeof refresh !== 'function') mustBe('singleFlightRefresh: refresh', 'a function', refresh);
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    mustBe('singleFlightRefresh: options', 'an object', options);
  }
  const name = options?.name ?? DEFAULT_NAME;
  if (typeof name !== 'string' || name === '' || name.startsWith('-')) {
    mustBe('singleFlightRefresh: name', 'a non-empty string not starting with "-"', name);
  }
  const given = options?.platform;
  if (given !== undefined && typeof given?.locks?.request !== 'function') {
    mustBe('singleFlightRefresh: platform', 'an object with locks.request', given);
  }
  const run = async (ctx: C, refreshedByAnotherTab: boolean): Promise<void> => {
    await refresh({ ...ctx, refreshedByAnotherTab });
  };

  return async (ctx) => {
    // Looked up at each call, not at creation: the wrapper may be built before the page (or a
    // polyfill) provides the APIs, and a missing one must not turn into an error later.
    const locks = (given ?? browserPlatform())?.locks;
    if (!locks) return run(ctx, false);
    // First without waiting: a null lock is the honest sign that someone else holds it or is
    // queued for it, which is exactly when this call would otherwise rotate the token twice.
    const first = await locks.request(name, { ifAvailable: true }, (lock) =>
      lock === null ? MISSED : run(ctx, false),
    );
    if (first !== MISSED) return;
    await locks.request(name, {}, () => run(ctx, true));
  };
}
