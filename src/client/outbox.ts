import { OutboxFullError } from './errors.js';

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

/** Limits of the outbox. */
export interface OutboxLimits {
  readonly maxMessages: number;
  readonly maxBytes: number;
  readonly overflow: OverflowPolicy;
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

interface Entry {
  readonly data: MessageData;
  readonly bytes: number;
}

/**
 * A bounded FIFO of messages waiting for an open connection. It never loses a message quietly:
 * every message it gives up is returned to the caller to report.
 *
 * @example
 * ```ts
 * const outbox = new Outbox({ maxMessages: 2, maxBytes: 1024, overflow: 'drop-oldest' });
 * outbox.push('a'); outbox.push('b');
 * outbox.push('c'); // { queued: true, dropped: [{ data: 'a', reason: 'overflow' }] }
 * ```
 */
export class Outbox {
  private entries: Entry[] = [];
  private head = 0;
  private totalBytes = 0;

  constructor(private readonly limits: OutboxLimits) {}

  get size(): number {
    return this.entries.length - this.head;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  /** Queues a message; throws `OutboxFullError` under the `reject` policy when it does not fit. */
  push(data: MessageData): { readonly queued: boolean; readonly dropped: readonly DroppedMessage[] } {
    const bytes = byteSize(data);
    const { maxMessages, maxBytes, overflow } = this.limits;
    const fits = () => this.size < maxMessages && this.totalBytes + bytes <= maxBytes;
    if (fits()) return this.append(data, bytes, []);
    if (overflow === 'reject') {
      throw new OutboxFullError(
        this.size >= maxMessages ? 'messages' : 'bytes',
        this.size >= maxMessages ? maxMessages : maxBytes,
      );
    }
    if (bytes > maxBytes) return { queued: false, dropped: [{ data, reason: 'too-large' }] };
    if (overflow === 'drop-newest') return { queued: false, dropped: [{ data, reason: 'overflow' }] };
    const dropped: DroppedMessage[] = [];
    while (!fits()) {
      const oldest = this.shift();
      if (oldest === undefined) break;
      dropped.push({ data: oldest, reason: 'overflow' });
    }
    return this.append(data, bytes, dropped);
  }

  /** Takes the oldest message. */
  shift(): MessageData | undefined {
    if (this.head >= this.entries.length) return undefined;
    const entry = this.entries[this.head++] as Entry;
    this.totalBytes -= entry.bytes;
    // Compact now and then so a long-lived outbox does not keep sent messages alive.
    if (this.head > 64 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
    return entry.data;
  }

  /** Empties the outbox, returning every message as dropped for `reason`. */
  drain(reason: DropReason): DroppedMessage[] {
    const out = this.entries.slice(this.head).map((e) => ({ data: e.data, reason }));
    this.entries = [];
    this.head = 0;
    this.totalBytes = 0;
    return out;
  }

  private append(data: MessageData, bytes: number, dropped: DroppedMessage[]) {
    this.entries.push({ data, bytes });
    this.totalBytes += bytes;
    return { queued: true, dropped };
  }
}
