import { describe, expect, it } from 'vitest';
import type { TabStorage } from '../../src/tabs/platform.js';
import { loadTaken, saveTaken } from '../../src/tabs/taken-record.js';

// The record a leaving leader keeps in localStorage of what went out of each tab.

function memory(): TabStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return { items, getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v) };
}

const DAY = 24 * 60 * 60 * 1000;

describe('the record of what went out of each tab', () => {
  it('merges what several leaders wrote, the higher seq winning, under the channel name only', () => {
    const storage = memory();
    saveTaken(
      storage,
      'live',
      new Map([
        ['a', 3],
        ['b', 1],
      ]),
      0,
    );
    saveTaken(
      storage,
      'live',
      new Map([
        ['a', 2],
        ['c', 5],
      ]),
      10,
    );
    saveTaken(storage, 'other', new Map([['a', 9]]), 10);
    expect(loadTaken(storage, 'live', 20)).toEqual(
      new Map([
        ['a', 3],
        ['b', 1],
        ['c', 5],
      ]),
    );
  });

  it('forgets tabs after a day, and keeps the 256 newest', () => {
    const storage = memory();
    saveTaken(storage, 'live', new Map([['old', 1]]), 0);
    expect(loadTaken(storage, 'live', DAY)).toEqual(new Map([['old', 1]]));
    expect(loadTaken(storage, 'live', DAY + 1)).toEqual(new Map());
    saveTaken(storage, 'live', new Map(Array.from({ length: 300 }, (_, i) => [`t${i}`, i + 1] as const)), 5);
    saveTaken(storage, 'live', new Map([['newest', 1]]), 6);
    const loaded = loadTaken(storage, 'live', 7);
    expect(loaded.size).toBe(256);
    expect(loaded.get('newest')).toBe(1);
  });

  it('damaged or foreign content, and storage that throws, mean nothing is remembered, never an error', () => {
    const storage = memory();
    storage.items.set('live:taken', '{not json');
    expect(loadTaken(storage, 'live', 0)).toEqual(new Map());
    storage.items.set('live:taken', JSON.stringify([['a', 'x', 0], ['b', 2, 0], 'junk']));
    expect(loadTaken(storage, 'live', 0)).toEqual(new Map([['b', 2]]));
    const refusing: TabStorage = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    };
    expect(() => saveTaken(refusing, 'live', new Map([['a', 1]]), 0)).not.toThrow();
    expect(loadTaken(refusing, 'live', 0)).toEqual(new Map());
    expect(loadTaken(undefined, 'live', 0)).toEqual(new Map());
  });
});
