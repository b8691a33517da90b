import { OutboxFullError } from '../client/errors.js';
import { byteSize, type DroppedMessage, type MessageData, type OverflowPolicy } from '../client/outbox.js';

/** A message a tab holds until a leader takes it. */
export interface HeldMessage {
  readonly seq: number;
  readonly data: MessageData;
}

/**
 * What a follower tab holds until the leader takes it, in order, numbered per tab from 1, with
 * the same limits and overflow policy as `ResilientSocket`'s outbox (`outbox.*` options).
 *
 * @example
 * ```ts
 * const held = new TabOutbox({ maxMessages: 1000, maxBytes: 1 << 20, overflow: 'reject' });
 * held.add('hello', (dropped) => console.warn(dropped));
 * ```
 */
export class TabOutbox {
  readonly #limits: { readonly maxMessages: number; readonly maxBytes: number; readonly overflow: OverflowPolicy };
  readonly #items = new Map<number, { data: MessageData; bytes: number }>();
  #seq = 0;
  #bytes = 0;

  constructor(limits: { readonly maxMessages: number; readonly maxBytes: number; readonly overflow: OverflowPolicy }) {
    this.#limits = limits;
  }

  get size(): number {
    return this.#items.size;
  }

  /** The oldest seq held, or the next one when nothing is. */
  get first(): number {
    for (const seq of this.#items.keys()) return seq;
    return this.#seq + 1;
  }

  /**
   * Holds `data` and returns its seq, or undefined when it was dropped (`drop-newest`, or bigger
   * than the byte limit on its own). `reject` throws `OutboxFullError` and holds nothing.
   */
  add(data: MessageData, drop: (message: DroppedMessage) => void): number | undefined {
    const bytes = byteSize(data);
    const { maxMessages, maxBytes, overflow } = this.#limits;
    if (bytes > maxBytes) {
      drop({ data, reason: 'too-large' });
      return undefined;
    }
    const full = () => this.#items.size + 1 > maxMessages || this.#bytes + bytes > maxBytes;
    if (full()) {
      if (overflow === 'reject') {
        throw this.#items.size + 1 > maxMessages
          ? new OutboxFullError('messages', maxMessages)
          : new OutboxFullError('bytes', maxBytes);
      }
      if (overflow === 'drop-newest') {
        drop({ data, reason: 'overflow' });
        return undefined;
      }
      for (const [seq, item] of this.#items) {
        if (!full()) break;
        this.take(seq);
        drop({ data: item.data, reason: 'overflow' });
      }
    }
    const seq = ++this.#seq;
    this.#items.set(seq, { data, bytes });
    this.#bytes += bytes;
    return seq;
  }

  /** Forgets `seq` and returns its data (undefined if it was not held). */
  take(seq: number): MessageData | undefined {
    const item = this.#items.get(seq);
    if (!item) return undefined;
    this.#items.delete(seq);
    this.#bytes -= item.bytes;
    return item.data;
  }

  /** Everything held, oldest first. */
  entries(): HeldMessage[] {
    return [...this.#items].map(([seq, item]) => ({ seq, data: item.data }));
  }

  /** Forgets everything and returns it, oldest first. */
  clear(): HeldMessage[] {
    const all = this.entries();
    this.#items.clear();
    this.#bytes = 0;
    return all;
  }
}
