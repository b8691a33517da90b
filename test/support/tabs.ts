import type { TabChannel, TabLocks, TabStorage, TabsPlatform } from '../../src/tabs/platform.js';

// An in-memory browser profile with tabs: Web Locks and BroadcastChannel as the specs define them,
// but with every asynchronous step (a lock's callback, a message delivery) in one queue the test
// owns, so the order is the same on every run and a model can interleave tabs step by step.
//
// A closed or crashed tab is a dead page:
// - `platform.locks.request` returns a promise rejected with an InvalidStateError (what a
//   document that is no longer fully active gets from the real API);
// - `platform.channel(name)` throws an InvalidStateError;
// - its channels are closed: posting throws an InvalidStateError, nothing is delivered to them;
// - its queued steps (lock callbacks, deliveries) are skipped, its pending lock requests are
//   dropped, its held locks are released to the next waiter, and the promises the fake gave it
//   (request promises, pending or granted) never settle: nothing runs in a page that is gone.

/** Captured at load, so a test that fakes the global timers cannot stop `settle()` from flushing. */
const realSetImmediate = globalThis.setImmediate;
const flushMicrotasks = (): Promise<void> => new Promise((resolve) => realSetImmediate(resolve));

const SETTLE_ROUNDS = 10_000;

function domException(name: string, message: string): Error {
  return new DOMException(message, name);
}

/** The lock object a granted callback gets, as `navigator.locks` gives it. */
export interface FakeLock {
  readonly name: string;
  readonly mode: 'exclusive';
}

interface LockRequest {
  readonly tab: FakeTab;
  readonly name: string;
  readonly callback: (lock: FakeLock | null) => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (reason: unknown) => void;
  /** Detaches the abort listener once the request is granted or dropped. */
  detach: () => void;
}

interface Task {
  readonly tab: FakeTab;
  readonly run: () => void;
}

/** One browser profile: the lock manager, channels and storage its tabs share, and the task queue. */
export class FakeBrowser {
  readonly tabs: FakeTab[] = [];
  /** `localStorage` of the origin: synchronous, shared by every tab, outliving them. */
  readonly storage: TabStorage & { readonly items: Map<string, string> } = {
    items: new Map<string, string>(),
    getItem(key) {
      return this.items.get(key) ?? null;
    },
    setItem(key, value) {
      this.items.set(key, String(value));
    },
  };
  #seq = 0;
  readonly #tasks: Task[] = [];
  readonly #holders = new Map<string, LockRequest>();
  readonly #waiting = new Map<string, LockRequest[]>();
  readonly #channels = new Set<FakeChannel>();

  /** Opens a tab; `id` defaults to `tab-1`, `tab-2`... */
  openTab(id = `tab-${++this.#seq}`): FakeTab {
    const tab = new FakeTab(this, id);
    this.tabs.push(tab);
    return tab;
  }

  /** The id of the tab holding lock `name` (granted, even if its callback has not run yet), or undefined. */
  held(name: string): string | undefined {
    return this.#holders.get(name)?.tab.id;
  }

  /** How many requests wait for lock `name`. */
  queued(name: string): number {
    return this.#waiting.get(name)?.length ?? 0;
  }

  /** How many steps (lock callbacks, message deliveries) are queued. */
  get pending(): number {
    return this.#tasks.length;
  }

  /**
   * Runs the next queued step, then lets the microtasks it caused run, as a browser does after
   * each task. Resolves to false when nothing was queued.
   */
  async step(): Promise<boolean> {
    const ran = this.#runNext();
    await flushMicrotasks();
    return ran;
  }

  /**
   * Runs steps and microtasks until neither is left; throws if that never happens. It sees only
   * this queue and microtasks: work waiting on real timers or I/O is not waited for.
   */
  async settle(): Promise<void> {
    await flushMicrotasks();
    for (let round = 0; round < SETTLE_ROUNDS; round++) {
      if (!this.#runNext()) return;
      await flushMicrotasks();
    }
    throw new Error(`FakeBrowser.settle: still busy after ${SETTLE_ROUNDS} steps (a loop of messages or locks?)`);
  }

  #runNext(): boolean {
    for (;;) {
      const task = this.#tasks.shift();
      if (!task) return false;
      // A dead page runs nothing: its steps are dropped, and the next one runs instead.
      if (!task.tab.alive) continue;
      task.run();
      return true;
    }
  }

