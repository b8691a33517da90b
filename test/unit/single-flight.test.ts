import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { RefreshContext } from '../../src/client/options.js';
import { type SingleFlightContext, singleFlightRefresh } from '../../src/tabs/single-flight.js';
import { FakeBrowser, type FakeTab } from '../support/tabs.js';

interface Ctx {
  readonly trigger: 'policy' | 'handshake';
}

/** A promise and its resolve, for refreshes the test holds open. */
function deferred() {
  let resolve!: () => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Records every run of the app's refresh: who, with which flag, and whether two ever overlapped. */
function recorder() {
  let active = 0;
  const runs: { tab: string; refreshedByAnotherTab: boolean; trigger: string }[] = [];
  const state = { overlapped: false, runs };
  const refreshFor = (tab: FakeTab, body: () => Promise<void> | void = () => {}) =>
    singleFlightRefresh<Ctx>(
      async ({ refreshedByAnotherTab, trigger }) => {
        runs.push({ tab: tab.id, refreshedByAnotherTab, trigger });
        if (++active > 1) state.overlapped = true;
        try {
          await body();
        } finally {
          active--;
        }
      },
      { platform: tab.platform },
    );
  return { state, refreshFor };
}

describe('singleFlightRefresh', () => {
  it('two tabs at once: the bodies never overlap, the first sees false, the one that waited true', async () => {
    const browser = new FakeBrowser();
    const [a, b] = [browser.openTab(), browser.openTab()];
    const { state, refreshFor } = recorder();
    const gate = deferred();
    const first = refreshFor(a, () => gate.promise)({ trigger: 'policy' });
    const second = refreshFor(b)({ trigger: 'handshake' });
    await browser.settle();
    expect(state.runs).toEqual([{ tab: 'tab-1', refreshedByAnotherTab: false, trigger: 'policy' }]);
    expect(browser.held('closewise:refresh')).toBe('tab-1');
    expect(browser.queued('closewise:refresh')).toBe(1);

    gate.resolve();
    await browser.settle();
    await expect(first).resolves.toBeUndefined();
    await expect(second).resolves.toBeUndefined();
    expect(state.runs).toEqual([
      { tab: 'tab-1', refreshedByAnotherTab: false, trigger: 'policy' },
      { tab: 'tab-2', refreshedByAnotherTab: true, trigger: 'handshake' },
    ]);
    expect(state.overlapped).toBe(false);
    expect(browser.held('closewise:refresh')).toBeUndefined();
  });

  it('a lone call, and a call after the others finished, see false', async () => {
    const browser = new FakeBrowser();
    const [a, b] = [browser.openTab(), browser.openTab()];
    const { state, refreshFor } = recorder();
    const lone = refreshFor(a)({ trigger: 'policy' });
    await browser.settle();
    await lone;
    const later = refreshFor(b)({ trigger: 'policy' });
    await browser.settle();
    await later;
    expect(state.runs.map((r) => r.refreshedByAnotherTab)).toEqual([false, false]);
  });

  it('serialises calls within one tab too', async () => {
    const browser = new FakeBrowser();
    const a = browser.openTab();
    const { state, refreshFor } = recorder();
    const gate = deferred();
    const refresh = refreshFor(a, () => gate.promise);
    const calls = [refresh({ trigger: 'policy' }), refresh({ trigger: 'policy' })];
    await browser.settle();
    expect(state.runs).toHaveLength(1);
    gate.resolve();
    await browser.settle();
    await Promise.all(calls);
    expect(state.runs.map((r) => r.refreshedByAnotherTab)).toEqual([false, true]);
    expect(state.overlapped).toBe(false);
  });

  it("an error of the app's refresh rejects with that error and releases the lock", async () => {
    const browser = new FakeBrowser();
    const [a, b] = [browser.openTab(), browser.openTab()];
    const boom = new Error('refresh failed');
    const { state, refreshFor } = recorder();
    const failing = refreshFor(a, () => Promise.reject(boom))({ trigger: 'policy' });
    const failed = expect(failing).rejects.toBe(boom);
    const sync = singleFlightRefresh(
      () => {
        throw boom;
      },
      { platform: a.platform },
    )({});
    const syncFailed = expect(sync).rejects.toBe(boom);
    await browser.settle();
    await failed;
    await syncFailed;
    expect(browser.held('closewise:refresh')).toBeUndefined();

    const later = refreshFor(b)({ trigger: 'policy' });
    await browser.settle();
    await expect(later).resolves.toBeUndefined();
    expect(state.runs.map((r) => r.tab)).toEqual(['tab-1', 'tab-2']);
  });

  it('a tab that closes mid-refresh releases the lock to the waiter', async () => {
    const browser = new FakeBrowser();
    const [a, b] = [browser.openTab(), browser.openTab()];
    const { state, refreshFor } = recorder();
    void refreshFor(a, () => new Promise(() => {}))({ trigger: 'policy' }); // never ends: the tab closes
    const waiting = refreshFor(b)({ trigger: 'policy' });
    await browser.settle();
    expect(browser.held('closewise:refresh')).toBe('tab-1');

    a.close();
    await browser.settle();
    // Checked before awaiting, so that a lock that is never handed over fails here, not by timeout.
    expect(state.runs.map((r) => [r.tab, r.refreshedByAnotherTab])).toEqual([
      ['tab-1', false],
      ['tab-2', true],
    ]);
    expect(browser.held('closewise:refresh')).toBeUndefined();
    await expect(waiting).resolves.toBeUndefined();
  });

  it('uses the lock name it is given, so that other names do not wait', async () => {
    const browser = new FakeBrowser();
    const [a, b] = [browser.openTab(), browser.openTab()];
    const seen: boolean[] = [];
    const gate = deferred();
    void singleFlightRefresh(() => gate.promise, { name: 'app:one', platform: a.platform })({});
    const other = singleFlightRefresh((ctx) => void seen.push(ctx.refreshedByAnotherTab), {
      name: 'app:two',
      platform: b.platform,
    })({});
    await browser.settle();
    await other;
    expect(seen).toEqual([false]);
    expect(browser.held('app:one')).toBe('tab-1');
    gate.resolve();
    await browser.settle();
  });

  it('without Web Locks (Node) calls refresh directly, with false, passing the context on', async () => {
    expect((globalThis as { navigator?: { locks?: unknown } }).navigator?.locks).toBeUndefined();
    const seen: unknown[] = [];
    const refresh = singleFlightRefresh<{ trigger: string }>((ctx) => void seen.push(ctx));
    await expect(refresh({ trigger: 'policy' })).resolves.toBeUndefined();
    expect(seen).toEqual([{ trigger: 'policy', refreshedByAnotherTab: false }]);
    const boom = new Error('no');
    await expect(
      singleFlightRefresh(() => {
        throw boom;
      })({}),
    ).rejects.toBe(boom);
  });

  it('never overlaps, and says true exactly to the calls that found the lock taken (any interleaving)', async () => {
    const action = fc.oneof(
      fc.record({ type: fc.constant('call' as const), tab: fc.nat(2) }),
      fc.record({ type: fc.constantFrom('step' as const, 'finish' as const, 'fail' as const) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 30 }), async (actions) => {
        const browser = new FakeBrowser();
        const tabs = [browser.openTab(), browser.openTab(), browser.openTab()];
        // The bodies running now (at most one, unless the lock is broken), which the model ends when it likes.
        const running: ReturnType<typeof deferred>[] = [];
        let overlapped = false;
        const flags: (boolean | undefined)[] = [];
        const expected: boolean[] = [];
        const done: Promise<unknown>[] = [];
        for (const a of actions) {
          if (a.type === 'step') await browser.step();
          else if (a.type === 'finish') running.shift()?.resolve();
          else if (a.type === 'fail') running.shift()?.reject(new Error('refresh failed'));
          else if (a.type === 'call') {
            const i = expected.length;
            // What the lock looked like when this call asked: that, and only that, decides the flag.
            expected.push(browser.held('closewise:refresh') !== undefined);
            const refresh = singleFlightRefresh(
              async ({ refreshedByAnotherTab }) => {
                flags[i] = refreshedByAnotherTab;
                if (running.length > 0) overlapped = true;
                const gate = deferred();
                running.push(gate);
                await gate.promise;
              },
              { platform: (tabs[a.tab] as FakeTab).platform },
            );
            done.push(refresh({}).catch(() => {}));
          }
        }
        for (;;) {
          await browser.settle();
          const next = running.shift();
          if (!next) break;
          next.resolve();
        }
        await Promise.all(done);
        expect(overlapped).toBe(false);
        expect(flags).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('throws a TypeError naming a bad refresh, name, options or platform', () => {
    const ok = () => {};
    expect(() => singleFlightRefresh('nope' as never)).toThrow(
      new TypeError('singleFlightRefresh: refresh must be a function, got "nope"'),
    );
    expect(() => singleFlightRefresh(ok, { name: '' })).toThrow(
      new TypeError('singleFlightRefresh: name must be a non-empty string not starting with "-", got ""'),
    );
    expect(() => singleFlightRefresh(ok, { name: 42 as never })).toThrow(/name must be .*, got 42$/);
    expect(() => singleFlightRefresh(ok, { name: '-reserved' })).toThrow(/name must be .*, got "-reserved"$/);
    expect(() => singleFlightRefresh(ok, 'x' as never)).toThrow(/options must be an object, got "x"$/);
    expect(() => singleFlightRefresh(ok, { platform: {} as never })).toThrow(
      /platform must be an object with locks.request, got object$/,
    );
  });

  it('fits auth.refresh of ResilientSocket, inferring its context', () => {
    const wrapped: (ctx: RefreshContext) => void | Promise<void> = singleFlightRefresh(async (ctx) => {
      expectTypeOf(ctx).toEqualTypeOf<RefreshContext & SingleFlightContext>();
    });
    expectTypeOf(wrapped).parameter(0).toEqualTypeOf<RefreshContext>();
  });
});
