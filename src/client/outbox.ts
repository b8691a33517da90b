import { mustBe } from '../internal/checks.js';

/**
 * Anything `WebSocket.send` accepts.
 *
 * @example
 * ```ts
 * const data: MessageData = new Uint8Array([1, 2, 3]);
 * socket.send(data);
 * ```
 */
export type MessageData = string | ArrayBufferLike | ArrayBufferView | Blob;

/**
 * Is `data` something a WebSocket sends as it is? Browsers turn anything else into a string
 * (`send({ a: 1 })` sends "[object Object]"), so the socket refuses it instead.
 */
export function isMessageData(data: unknown): data is MessageData {
  return (
    typeof data === 'string' ||
    ArrayBuffer.isView(data) ||
    Object.prototype.toString.call(data) === '[object ArrayBuffer]' ||
    (typeof Blob !== 'undefined' && data instanceof Blob)
  );
}

/** What `isMessageData` accepts, in the words of every error about it. */
export const MESSAGE_DATA =
  'a string, an ArrayBuffer, a typed array or DataView, or a Blob (JSON.stringify objects first)';

/** Throws a `TypeError` naming `data` unless a WebSocket would send it as it is. */
export function checkMessage(where: string, data: unknown): void {
  // Strings first: the hot path pays one typeof.
  if (typeof data !== 'string' && !isMessageData(data)) mustBe(`${where}: data`, MESSAGE_DATA, data);
}

/**
 * What to do when a message does not fit in the outbox.
 *
 * - `reject`: `send()` throws `OutboxFullError`; nothing is queued or dropped (default).
 * - `drop-oldest`: the oldest queued messages make room; each is reported in a `drop` event.
 * - `drop-newest`: the new message is dropped and reported; `send()` returns `'dropped'`.
 *
 * @example
 * ```ts
 * new ResilientSocket(url, { outbox: { maxQueuedMessages: 100, overflow: 'drop-oldest' } });
 * ```
 */
export type OverflowPolicy = 'reject' | 'drop-oldest' | 'drop-newest';

/**
 * Why a message was dropped.
 *
 * - `overflow`: the outbox was full (`drop-oldest` / `drop-newest`).
 * - `too-large`: the message alone is bigger than `maxQueuedBytes`.
 * - `closed`: the app called `close()` while it was queued.
 * - `stopped`: the socket stopped (fatal code, policy, budget) while it was queued.
 * - `unsent`: it had been handed to the native socket, but the connection died while the native
 *   buffer (`bufferedAmount`) still held it (see `outbox.requeueUnsent`).
 *
 * @example
 * ```ts
 * socket.on('drop', ({ reason }) => metrics.increment(`ws.drop.${reason}`));
 * ```
 */
export type DropReason = 'overflow' | 'too-large' | 'closed' | 'stopped' | 'unsent';

/**
 * A message the socket will never send.
 *
 * @example
 * ```ts
 * socket.on('drop', ({ data, reason }) => console.warn('not delivered', reason, data));
 * ```
 */
export interface DroppedMessage {
  readonly data: MessageData;
  readonly reason: DropReason;
}

/**
 * Size of a message in bytes, as it would go on the wire (UTF-8 for strings).
 *
 * @example
 * ```ts
 * byteSize('ğ'); // 2
 * ```
 */
export function byteSize(data: MessageData): number {
  if (typeof data === 'string') {
    let bytes = 0;
    for (let i = 0; i < data.length; i++) {
      const c = data.charCodeAt(i);
      if (c < 0x80) bytes += 1;
      else if (c < 0x800) bytes += 2;
      else if (c >= 0xd800 && c <= 0xdbff && isLowSurrogate(data.charCodeAt(i + 1))) {
        bytes += 4;
        i++;
      } else bytes += 3; // a lone surrogate goes out as U+FFFD, 3 bytes
    }
    return bytes;
  }
  if (typeof Blob !== 'undefined' && data instanceof Blob) return data.size;
  return (data as ArrayBufferLike | ArrayBufferView).byteLength;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
