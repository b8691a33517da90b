import { OutboxFullError } from '../client/errors.js';
import {
  byteSize,
  type DroppedMessage,
  type DropReason,
  type MessageData,
  type OverflowPolicy,
} from '../client/outbox.js';

/** A message a tab holds until a leader takes it; `reason` marks one already pushed out. */
export interface HeldMessage {
  readonly seq: number;
  readonly data: MessageData;
  /** Pushed out (`drop-oldest`) while an offer of it was unanswered: dropped unless taken. */
  readonly reason?: DropReason;
}

interface Item {
  readonly data: MessageData;
  readonly bytes: number;
  /** Offers of it posted to a leader and not answered yet. */
  offers: number;
  evicted?: DropReason;
}

/**
 * What a follower tab holds until the leader takes it, in order, numbered per tab from 1, with
 * the same limits and overflow policy as `ResilientSocket`'s outbox (`outbox.*` options).
 *
 * A message it has offered to the leader may be taken at any moment, so it is settled only by
 * the leader's answers: pushed out by `drop-oldest` while an offer is unanswered, it no longer
 * counts against the limits and is not offered again, and it is reported as dropped only if no
 * answer says the leader took it.
 *
 * @example
 * ```ts
 * const held = new TabOutbox({ maxMessages: 1000, maxBytes: 1 << 20, overflow: 'reject' });
 * held.add('hello', (dropped) => console.warn(dropped));
 * ```
 */
export class TabOutbox {
  readonly #limits: { readonly maxMessages: number; readonly maxBytes: number; readonly overflow: OverflowPolicy };
  readonly #items = new Map<number, Item>();
  #seq = 0;
  /** Messages and bytes that count against the limits (not the pushed-out ones). */
  #count = 0;
  #bytes = 0;

  constructor(limits: { readonly maxMessages: number; readonly maxBytes: number; readonly overflow: OverflowPolicy }) {
    this.#limits = limits;
  }

  /** Messages held, pushed-out ones awaiting an answer included. */
  get size(): number {
    return this.#items.size;
  }

  /** The oldest seq still to be offered, or the next one when there is none. */
  get first(): number {
    for (const [seq, item] of this.#items) if (!item.evicted) return seq;
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
    const full = () => this.#count + 1 > maxMessages || this.#bytes + bytes > maxBytes;
    if (full()) {
      if (overflow === 'reject') {
        throw this.#count + 1 > maxMessages
          ? new OutboxFullError('messages', maxMessages)
          : new OutboxFullError('bytes', maxBytes);
      }
      if (overflow === 'drop-newest') {
        drop({ data, reason: 'overflow' });
        return undefined;
      }
      for (const [seq, item] of this.#items) {
        if (!full()) break;
        if (item.evicted) continue;
        this.#uncount(item);
        if (item.offers > 0) item.evicted = 'overflow';
        else {
          this.#items.delete(seq);
          drop({ data: item.data, reason: 'overflow' });
        }
      }
    }
    return this.keep(data, bytes);
  }

  /**
   * Holds `data` whatever the limits say: for a message this tab's outbox had accepted already
   * (a leader's own queue, back in its tab on pagehide).
   */
  keep(data: MessageData, bytes = byteSize(data)): number {
    const seq = ++this.#seq;
    this.#items.set(seq, { data, bytes, offers: 0 });
    this.#count++;
    this.#bytes += bytes;
    return seq;
  }

  /** An offer of `seq` was posted to the leader. */
  offered(seq: number): void {
    const item = this.#items.get(seq);
    if (item) item.offers++;
  }

  /**
   * No answer will come to the offers posted so far (the leader changed, or the tab was away):
   * returns the pushed-out messages, whose fate only a leader can tell (was it taken?).
   */
  unanswered(): number[] {
    const evicted: number[] = [];
    for (const [seq, item] of this.#items) {
      item.offers = 0;
      if (item.evicted) evicted.push(seq);
    }
    return evicted;
  }

  /**
   * The leader's answer to an offer of `seq`: `sent` settles it; `held` settles it only when it
   * is the last answer due and the message will not be offered again (pushed out, or `final`:
   * the tab has closed). Returns the drop to report, if any.
   */
  answered(seq: number, outcome: 'sent' | 'held', final: boolean): DroppedMessage | undefined {
    const item = this.#items.get(seq);
    if (!item) return undefined;
    if (item.offers > 0) item.offers--;
    if (outcome === 'sent') {
      this.take(seq);
      return undefined;
    }
    if (item.offers > 0 || (!item.evicted && !final)) return undefined;
    this.take(seq);
    return { data: item.data, reason: item.evicted ?? 'closed' };
  }

  /** Forgets every message up to `seq` (`except` those): a leader took them. */
  forgetThrough(seq: number, except?: ReadonlySet<number>): void {
    for (const held of [...this.#items.keys()]) if (held <= seq && !except?.has(held)) this.take(held);
  }

  /**
   * Marks everything still to be offered as dropped for `reason` unless a leader's answer says
   * it was taken (as `drop-oldest` does); returns their seqs, to ask about.
   */
  evictAll(reason: DropReason): number[] {
    const seqs: number[] = [];
    for (const [seq, item] of this.#items) {
      if (item.evicted) continue;
      this.#uncount(item);
      item.evicted = reason;
      seqs.push(seq);
    }
    return seqs;
  }

  /** Forgets `seq` and returns its data (undefined if it was not held). */
  take(seq: number): MessageData | undefined {
    const item = this.#items.get(seq);
    if (!item) return undefined;
    this.#items.delete(seq);
    if (!item.evicted) this.#uncount(item);
    return item.data;
  }

  /** What is still to be offered, oldest first. */
  entries(): HeldMessage[] {
    const out: HeldMessage[] = [];
    for (const [seq, item] of this.#items) if (!item.evicted) out.push({ seq, data: item.data });
    return out;
  }

  /** Forgets everything and returns it, oldest first; pushed-out ones carry their `reason`. */
  clear(): HeldMessage[] {
    const all = [...this.#items].map(([seq, item]) =>
      item.evicted ? { seq, data: item.data, reason: item.evicted } : { seq, data: item.data },
    );
    this.#items.clear();
    this.#count = 0;
    this.#bytes = 0;
    return all;
  }

  #uncount(item: Item): void {
    this.#count--;
    this.#bytes -= item.bytes;
  }
}
