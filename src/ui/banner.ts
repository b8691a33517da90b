import { type Clock, systemClock } from '../client/clock.js';
import type { ResilientSocketEvents, SocketStatus } from '../client/events.js';
import { mustBe } from '../internal/checks.js';
import { DEV } from '../internal/dev.js';
import { checkOptions, clockRule, codesRule, type Rule, type Rules, required } from '../internal/schema.js';
import { en } from '../registry/advice/en.js';
import { type CodesOption, isLocale, LOCALE_EXPECTED } from '../registry/resolve.js';
import type { Locale } from '../registry/types.js';
import { type BannerView, bannerView } from './model.js';
import { bannerStyle } from './style.js';

/**
 * What the banner needs from a socket: its status, state events and `reconnect()`. A
 * `ResilientSocket` fits, and so does the reconnecting-websocket adapter.
 *
 * @example
 * ```ts
 * const source: StatusSource = socket; // a ResilientSocket or a ClosePolicyGuard
 * ```
 */
export interface StatusSource {
  readonly status: SocketStatus;
  /** Subscribes to status changes. */
  on(event: 'state', listener: ResilientSocketEvents['state']): unknown;
  /** Unsubscribes. */
  off(event: 'state', listener: ResilientSocketEvents['state']): unknown;
  /** Connects again now (the banner's retry button). */
  reconnect(): void;
}

/**
 * Options of `createStatusBanner`.
 *
 * @example
 * ```ts
 * createStatusBanner(socket, { container: document.body, locale: tr });
 * ```
 */
export interface StatusBannerOptions {
  /** Where the banner's host element is appended. */
  readonly container: Element;
  /** Language of the banner and its advice (default English). */
  readonly locale?: Locale;
  /** Profiles or app codes, so their names and advice show. */
  readonly codes?: CodesOption;
  /** Time source for the countdown (default real time). */
  readonly clock?: Clock;
}

/**
 * A rendered banner. `destroy()` removes it and every listener and timer it holds.
 *
 * @example
 * ```ts
 * const banner: StatusBanner = createStatusBanner(socket, { container: document.body });
 * banner.setLocale(tr);
 * banner.destroy();
 * ```
 */
export interface StatusBanner {
  /** The host element; the banner lives in its open shadow root. */
  readonly element: HTMLElement;
  /** Changes the language and re-renders. */
  setLocale(locale: Locale): void;
  /** Removes the banner, its listener and its timer. */
  destroy(): void;
}

interface Parts {
  banner: HTMLElement;
  title: HTMLElement;
  description: HTMLElement;
  fix: HTMLElement;
  code: HTMLElement;
  retry: HTMLButtonElement;
  dismiss: HTMLButtonElement;
}

function build(root: ShadowRoot): Parts {
  const doc = root.ownerDocument;
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, className: string, parent: Node) => {
    const node = doc.createElement(tag);
    node.className = className;
    node.setAttribute('part', className);
    parent.appendChild(node);
    return node;
  };
  const style = doc.createElement('style');
  style.textContent = bannerStyle(':host');
  root.appendChild(style);
  const banner = el('div', 'banner', root);
  banner.setAttribute('aria-live', 'polite');
  const title = el('p', 'title', banner);
  const description = el('p', 'description', banner);
  const fix = el('p', 'fix', banner);
  const code = el('p', 'code', banner);
  const actions = el('div', 'actions', banner);
  const retry = el('button', 'retry', actions);
  retry.type = 'button';
  const dismiss = el('button', 'dismiss', actions);
  dismiss.type = 'button';
  return { banner, title, description, fix, code, retry, dismiss };
}

/** Writes a title template as text nodes, the countdown in its own `role="timer"` span. */
function writeTitle(target: HTMLElement, view: BannerView): void {
  const doc = target.ownerDocument;
  target.replaceChildren();
  const [before, after] = view.title.split('{seconds}');
  target.appendChild(doc.createTextNode(before ?? ''));
  if (after !== undefined) {
    const timer = doc.createElement('span');
    // A timer is not announced on every tick; the title was announced when the state changed.
    timer.setAttribute('role', 'timer');
    timer.className = 'countdown';
    timer.textContent = String(view.seconds ?? 0);
    target.appendChild(timer);
    target.appendChild(doc.createTextNode(after));
  }
}

function setText(el: HTMLElement, text: string | undefined): void {
  el.textContent = text ?? '';
  el.hidden = !text;
}

// The banner shows labels as well as advice, so its locale must be a whole `Locale`.
const bannerLocale: Rule = [isLocale, LOCALE_EXPECTED];
const MOUNT_OPTIONS = { locale: bannerLocale, codes: codesRule, clock: clockRule } satisfies Rules<
  Omit<StatusBannerOptions, 'container'>
>;
// A function, so that a production build, which never calls it, leaves it out.
const bannerOptions = () =>
  ({
    ...MOUNT_OPTIONS,
    container: required([
      (v) => typeof (v as Element | null)?.appendChild === 'function' && !!(v as Element).ownerDocument,
      'an Element (for a selector, pass document.querySelector(...))',
    ]),
  }) satisfies Rules<StatusBannerOptions>;

