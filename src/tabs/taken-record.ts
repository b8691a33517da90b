import type { TabStorage } from './platform.js';

/** Entries older than this are forgotten: a tab back from the cache a day later is unlikely. */
const MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** At most this many tabs are remembered, the newest kept. */
const MAX_TABS = 256;

type Entry = readonly [tab: string, seq: number, at: number];

/**
 * What went out of each tab through the leaders (its last seq), kept in the browser's storage as
 * well as in the tabs: a tab back from the back/forward cache offers again what no leader
 * confirmed to it, and if every tab that knew it was sent is gone by then, the new leader learns
 * it here and does not send it twice. A leader writes it when it leaves (pagehide, close), and
 * reads it when it starts to lead. A crashed leader writes nothing. Storage that is missing or
 * throws (a full quota, a sandboxed frame) only means it is not remembered.
 *
 * @example
 * ```ts
 * saveTaken(localStorage, 'closewise:wss://api.example.com/live', new Map([['b7c1…', 3]]), Date.now());
 * loadTaken(localStorage, 'closewise:wss://api.example.com/live', Date.now()); // Map { 'b7c1…' => 3 }
 * ```
 */
export function loadTaken(storage: TabStorage | undefined, name: string, now: number): Map<string, number> {
  const taken = new Map<string, number>();
  for (const [tab, seq] of read(storage, name, now)) taken.set(tab, seq);
  return taken;
}

/** Merges `taken` into the stored record (the higher seq wins) and writes it back. */
export function saveTaken(
  storage: TabStorage | undefined,
  name: string,
  taken: ReadonlyMap<string, number>,
  now: number,
): void {
  if (!storage || taken.size === 0) return;
  const merged = new Map<string, Entry>();
  for (const e of read(storage, name, now)) merged.set(e[0], e);
  for (const [tab, seq] of taken) {
    // Stamped when it moved on: an entry read back and written unchanged keeps its age.
    const prev = merged.get(tab);
    if (!prev || seq > prev[1]) merged.set(tab, [tab, seq, now]);
  }
  const entries = [...merged.values()].sort((x, y) => y[2] - x[2]).slice(0, MAX_TABS);
  try {
    storage.setItem(key(name), JSON.stringify(entries));
  } catch {
    // Full or refused: the tabs still know, as long as one of them is open.
  }
}

function read(storage: TabStorage | undefined, name: string, now: number): Entry[] {
  let raw: string | null | undefined;
  try {
    raw = storage?.getItem(key(name));
  } catch {
    return [];
  }
  if (!raw) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return []; // not ours, or damaged: start afresh
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.filter(
    (e): e is Entry =>
      Array.isArray(e) &&
      typeof e[0] === 'string' &&
      Number.isSafeInteger(e[1]) &&
      typeof e[2] === 'number' &&
      now - e[2] <= MAX_AGE_MS,
  );
}

function key(name: string): string {
  return `${name}:taken`;
}
