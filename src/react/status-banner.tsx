import { type ReactNode, useEffect, useId, useReducer, useState } from 'react';
import { type Clock, systemClock } from '../client/clock.js';
import type { SocketStatus } from '../client/events.js';
import { en } from '../registry/advice/en.js';
import type { CodesOption } from '../registry/resolve.js';
import type { Locale } from '../registry/types.js';
import type { StatusSource } from '../ui/banner.js';
import { bannerView } from '../ui/model.js';
import { BANNER_CSS, HOST } from './style.js';
import { useSocketStatus } from './use-socket-status.js';

/**
 * Props of `<StatusBanner>`.
 *
 * @example
 * ```ts
 * import type { StatusBannerProps } from 'closewise/react';
 * import { tr } from 'closewise/locales/tr';
 *
 * const props: StatusBannerProps = { socket: null, locale: tr };
 * ```
 */
export interface StatusBannerProps {
  /** A `ResilientSocket`, `ResilientWebSocket` or `withClosePolicy` guard; `null` renders nothing. */
  readonly socket: StatusSource | null | undefined;
  /** Language of the banner and its advice (default English); may change at any time. */
  readonly locale?: Locale;
  /** Profiles or app codes, so their names and advice show. */
  readonly codes?: CodesOption;
  /** What "Retry now" does; by default `socket.reconnect()`. */
  readonly onRetry?: (socket: StatusSource) => void;
  /** Time source of the countdown (default real time); pass the socket's, if you injected one. */
  readonly clock?: Clock;
  /** A class for the host element, next to its `data-closewise-status` attribute. */
  readonly className?: string;
}

const key = (s: SocketStatus) => `${s.state}|${s.lastClose?.code ?? ''}|${s.nextRetryAt ?? ''}`;

/**
 * The status banner of `closewise/ui`, rendered by React from the same pure `bannerView`: a
 * title with the countdown in a `role="timer"` span, the registry's advice for the last close
 * (never its raw reason, and every string as text, never as HTML), the code and name of the last
 * close, **Retry now** and **Dismiss** (hides it until the status changes). A live region with
 * `role="status"`, or `role="alert"` when paused or stopped, named by its title; hidden while
 * connected. It sits in light DOM under a `data-closewise-status` host with the ui banner's class
 * names, `part` names and stylesheet, so the same CSS custom properties (`--closewise-bg`, ...)
 * and the app's own CSS theme it. It renders on the server (as the hidden region of a first
 * attempt) and with a `null` socket renders nothing.
 *
 * @example
 * ```ts
 * import { createElement } from 'react';
 * import { StatusBanner, useResilientSocket } from 'closewise/react';
 * import { tr } from 'closewise/locales/tr';
 *
 * function Status({ url }: { url: string }) {
 *   const socket = useResilientSocket(url);
 *   return createElement(StatusBanner, { socket, locale: tr });
 * }
 * ```
 */
export function StatusBanner({
  socket,
  locale = en,
  codes,
  onRetry,
  clock = systemClock,
  className,
}: StatusBannerProps): ReactNode {
  const status = useSocketStatus(socket);
  const [dismissedFor, setDismissedFor] = useState<string>();
  const [, tick] = useReducer((n: number) => n + 1, 0);
  const titleId = useId();
  const view = bannerView(status, locale, clock.now(), codes);
  const hidden = !socket || !view.visible || dismissedFor === key(status);
  const next = status.nextRetryAt;
  const counting = !hidden && view.seconds !== undefined && view.seconds > 0 && next !== undefined;

  // Re-render on the countdown's second boundaries; the timer goes with the status it counts for.
  useEffect(() => {
    if (!counting || next === undefined) return;
    const handle = clock.setTimeout(tick, (next - clock.now()) % 1000 || 1000);
    return () => clock.clearTimeout(handle);
  });

  if (!socket) return null;
  const ui = locale.labels.ui;
  const [before, after] = view.title.split('{seconds}');
  const text = (part: 'description' | 'fix' | 'code', value: string | undefined) => (
    <p className={part} part={part} hidden={!value}>
      {value ?? ''}
    </p>
  );
  return (
    <div {...{ [HOST]: '' }} className={className}>
      <style>{BANNER_CSS}</style>
      {/* biome-ignore lint/a11y/useAriaPropsSupportedByRole: the role is status or alert, both named by aria-labelledby */}
      <div
        className="banner"
        part="banner"
        role={view.role}
        aria-live={view.role === 'alert' ? 'assertive' : 'polite'}
        aria-labelledby={titleId}
        data-state={view.state}
        hidden={hidden}
      >
        <p className="title" part="title" id={titleId}>
          {before}
          {after !== undefined && (
            // A timer is not announced on every tick; the title was announced when the state changed.
            <span role="timer" className="countdown">
              {view.seconds ?? 0}
            </span>
          )}
          {after}
        </p>
        {text('description', view.description)}
        {text('fix', view.howToFix)}
        {text('code', view.closeLabel)}
        <div className="actions" part="actions">
          <button
            type="button"
            className="retry"
            part="retry"
            hidden={!view.showRetry}
            onClick={() => (onRetry ? onRetry(socket) : socket.reconnect())}
          >
            {ui.retryNow}
          </button>
          <button type="button" className="dismiss" part="dismiss" onClick={() => setDismissedFor(key(status))}>
            {ui.dismiss}
          </button>
        </div>
      </div>
    </div>
  );
}