function checkSource(owner: string, socket: unknown): void {
  const s = socket as Partial<StatusSource> | null;
  const fits =
    typeof s === 'object' &&
    s !== null &&
    typeof s.on === 'function' &&
    typeof s.off === 'function' &&
    typeof s.reconnect === 'function' &&
    typeof s.status === 'object';
  if (!fits) mustBe(`${owner}: socket`, 'a ResilientSocket or a withClosePolicy guard', socket);
}

/**
 * Renders a socket's status into an open shadow root: `mount` is the host element. Returns the
 * banner controller. Used by `createStatusBanner` and `<closewise-status>`.
 *
 * @example
 * ```ts
 * class MyStatus extends HTMLElement {
 *   connectedCallback() { this.banner = mountStatusBanner(this, socket, { locale: tr }); }
 *   disconnectedCallback() { this.banner.destroy(); }
 * }
 * ```
 */
export function mountStatusBanner(
  host: HTMLElement,
  socket: StatusSource,
  options: Omit<StatusBannerOptions, 'container'> = {},
): StatusBanner {
  if (DEV) {
    checkSource('mountStatusBanner', socket);
    checkOptions('mountStatusBanner', MOUNT_OPTIONS, options);
  }
  const clock = options.clock ?? systemClock;
  let locale = options.locale ?? en;
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  root.replaceChildren();
  const parts = build(root);
  let timer: unknown;
  let dismissedFor: string | undefined;
  let destroyed = false;

  const key = (s: SocketStatus) => `${s.state}|${s.lastClose?.code ?? ''}|${s.nextRetryAt ?? ''}`;

  const render = () => {
    if (destroyed) return;
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
    const status = socket.status;
    const view = bannerView(status, locale, clock.now(), options.codes);
    const hidden = !view.visible || dismissedFor === key(status);
    parts.banner.hidden = hidden;
    parts.banner.dataset.state = view.state;
    if (parts.banner.getAttribute('role') !== view.role) parts.banner.setAttribute('role', view.role);
    parts.banner.setAttribute('aria-live', view.role === 'alert' ? 'assertive' : 'polite');
    writeTitle(parts.title, view);
    setText(parts.description, view.description);
    setText(parts.fix, view.howToFix);
    setText(parts.code, view.closeLabel);
    parts.retry.textContent = locale.labels.ui.retryNow;
    parts.retry.hidden = !view.showRetry;
    parts.dismiss.textContent = locale.labels.ui.dismiss;
    if (!hidden && view.seconds !== undefined && view.seconds > 0 && status.nextRetryAt !== undefined) {
      // Tick on the second boundary of the countdown.
      const ms = (status.nextRetryAt - clock.now()) % 1000 || 1000;
      timer = clock.setTimeout(render, ms);
    }
  };

  const onState = () => render();
  const onRetry = () => socket.reconnect();
  const onDismiss = () => {
    dismissedFor = key(socket.status);
    render();
  };
  socket.on('state', onState);
  parts.retry.addEventListener('click', onRetry);
  parts.dismiss.addEventListener('click', onDismiss);
  render();

  return {
    element: host,
    setLocale(next) {
      if (!bannerLocale[0](next)) mustBe('setLocale: locale', bannerLocale[1], next);
      locale = next;
      render();
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      socket.off('state', onState);
      parts.retry.removeEventListener('click', onRetry);
      parts.dismiss.removeEventListener('click', onDismiss);
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
      root.replaceChildren();
    },
  };
}

/**
 * Renders a status banner for a socket into `container`: a short title, the registry's advice for
 * the last close (never its raw reason, never as HTML), the next-retry countdown, "Retry now"
 * (calls `reconnect()`) and "Dismiss". It is a live region (`role="status"`, or `role="alert"`
 * when paused or stopped), keyboard operable, honours `prefers-reduced-motion`, and is styled
 * through CSS custom properties (`--closewise-bg`, `--closewise-fg`, `--closewise-alert-bg`, ...).
 *
 * @example
 * ```ts
 * import { createStatusBanner } from 'closewise/ui';
 * import { tr } from 'closewise/locales/tr';
 *
 * const banner = createStatusBanner(socket, { container: document.querySelector('#status')!, locale: tr });
 * // later, e.g. on unmount:
 * banner.destroy();
 * ```
 */
export function createStatusBanner(socket: StatusSource, options: StatusBannerOptions): StatusBanner {
  if (DEV) {
    checkSource('createStatusBanner', socket);
    checkOptions('createStatusBanner', bannerOptions(), options);
  }
  const { container, ...rest } = options;
  const host = container.ownerDocument.createElement('div');
  host.setAttribute('data-closewise-status', '');
  container.appendChild(host);
  const banner = mountStatusBanner(host, socket, rest);
  return {
    element: host,
    setLocale: banner.setLocale,
    destroy() {
      banner.destroy();
      host.remove();
    },
  };
}
