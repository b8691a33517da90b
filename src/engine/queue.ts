/**
 * A first-in first-out queue that is a value: `push` and `shift` return a new queue and leave the
 * old one as it was, so the engine's state can hold it. Used linearly (the engine only ever
 * extends its newest queue), both are O(1): versions share one array and each sees its own
 * `[start, end)` window of it. Extending an older version copies its window first.
 *
 * @example
 * ```ts
 * const a = emptyQueue<string>();
 * const b = push(a, 'x', 1);
 * size(a); // 0
 * peek(b); // { item: 'x', bytes: 1 }
 * ```
 */
export interface Queue<T> {
  readonly items: readonly QueueEntry<T>[];
  readonly start: number;
  readonly end: number;
  /** Sum of the entries' `bytes`. */
  readonly bytes: number;
}

/** One queued item, its size on the wire, and whose it is (see `Input` `send`'s `tag`). */
export interface QueueEntry<T> {
  readonly item: T;
  readonly bytes: number;
  readonly tag?: unknown;
}

const EMPTY: Queue<never> = { items: [], start: 0, end: 0, bytes: 0 };

export function emptyQueue<T>(): Queue<T> {
  return EMPTY;
}

export function size(q: Queue<unknown>): number {
  return q.end - q.start;
}

export function peek<T>(q: Queue<T>): QueueEntry<T> | undefined {
  return q.start < q.end ? q.items[q.start] : undefined;
}

export function push<T>(q: Queue<T>, item: T, bytes: number, tag?: unknown): Queue<T> {
  // Only the newest version may append in place; anything else would overwrite a sibling's view.
  const items = (
    q.items.length === q.end && q.items !== EMPTY.items ? q.items : q.items.slice(q.start, q.end)
  ) as QueueEntry<T>[];
  const start = items === q.items ? q.start : 0;
  items.push({ item, bytes, tag });
  return { items, start, end: start + (q.end - q.start) + 1, bytes: q.bytes + bytes };
}

export function shift<T>(q: Queue<T>): Queue<T> {
  const head = q.items[q.start];
  if (!head) return q;
  if (q.start + 1 === q.end) return EMPTY;
  // Compact now and then, so a long-lived queue does not keep items it has given up alive.
  if (q.start > 64 && q.start * 2 > q.end) {
    const items = q.items.slice(q.start + 1, q.end);
    return { items, start: 0, end: items.length, bytes: q.bytes - head.bytes };
  }
  return { items: q.items, start: q.start + 1, end: q.end, bytes: q.bytes - head.bytes };
}

/** The queue with `entries` in front of what it holds. */
export function prepend<T>(q: Queue<T>, entries: readonly QueueEntry<T>[]): Queue<T> {
  if (entries.length === 0) return q;
  const items = [...entries, ...q.items.slice(q.start, q.end)];
  return { items, start: 0, end: items.length, bytes: q.bytes + entries.reduce((n, e) => n + e.bytes, 0) };
}

/** Every entry, oldest first. */
export function entries<T>(q: Queue<T>): readonly QueueEntry<T>[] {
  return q.items.slice(q.start, q.end);
}
