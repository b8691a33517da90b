import { describe, expect, it } from 'vitest';
import { FakeBrowser } from '../support/tabs.js';

/** A promise and its resolve, for callbacks the test holds open. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('FakeBrowser locks', () => {
  it('grants in FIFO order, one holder at a time, and hands over on release', async () => {
    const browser = new FakeBrowser();
    const [a, b, c] = [browser.openTab(), browser.openTab(), browser.openTab()];
    const order: string[] = [];
    const gates = [deferred(), deferred(), deferred()];
    const results = [a, b, c].map((tab, i) =>
      tab.platform.locks.request('L', {}, async (lock) => {
        order.push(`${tab.id} ${(lock as { name: string }).name}`);
        await gates[i]?.promise;
        return i;
      }),
    );
    await browser.settle();
    expect(order).toEqual(['tab-1 L']);
    expect(browser.held('L')).toBe('tab-1');
    expect(browser.queued('L')).toBe(2);

    gates[1]?.resolve(); // the second's body may finish early: it has not even started
    await browser.settle();
    expect(order).toEqual(['tab-1 L']);

    gates[0]?.resolve(); // hands over to tab-2, whose body ends at once, then to tab-3
    await browser.settle();
    expect(order).toEqual(['tab-1 L', 'tab-2 L', 'tab-3 L']);
    expect(browser.held('L')).toBe('tab-3');
    gates[2]?.resolve();
    await browser.settle();
    expect(await Promise.all(results)).toEqual([0, 1, 2]);
    expect(browser.held('L')).toBeUndefined();
    expect(browser.queued('L')).toBe(0);
  });

  it('calls the callback asynchronously, never inside request', async () => {
    const browser = new FakeBrowser();
    const tab = browser.openTab();
    let called = false;
    const result = tab.platform.locks.request('L', {}, () => {
      called = true;
      return 'done';
    });
    expect(called).toBe(false);
    await browser.settle();
    expect(called).toBe(true);
    // A non-promise result releases at once.
    expect(browser.held('L')).toBeUndefined();
    await expect(result).resolves.toBe('done');
  });

  it('rejects with what the callback throws or rejects with, and releases the lock', async () => {
    const browser = new FakeBrowser();
    const tab = browser.openTab();
    const boom = new Error('boom');
    const thrown = tab.platform.locks.request('L', {}, () => {
      throw boom;
    });
    const rejected = tab.platform.locks.request('L', {}, async () => Promise.reject(boom));
    const checked = Promise.all([expect(thrown).rejects.toBe(boom), expect(rejected).rejects.toBe(boom)]);
    await browser.settle();
    await checked;
    expect(browser.held('L')).toBeUndefined();
  });

  it('ifAvailable gives null when the lock is held or others wait, and queues nothing', async () => {
    const browser = new FakeBrowser();
    const [a, b] = [browser.openTab(), browser.openTab()];
    const gate = deferred();
    void a.platform.locks.request('L', {}, () => gate.promise);
    const seen: unknown[] = [];
    const got = b.platform.locks.request('L', { ifAvailable: true }, (lock) => {
      seen.push(lock);
      return 'skipped';
    });
    expect(seen).toEqual([]); // asynchronously, still
    await browser.settle();
    expect(seen).toEqual([null]);
    await expect(got).resolves.toBe('skipped');
    expect(browser.queued('L')).toBe(0);

    // Free: granted as any request.
    gate.resolve();
    await browser.settle();
    let free: unknown;
    void b.platform.locks.request('L', { ifAvailable: true }, (lock) => {
      free = lock;
    });
    await browser.settle();
    expect(free).toEqual({ name: 'L', mode: 'exclusive' });
  });

  it('aborting a waiting request drops it and rejects with an AbortError; after the grant it does nothing', async () => {
    const browser = new FakeBrowser();
    const [a, b, c] = [browser.openTab(), browser.openTab(), browser.openTab()];
    const gate = deferred();
    const held = new AbortController();
    const first = a.platform.locks.request('L', { signal: held.signal }, () => gate.promise.then(() => 'a'));
    const waiting = new AbortController();
    let bRan = false;
    const second = b.platform.locks.request('L', { signal: waiting.signal }, () => {
      bRan = true;
    });
    const third = c.platform.locks.request('L', {}, () => 'c');
    await browser.settle();
    expect(browser.queued('L')).toBe(2);

    waiting.abort();
    await expect(second).rejects.toMatchObject({ name: 'AbortError' });
    expect(browser.queued('L')).toBe(1);
    held.abort(); // granted already: no effect
    expect(browser.held('L')).toBe('tab-1');

    gate.resolve();
    await browser.settle();
    await expect(first).resolves.toBe('a');
    await expect(third).resolves.toBe('c');
    expect(bRan).toBe(false);

    const already = AbortSignal.abort();
    await expect(a.platform.locks.request('L', { signal: already }, () => {})).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it('a closed tab passes its lock to the next waiter and drops its own waiting requests', async () => {
    const browser = new FakeBrowser();
    const [a, b, c] = [browser.openTab(), browser.openTab(), browser.openTab()];
    const granted: string[] = [];
    const never = new Promise(() => {});
    void a.platform.locks.request('L', {}, () => {
      granted.push('a');
      return never;
    });
    void a.platform.locks.request('M', {}, () => never);
    void c.platform.locks.request('M', {}, () => granted.push('c M'));
    void b.platform.locks.request('L', {}, () => granted.push('b'));
    void a.platform.locks.request('L', {}, () => granted.push('a again'));
    await browser.settle();
    expect(browser.queued('L')).toBe(2);

    a.close();
    expect(browser.held('L')).toBe('tab-2');
    expect(browser.queued('L')).toBe(0);
    await browser.settle();
    expect(granted).toEqual(['a', 'b', 'c M']);
    await expect(a.platform.locks.request('L', {}, () => {})).rejects.toMatchObject({ name: 'InvalidStateError' });
  });

  it('a lock granted to a tab that dies before its callback runs goes to the next waiter', async () => {
    const browser = new FakeBrowser();
    const [a, b] = [browser.openTab(), browser.openTab()];
    let aRan = false;
    void a.platform.locks.request('L', {}, () => {
      aRan = true;
    });
    const second = b.platform.locks.request('L', {}, () => 'b');
    expect(browser.held('L')).toBe('tab-1');
    a.crash();
    expect(browser.held('L')).toBe('tab-2');
    await browser.settle();
    expect(aRan).toBe(false);
    await expect(second).resolves.toBe('b');
  });
});

describe('FakeBrowser channels', () => {
  it('delivers clones to every other open end of the name, not to the sender, in posting order', async () => {
    const browser = new FakeBrowser();
    const [a, b] = [browser.openTab(), browser.openTab()];
    const sender = a.platform.channel('c');
    const sameTab = a.platform.channel('c');
    const other = b.platform.channel('c');
    const otherName = b.platform.channel('d');
    const got: string[] = [];
    const data: unknown[] = [];
    for (const [label, ch] of [
      ['sender', sender],
      ['sameTab', sameTab],
      ['other', other],
      ['otherName', otherName],
    ] as const) {
      ch.onmessage = (e) => {
        got.push(`${label} ${(e.data as { n: number }).n}`);
        data.push(e.data);
      };
    }
    const message = { n: 1 };
    sender.postMessage(message);
    sender.postMessage({ n: 2 });
    message.n = 99; // cloned when posted
    expect(got).toEqual([]);
    expect(browser.pending).toBe(4);

    expect(await browser.step()).toBe(true);
    expect(got).toEqual(['sameTab 1']);
    await browser.settle();
    expect(got).toEqual(['sameTab 1', 'other 1', 'sameTab 2', 'other 2']);
    expect(data[0]).toEqual({ n: 1 });
    expect(data[0]).not.toBe(message);
    expect(data[0]).not.toBe(data[1]); // each receiver its own copy
    expect(() => sender.postMessage(() => {})).toThrow(expect.objectContaining({ name: 'DataCloneError' }));
  });

  it('a closed end neither receives nor sends; an end opened after a post does not get it', async () => {
    const browser = new FakeBrowser();
    const [a, b] = [browser.openTab(), browser.openTab()];
    const sender = a.platform.channel('c');
    const closed = b.platform.channel('c');
    const closedLater = b.platform.channel('c');
    const got: string[] = [];
    closed.onmessage = () => got.push('closed');
    closedLater.onmessage = () => got.push('closedLater');
    closed.close();
    sender.postMessage('x');
    const late = b.platform.channel('c');
    late.onmessage = () => got.push('late');
    closedLater.close(); // after the post, before the delivery
    await browser.settle();
    expect(got).toEqual([]);
    expect(() => closed.postMessage('y')).toThrow(expect.objectContaining({ name: 'InvalidStateError' }));
  });

  it('close runs pagehide first (its posts still go out), then closes the channels; crash skips pagehide', async () => {
    const browser = new FakeBrowser();
    const [a, b, c] = [browser.openTab(), browser.openTab(), browser.openTab()];
    const fromA = a.platform.channel('c');
    const toA = a.platform.channel('c');
    const fromB = b.platform.channel('c');
    const listener = c.platform.channel('c');
    const got: unknown[] = [];
    listener.onmessage = (e) => got.push(e.data);
    toA.onmessage = (e) => got.push(`a got ${String(e.data)}`);
    a.onPagehide(() => fromA.postMessage('a leaves'));
    let bPagehide = false;
    b.onPagehide(() => {
      bPagehide = true;
      fromB.postMessage('b leaves');
    });

    fromB.postMessage('before'); // queued for a, which closes before the delivery
    a.close();
    b.crash();
    await browser.settle();
    expect(got).toEqual(['before', 'a leaves']);
    expect(bPagehide).toBe(false);
    expect(a.alive).toBe(false);
    expect(() => fromA.postMessage('x')).toThrow(expect.objectContaining({ name: 'InvalidStateError' }));
    expect(() => a.platform.channel('c')).toThrow(expect.objectContaining({ name: 'InvalidStateError' }));
  });

  it('settle throws when the tabs never go quiet', async () => {
    const browser = new FakeBrowser();
    const [a, b] = [browser.openTab(), browser.openTab()];
    const ping = a.platform.channel('c');
    const pong = b.platform.channel('c');
    ping.onmessage = () => ping.postMessage('ping');
    pong.onmessage = () => pong.postMessage('pong');
    ping.postMessage('start');
    await expect(browser.settle()).rejects.toThrow(/still busy/);
  });
});
