import type { SocketStatus } from '../client/events.js';
import { mustBe } from '../internal/checks.js';
import { en } from '../registry/advice/en.js';
import { describeClose } from '../registry/describe.js';
import { type CodesOption, isLocale, LOCALE_EXPECTED } from '../registry/resolve.js';
import type { Locale } from '../registry/types.js';

/**
 * What the status banner shows, computed from the socket's status alone. Pure, so the DOM code
 * only copies it into elements.
 *
 * @example
 * ```ts
 * const view = bannerView(socket.status, tr, Date.now());
 * view.title; // 'Bağlantı koptu. {seconds} sn içinde yeniden denenecek.'
 * ```
 */
export interface BannerView {
  readonly visible: boolean;
  /** `alert` for states that need the user (paused, stopped), `status` otherwise. */
  readonly role: 'status' | 'alert';
  readonly state: SocketStatus['state'];
  /** The title template; `{seconds}` stands where the countdown goes. */
  readonly title: string;
  /** Seconds until the next attempt, when one is scheduled. */
  readonly seconds?: number;
  /** Registry advice for the last close, never its raw reason (RFC 6455 §5.5.1). */
  readonly description?: string;
  readonly howToFix?: string;
  /** For example 'Last close: 1014 Bad Gateway'. */
  readonly closeLabel?: string;
  readonly showRetry: boolean;
}

/**
 * Computes the banner's content for a status. Throws a `TypeError` naming a status that is not
 * one, a locale that is not a whole locale object (such as `'tr'`) or a `now` that is not a
 * finite number.
 *
 * @example
 * ```ts
 * bannerView({ state: 'open', attempt: 0 }, en, 0).visible; // false
 * ```
 */
export function bannerView(status: SocketStatus, locale: Locale = en, now = 0, codes?: CodesOption): BannerView {
  const bad = (name: string, expected: string, value: unknown) => mustBe(`bannerView: ${name}`, expected, value);
  if (typeof status !== 'object' || status === null || typeof status.state !== 'string') {
    bad('status', 'a socket status such as socket.status', status);
  }
  if (!isLocale(locale)) bad('locale', LOCALE_EXPECTED, locale);
  if (!Number.isFinite(now)) bad('now', 'a finite number of ms (clock.now())', now);
  const ui = locale.labels.ui;
  const last = status.lastClose;
  const seconds =
    status.state === 'backoff' && status.nextRetryAt !== undefined
      ? Math.max(0, Math.ceil((status.nextRetryAt - now) / 1000))
      : undefined;
  const rateLimited = last?.action === 'policy' && last.policyKind === 'rate-limit';
  let title: string;
  switch (status.state) {
    case 'connecting':
      title = ui.connecting;
      break;
    case 'open':
      title = ui.open;
      break;
    case 'backoff':
      title = seconds === 0 ? ui.retryingNow : rateLimited ? ui.policyRateLimit : ui.backoff;
      break;
    case 'paused':
      title = last?.action === 'policy' && last.policyKind === 'auth' ? ui.policyAuth : ui.paused;
      break;
    case 'offline':
      title = ui.offline;
      break;
    case 'stopped':
      title = ui.stopped;
      break;
    case 'closed':
      title = ui.closed;
      break;
  }
  // Advice explains the last close; while (re)connecting from scratch there is nothing to explain.
  const explain = last && last.initiator !== 'client' && status.state !== 'open' && status.state !== 'closed';
  const advice = explain ? describeClose(last.code, locale, codes ? { codes } : {}) : undefined;
  return {
    visible: status.state !== 'open' && status.state !== 'closed' && !(status.state === 'connecting' && !last),
    role: status.state === 'paused' || status.state === 'stopped' ? 'alert' : 'status',
    state: status.state,
    title,
    ...(seconds !== undefined && { seconds }),
    ...(advice && {
      description: advice.description,
      howToFix: advice.howToFix,
      closeLabel: `${ui.lastClose}: ${advice.code} ${advice.name}`,
    }),
    showRetry:
      status.state === 'backoff' ||
      status.state === 'paused' ||
      status.state === 'stopped' ||
      status.state === 'offline',
  };
}
