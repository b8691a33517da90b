import { describeValue, mustBe } from '../internal/checks.js';
import { byteSize } from './outbox.js';

// What a script may put in a close frame, checked as a browser checks it (WHATWG WebSockets,
// close()): before the native socket is touched, so a bad value throws at the caller.
const MAX_REASON_BYTES = 123;

/**
 * Throws a `RangeError` for a code other than 1000 or 3000-4999 or a reason over 123 UTF-8
 * bytes, and a `TypeError` for a reason that is not a string; `owner` names the method.
 *
 * @example
 * ```ts
 * checkCloseFrame('ResilientSocket.close', 4000, 'user logged out'); // fine
 * ```
 */
export function checkCloseFrame(owner: string, code: number, reason: string): void {
  if (code !== 1000 && !(Number.isInteger(code) && code >= 3000 && code <= 4999)) {
    throw new RangeError(`${owner}: code must be 1000 or 3000-4999, got ${describeValue(code)}`);
  }
  if (typeof reason !== 'string') mustBe(`${owner}: reason`, 'a string', reason);
  const bytes = byteSize(reason);
  if (bytes > MAX_REASON_BYTES) {
    throw new RangeError(`${owner}: reason must be at most 123 UTF-8 bytes, got ${bytes}`);
  }
}