  /** @internal */
  enqueue(tab: FakeTab, run: () => void): void {
    this.#tasks.push({ tab, run });
  }

  /** @internal Web Locks `request`, exclusive mode only. */
  request(tab: FakeTab, name: string, options: unknown, callback: unknown): Promise<unknown> {
    if (!tab.alive) return Promise.reject(domException('InvalidStateError', 'The document is not fully active.'));
    if (typeof options === 'function') return this.request(tab, name, {}, options);
    const opts = (options ?? {}) as { ifAvailable?: boolean; signal?: AbortSignal; mode?: string; steal?: boolean };
    if (typeof callback !== 'function')
      return Promise.reject(new TypeError('LockManager.request: callback is not a function'));
    const cb = callback as LockRequest['callback'];
    name = String(name);
    if (name.startsWith('-'))
      return Promise.reject(domException('NotSupportedError', `Lock name "${name}" starts with "-"`));
    // The fake has exclusive locks only: a caller that needs more must not get silently different behaviour.
    if ((opts.mode !== undefined && opts.mode !== 'exclusive') || opts.steal) {
      return Promise.reject(domException('NotSupportedError', 'FakeBrowser: only exclusive locks without steal'));
    }
    if (opts.signal && opts.ifAvailable) {
      return Promise.reject(domException('NotSupportedError', 'signal and ifAvailable cannot be used together'));
    }
    if (opts.signal?.aborted) return Promise.reject(abortReason(opts.signal));

    return new Promise((resolve, reject) => {
      const request: LockRequest = { tab, name, callback: cb, resolve, reject, detach: () => {} };
      const queue = this.#waiting.get(name) ?? [];
      const free = !this.#holders.has(name) && queue.length === 0;
      if (!free && opts.ifAvailable) {
        // Not grantable now: the callback gets null in a later task and nothing waits.
        this.enqueue(tab, () => this.#invoke(request, null));
        return;
      }
      const signal = opts.signal;
      if (signal) {
        const onAbort = () => {
          const waiting = this.#waiting.get(name);
          const at = waiting?.indexOf(request) ?? -1;
          // Aborting after the grant does nothing: the request is no longer waiting.
          if (!waiting || at < 0) return;
          waiting.splice(at, 1);
          request.detach();
          reject(abortReason(signal));
        };
        signal.addEventListener('abort', onAbort, { once: true });
        request.detach = () => signal.removeEventListener('abort', onAbort);
      }
      queue.push(request);
      this.#waiting.set(name, queue);
      this.#grant(name);
    });
  }

  /** Grants lock `name` to its first waiter if it is free; the waiter's callback runs in a later step. */
  #grant(name: string): void {
    if (this.#holders.has(name)) return;
    const queue = this.#waiting.get(name);
    const next = queue?.shift();
    if (queue?.length === 0) this.#waiting.delete(name);
    if (!next) return;
    next.detach();
    this.#holders.set(name, next);
    this.enqueue(next.tab, () => this.#invoke(next, { name, mode: 'exclusive' }));
  }

  #invoke(request: LockRequest, lock: FakeLock | null): void {
    let result: unknown;
    try {
      result = request.callback(lock);
    } catch (error) {
      if (lock) this.#release(request);
      request.reject(error);
      return;
    }
    const settled = (ok: boolean, value: unknown) => {
      if (lock) this.#release(request);
      // A page that died while holding the lock is told nothing.
      if (!request.tab.alive) return;
      if (ok) request.resolve(value);
      else request.reject(value);
    };
    if (isThenable(result)) {
      // Held until the callback's promise settles, whichever way.
      Promise.resolve(result).then(
        (value) => settled(true, value),
        (error) => settled(false, error),
      );
    } else settled(true, result);
  }

  /** Releases `request`'s lock if it still holds it (a closed tab's lock was released already). */
  #release(request: LockRequest): void {
    if (this.#holders.get(request.name) !== request) return;
    this.#holders.delete(request.name);
    this.#grant(request.name);
  }

  /** @internal */
  openChannel(tab: FakeTab, name: string): FakeChannel {
    if (!tab.alive) throw domException('InvalidStateError', 'The document is not fully active.');
    const channel = new FakeChannel(this, tab, String(name));
    this.#channels.add(channel);
    return channel;
  }

  /** @internal BroadcastChannel `postMessage`: one clone, then one delivery step per other open end. */
  post(from: FakeChannel, data: unknown): void {
    // Serialised once when posted (a DataCloneError throws here, at the sender), as the spec does.
    const serialised = structuredClone(data);
    // The receivers are the ends open now; one opened later does not get this message.
    for (const to of this.#channels) {
      if (to === from || to.name !== from.name || to.closed) continue;
      this.enqueue(to.tab, () => {
        // Closed between the post and the delivery: dropped.
        if (to.closed) return;
        to.onmessage?.({ data: structuredClone(serialised) });
      });
    }
  }

  /** @internal */
  forget(channel: FakeChannel): void {
    this.#channels.delete(channel);
  }

  /** @internal A dead tab's locks go to the next waiters and its waiting requests are dropped. */
  releaseAll(tab: FakeTab): void {
    for (const [name, queue] of [...this.#waiting]) {
      const kept = queue.filter((r) => r.tab !== tab);
      for (const r of queue) if (r.tab === tab) r.detach();
      if (kept.length) this.#waiting.set(name, kept);
      else this.#waiting.delete(name);
    }
    for (const [name, holder] of [...this.#holders]) {
      if (holder.tab !== tab) continue;
      this.#holders.delete(name);
      this.#grant(name);
    }
  }
}

/** One tab of a FakeBrowser. */
export class FakeTab {
  readonly platform: TabsPlatform;
  #alive = true;
  readonly #pagehide = new Set<() => void>();
  readonly #channels = new Set<FakeChannel>();

  constructor(
    readonly browser: FakeBrowser,
    readonly id: string,
  ) {
    const locks: TabLocks = {
      request: (name, options, callback) => browser.request(this, name, options, callback),
    };
    this.platform = {
      locks,
      channel: (name) => {
        const channel = browser.openChannel(this, name);
        this.#channels.add(channel);
        return channel;
      },
      storage: browser.storage,
    };
  }

  /** False once the tab is closed or has crashed. */
  get alive(): boolean {
    return this.#alive;
  }

  /** Registers a `pagehide` listener (run by `close()`, not by `crash()`); returns its removal. */
  onPagehide(fn: () => void): () => void {
    this.#pagehide.add(fn);
    return () => this.#pagehide.delete(fn);
  }

  /**
   * The user closes the tab: `pagehide` listeners run first, synchronously, while the page is
   * alive (what they post is still delivered); then the page dies. A listener that throws does not
   * stop the others or the teardown; the first error is rethrown at the end.
   */
  close(): void {
    if (!this.#alive) return;
    const errors: unknown[] = [];
    for (const fn of [...this.#pagehide]) {
      try {
        fn();
      } catch (error) {
        errors.push(error);
      }
    }
    this.#die();
    if (errors.length) throw errors[0];
  }

  /** The tab's process dies: the same teardown as `close()`, without `pagehide`. */
  crash(): void {
    if (this.#alive) this.#die();
  }

  #die(): void {
    this.#alive = false;
    this.#pagehide.clear();
    for (const channel of this.#channels) channel.close();
    this.#channels.clear();
    this.browser.releaseAll(this);
  }
}

/** One end of a BroadcastChannel in a FakeTab. */
export class FakeChannel implements TabChannel {
  onmessage: ((event: { readonly data: unknown }) => void) | null = null;
  #closed = false;

  constructor(
    private readonly browser: FakeBrowser,
    readonly tab: FakeTab,
    readonly name: string,
  ) {}

  get closed(): boolean {
    return this.#closed;
  }

  postMessage(message: unknown): void {
    if (this.#closed) throw domException('InvalidStateError', 'BroadcastChannel is closed.');
    this.browser.post(this, message);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.browser.forget(this);
  }
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? domException('AbortError', 'The lock request was aborted.');
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
