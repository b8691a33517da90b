import { describeValue, mustBe } from '../internal/checks.js';

/**
 * Checks a WebSocket URL and converts http(s) to ws(s), as browsers do. Relative URLs resolve
 * against `base` (the page location in a browser). Throws a `TypeError` naming the URL otherwise.
 *
 * @example
 * ```ts
 * toWebSocketUrl('https://example.com/live'); // 'wss://example.com/live'
 * toWebSocketUrl('ftp://example.com');        // TypeError
 * ```
 */
export function toWebSocketUrl(input: unknown, base?: string): string {
  if (typeof input !== 'string' || input.trim() === '') {
    mustBe('closewise: url', 'a non-empty string', input);
  }
  let url: URL;
  try {
    url = new URL(input, base);
  } catch {
    throw new TypeError(`closewise: invalid url ${describeValue(input)}`);
  }
  if (url.protocol === 'http:') url.protocol = 'ws:';
  else if (url.protocol === 'https:') url.protocol = 'wss:';
  else if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    throw new TypeError(`closewise: url ${describeValue(input)} must use ws:, wss:, http: or https:`);
  }
  if (url.hash) {
    throw new TypeError(`closewise: url ${describeValue(input)} must not contain a fragment`);
  }
  return url.href;
}
