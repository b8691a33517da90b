import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PolicyEvent } from '../../src/client/events.js';
import type { Lifecycle, LifecycleEvent } from '../../src/client/lifecycle.js';
import { byteSize, type MessageData } from '../../src/client/outbox.js';
import { SharedSocket, type SharedSocketOptions } from '../../src/tabs/shared-socket.js';
import { FakeClock, FakeWebSocket } from '../support/fakes.js';
import { FakeBrowser, type FakeTab } from '../support/tabs.js';

// Tabs of one browser profile, each with its own SharedSocket, against FakeWebSocket: the
// election and the fan-out run on the fake Web Locks and BroadcastChannel of test/support/tabs.ts.

let clock: FakeClock;
let browser: FakeBrowser;

beforeEach(() => {
  clock = new FakeClock();
  browser = new FakeBrowser();
  FakeWebSocket.reset();
});

afterEach(async () => {
  for (const tab of browser.tabs) if (tab.alive) tab.close();
  await browser.settle();
});

/** A tab's page lifecycle: its pagehide, and online all the time. */
function lifecycleOf(tab: FakeTab): Lifecycle & { fire(e: LifecycleEvent): void } {
  const listeners = new Set<(e: LifecycleEvent) => void>();
  tab.onPagehide(() => {
    for (const fn of [...listeners]) fn('pagehide');
  });
  return {
    isOnline: () => true,
    subscribe: (fn) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    fire: (e) => {
      for (const fn of [...listeners]) fn(e);
    },
  };
}

interface Page {
  readonly tab: FakeTab;
  readonly socket: SharedSocket;
  readonly lifecycle: ReturnType<typeof lifecycleOf>;
  readonly messages: unknown[];
  readonly states: string[];
  readonly drops: unknown[];
}

function openPage(options: SharedSocketOptions = {}): Page {
  const tab = browser.openTab();
  const lifecycle = lifecycleOf(tab);
  const socket = new SharedSocket('ws://test/live?token=secret', {
    WebSocket: FakeWebSocket,
    clock,
    random: () => 0.5,
    platform: tab.platform,
    lifecycle,
    ...options,
  });
  const page: Page = { tab, socket, lifecycle, messages: [], states: [], drops: [] };
  socket.on('message', (data) => page.messages.push(data));
  socket.on('state', (s) => page.states.push(s.state));
  socket.on('drop', (d) => page.drops.push(d.data));
  return page;
}

const leaders = (pages: readonly Page[]) => pages.filter((p) => p.tab.alive && p.socket.role === 'leader');

describe('SharedSocket: one connection per browser', () => {
  it('three tabs: one leader, one real connection, every tab sees every message and the same status', async () => {
    const pages = [openPage(), openPage(), openPage()];
    await browser.settle();
    expect(leaders(pages)).toHaveLength(1);
    expect(pages[0]?.socket.role).toBe('leader');
    expect(FakeWebSocket.instances).toHaveLength(1);
    FakeWebSocket.last.serverOpen();
    await browser.settle();
    for (const p of pages) expect(p.socket.status.state).toBe('open');
    FakeWebSocket.last.serverMessage('tick 1');
    FakeWebSocket.last.serverMessage('tick 2');
    await browser.settle();
    for (const p of pages) expect(p.messages).toEqual(['tick 1', 'tick 2']);
  });

  it('the channel name comes from the origin and path, never the token in the query', () => {
    const tab = browser.openTab();
    const names: string[] = [];
    const channel = (n: string) => {
      names.push(n);
      return tab.platform.channel(n);
    };
    const platform = { locks: tab.platform.locks, channel };
    new SharedSocket('ws://test/live?token=secret', { WebSocket: FakeWebSocket, clock, platform, lifecycle: false });
    expect(names).toEqual(['closewise:ws://test/live']);
    expect(() => new SharedSocket(() => 'ws://x', { WebSocket: FakeWebSocket, platform, lifecycle: false })).toThrow(
      /options\.name is required/,
    );
    expect(() => new SharedSocket('ws://x', { WebSocket: FakeWebSocket, platform, name: '' })).toThrow(/options\.name/);
  });

  it("a follower's sends reach the server exactly once, in order, even when sent before the connection opened", async () => {
    const [leader, follower] = [openPage(), openPage()];
    await browser.settle();
    expect(follower?.socket.send('a')).toBe('queued');
    expect(follower?.socket.send('b')).toBe('queued');
    await browser.settle();
    expect(FakeWebSocket.last.sent).toEqual([]); // not open yet: the follower keeps them
    FakeWebSocket.last.serverOpen();
    await browser.settle();
    follower?.socket.send('c');
    leader?.socket.send('L');
    await browser.settle();
    const sent = FakeWebSocket.last.sent;
    expect(sent.filter((m) => m !== 'L')).toEqual(['a', 'b', 'c']);
    expect(sent).toContain('L');
    expect(follower?.drops).toEqual([]);
  });

  it('closing the leader tab makes another tab leader with exactly one new connection', async () => {
    const pages = [openPage(), openPage(), openPage()];
    await browser.settle();
    FakeWebSocket.last.serverOpen();
    await browser.settle();
    pages[0]?.tab.close();
    await browser.settle();
    expect(leaders(pages)).toHaveLength(1);
    expect(leaders(pages)[0]).toBe(pages[1]);
    // The old tab's socket is closing with its page; the new leader's is the only one connecting.
    expect(FakeWebSocket.instances.filter((ws) => ws.readyState <= 1)).toHaveLength(1);
    expect(FakeWebSocket.instances).toHaveLength(2);
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.serverMessage('after handoff');
    await browser.settle();
    expect(pages[2]?.messages).toEqual(['after handoff']);
  });

  it('a leaving leader hands its queued messages to the next leader', async () => {
    const [a, b] = [openPage(), openPage()];
    await browser.settle();
    a?.socket.send('queued in the leader'); // not open: in the leader's outbox
    b?.socket.send('kept by the follower');
    await browser.settle();
    a?.tab.close(); // pagehide: hand over
    await browser.settle();
    expect(b?.socket.role).toBe('leader');
    FakeWebSocket.last.serverOpen();
    await browser.settle();
    expect(FakeWebSocket.last.sent).toEqual(['queued in the leader', 'kept by the follower']);
  });

  it('a crashed leader cannot hand over, but what the followers held is not lost', async () => {
    const [a, b, c] = [openPage(), openPage(), openPage()];
    await browser.settle();
    b?.socket.send('from b');
    c?.socket.send('from c');
    await browser.settle();
    a?.tab.crash();
    await browser.settle();
    expect(b?.socket.role).toBe('leader');
    FakeWebSocket.last.serverOpen();
    await browser.settle();
    expect(FakeWebSocket.last.sent).toEqual(['from b', 'from c']);
  });

  it('a 1008 "token expired" runs exactly one refresh, in the leader; every tab learns the outcome', async () => {
    let refreshes = 0;
    const auth = { refresh: () => void refreshes++ };
    const pages = [openPage({ auth }), openPage({ auth }), openPage({ auth })];
    const outcomes: boolean[] = [];
    for (const p of pages) p.socket.on('refresh', ({ ok }) => outcomes.push(ok));
    await browser.settle();
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.serverClose(1008, 'token expired');
    await browser.settle();
    clock.advance(1000);
    await browser.settle();
    expect(refreshes).toBe(1);
    expect(outcomes).toEqual([true, true, true]);
  });

  it("a follower's policy event has working retry() and stop()", async () => {
    const [, follower] = [openPage(), openPage()];
    const policies: PolicyEvent[] = [];
    follower?.socket.on('policy', (e) => policies.push(e));
    await browser.settle();
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.serverClose(1008, 'token expired');
    await browser.settle();
    expect(follower?.socket.status.state).toBe('paused');
    expect(policies[0]?.advice.howToFix).toBeTruthy();
    policies[0]?.retry();
    await browser.settle();
    expect(FakeWebSocket.instances).toHaveLength(2);
    expect(follower?.socket.status.state).toBe('connecting');
  });

  it('a follower that closes reports what it still held as dropped, and leaves the others connected', async () => {
    const [, follower, third] = [openPage(), openPage(), openPage()];
    await browser.settle();
    follower?.socket.send('never sent');
    follower?.socket.close();
    await browser.settle();
    expect(follower?.drops).toEqual(['never sent']);
    expect(follower?.socket.status.state).toBe('closed');
    expect(() => follower?.socket.send('x')).toThrow(/after close/);
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.serverMessage('still here');
    await browser.settle();
    expect(third?.messages).toEqual(['still here']);
    expect(follower?.messages).toEqual([]);
  });

  it('without Web Locks or BroadcastChannel, each tab is its own ResilientSocket', async () => {
    const pages = [openPage({ platform: false }), openPage({ platform: false })];
    await browser.settle();
    expect(pages.map((p) => p.socket.role)).toEqual(['leader', 'leader']);
    expect(pages.every((p) => !p.socket.shared)).toBe(true);
    expect(FakeWebSocket.instances).toHaveLength(2);
  });

  // Found by review (helper), each failed before its fix.
  it('a send racing the open is neither lost nor reordered', async () => {
    const [, f] = [openPage(), openPage()];
    await browser.settle();
    f?.socket.send('a');
    await browser.settle();
    FakeWebSocket.last.serverOpen();
    f?.socket.send('b');
    await browser.settle();
    expect(FakeWebSocket.last.sent).toEqual(['a', 'b']);
  });

  it('a pause survives a handoff; a policy event from an earlier leader cannot stop the new connection', async () => {
    const [a, b, f] = [openPage(), openPage(), openPage()];
    const policies: PolicyEvent[] = [];
    f?.socket.on('policy', (e) => policies.push(e));
    await browser.settle();
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.serverClose(1008, 'token expired');
    await browser.settle();
    a?.tab.close();
    await browser.settle();
    // The new leader does not undo the pause: no new connection until someone acts.
    expect(b?.socket.role).toBe('leader');
    expect(b?.socket.status.state).toBe('paused');
    expect(FakeWebSocket.instances).toHaveLength(1);
    b?.socket.reconnect();
    await browser.settle();
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.serverClose(1008, 'token expired');
    await browser.settle();
    policies[0]?.stop(); // the first leader's event
    await browser.settle();
    expect(b?.socket.status.state).toBe('paused');
    policies[1]?.stop();
    await browser.settle();
    expect(b?.socket.status.state).toBe('stopped');
  });

  it('followers drop what they hold when the connection stops for good, as the leader does', async () => {
    const [leader, f] = [openPage(), openPage()];
    await browser.settle();
    leader?.socket.send('L');
    f?.socket.send('F');
    await browser.settle();
    FakeWebSocket.last.serverOpen();
    await browser.settle();
    FakeWebSocket.last.serverClose(1003);
    leader?.socket.send('late L');
    f?.socket.send('late F');
    await browser.settle();
    expect(f?.socket.status.state).toBe('stopped');
    expect(f?.drops).toEqual(['late F']);
  });

  it("a new tab does not make the others emit a state event; without sharing, the page lifecycle is the plain socket's", async () => {
    const [, b] = [openPage(), openPage()];
    await browser.settle();
    FakeWebSocket.last.serverOpen();
    await browser.settle();
    const before = b?.states.length;
    openPage();
    await browser.settle();
    expect(b?.states.length).toBe(before);

    const alone = openPage({ platform: false });
    const roles: string[] = [];
    alone.socket.on('role', (r) => roles.push(r));
    alone.lifecycle.fire('pagehide');
    expect(alone.socket.status.state).toBe('paused');
    alone.lifecycle.fire('pageshow');
    expect(roles).toEqual([]);
  });

  it('a follower that closes right after sending reports as dropped only what the leader did not take', async () => {
    const [, f] = [openPage(), openPage()];
    await browser.settle();
    FakeWebSocket.last.serverOpen();
    await browser.settle();
    f?.socket.send('taken');
    f?.socket.close();
    await browser.settle();
    clock.advance(1000);
    await browser.settle();
    expect(FakeWebSocket.last.sent).toContain('taken');
    expect(f?.drops).toEqual([]);
  });

  it('a follower that hides before its ack, then a leader change: the server still sees the message once', async () => {
    const [a, b, f] = [openPage(), openPage(), openPage()];
    await browser.settle();
    FakeWebSocket.last.serverOpen();
    await browser.settle();
    f?.socket.send('x');
    f?.lifecycle.fire('pagehide');
    await browser.settle();
    a?.tab.close();
    await browser.settle();
    expect(b?.socket.role).toBe('leader');
    FakeWebSocket.last.serverOpen();
    f?.lifecycle.fire('pageshow');
    await browser.settle();
    const all = FakeWebSocket.instances.flatMap((ws) => ws.sent);
    expect(all.filter((m) => m === 'x')).toHaveLength(1);
  });

  it('the last tab going into the back/forward cache keeps its queued messages and sends them when back', async () => {
    const only = openPage();
    await browser.settle();
    only.socket.send('x');
    only.lifecycle.fire('pagehide');
    await browser.settle();
    only.lifecycle.fire('pageshow');
    await browser.settle();
    FakeWebSocket.last.serverOpen();
    await browser.settle();
    expect(FakeWebSocket.last.sent).toEqual(['x']);
    expect(only.drops).toEqual([]);
  });

  it('close() from inside a leader listener still reports its queued messages as dropped', async () => {
    const only = openPage();
    await browser.settle();
    only.socket.send('x');
    only.socket.on('close', () => only.socket.close());
    FakeWebSocket.last.drop();
    await browser.settle();
    expect(only.drops).toEqual(['x']);
  });

  it('a fatal stop survives a handoff: the next leader does not connect until reconnect()', async () => {
    const [a, b, c] = [openPage(), openPage(), openPage()];
    await browser.settle();
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.serverClose(1003);
    await browser.settle();
    a?.tab.close();
    await browser.settle();
    expect(b?.socket.role).toBe('leader');
    expect([b?.socket.status.state, c?.socket.status.state]).toEqual(['stopped', 'stopped']);
    expect(FakeWebSocket.instances).toHaveLength(1);
    c?.socket.reconnect();
    await browser.settle();
    expect(FakeWebSocket.instances).toHaveLength(2);
  });

  it("a follower's held messages follow the outbox options: drop-newest, and the byte limit", async () => {
    const [, f] = [openPage(), openPage({ outbox: { maxQueuedMessages: 1, overflow: 'drop-newest' } })];
    await browser.settle();
    expect(f?.socket.send('one')).toBe('queued');
    expect(f?.socket.send('two')).toBe('dropped');
    expect(f?.drops).toEqual(['two']);
    const small = openPage({ outbox: { maxQueuedBytes: 3 } });
    await browser.settle();
    expect(small.socket.send('four')).toBe('dropped');
    expect(small.drops).toEqual(['four']);
  });

  // Found by the second review (helper), each failed before its fix.
  it("a paused leader's queued message survives a handoff and goes out after retry", async () => {
    const [a, b] = [openPage(), openPage()];
    await browser.settle();
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.serverClose(1008, 'content rejected: forbidden word');
    await browser.settle();
    a?.socket.send('x');
    a?.tab.close();
    await browser.settle();
    expect(b?.socket.status.state).toBe('paused');
    b?.socket.reconnect();
    FakeWebSocket.last.serverOpen();
    await browser.settle();
    expect(FakeWebSocket.last.sent).toEqual(['x']);
    expect([...(a?.drops ?? []), ...(b?.drops ?? [])]).toEqual([]);
  });

  it.each(['reconnect', 'close'] as const)('%s() from a role listener: never a second connection', async (call) => {
    const [a, b, c] = [openPage(), openPage(), openPage()];
    await browser.settle();
    b?.socket.on('role', (role) => role === 'leader' && b.socket[call]());
    a?.tab.close();
    await browser.settle();
    const live = () => FakeWebSocket.instances.filter((ws) => ws.readyState <= 1);
    expect(live()).toHaveLength(1);
    expect(leaders([b, c].filter((p): p is Page => p !== undefined))).toHaveLength(1);
    if (call === 'close') expect(b?.socket.status.state).toBe('closed');
  });

  it('a pause survives the back/forward cache, as with a plain socket', async () => {
    const only = openPage();
    await browser.settle();
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.serverClose(1003);
    await browser.settle();
    only.lifecycle.fire('pagehide');
    await browser.settle();
    only.lifecycle.fire('pageshow');
    await browser.settle();
    expect(only.socket.status.state).toBe('stopped');
    expect(FakeWebSocket.instances).toHaveLength(1);
  });

  it('a follower that closes and reconnects at once loses nothing to the old wait', async () => {
    const [, f] = [openPage(), openPage()];
    await browser.settle();
    f?.socket.send('old');
    f?.socket.close();
    f?.socket.reconnect();
    f?.socket.send('new');
    clock.advance(1000);
    await browser.settle();
    FakeWebSocket.last.serverOpen();
    await browser.settle();
    expect(FakeWebSocket.last.sent).toEqual(['old', 'new']);
    expect(f?.drops).toEqual([]);
  });

  it('a policy event a tab got as a follower still works once that tab leads', async () => {
    const [a, b] = [openPage(), openPage()];
    const policies: PolicyEvent[] = [];
    b?.socket.on('policy', (e) => policies.push(e));
    await browser.settle();
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.serverClose(1008, 'content rejected: forbidden word');
    await browser.settle();
    a?.tab.close();
    await browser.settle();
    policies[0]?.retry();
    await browser.settle();
    expect(FakeWebSocket.instances).toHaveLength(2);
  });

  /** Every drop a page reports, as `reason:data`. */
  const dropsOf = (page: Page | undefined) => {
    const seen: string[] = [];
    page?.socket.on('drop', ({ data, reason }) => seen.push(`${reason}:${String(data)}`));
    return seen;
  };

  it("a follower's message that dies with the connection before it left is reported in the follower's tab", async () => {
    const [a, b] = [openPage(), openPage()];
    const [inA, inB] = [dropsOf(a), dropsOf(b)];
    await browser.settle();
    FakeWebSocket.last.serverOpen();
    await browser.settle();
    b?.socket.send('from b');
    await browser.settle();
    expect(FakeWebSocket.last.sent).toEqual(['from b']);
    // Still in the native buffer when the connection drops: provably never sent.
    FakeWebSocket.last.bufferedAmount = 6;
    FakeWebSocket.last.drop();
    await browser.settle();
    expect(inB).toEqual(['unsent:from b']);
    expect(inA).toEqual([]);
  });

  it("with requeueUnsent, a follower's lost message goes out again on the next connection, once", async () => {
    const outbox = { requeueUnsent: true };
    const [, b] = [openPage({ outbox }), openPage({ outbox })];
    const inB = dropsOf(b);
    await browser.settle();
    FakeWebSocket.last.serverOpen();
    await browser.settle();
    b?.socket.send('from b');
    await browser.settle();
    FakeWebSocket.last.bufferedAmount = 6;
    FakeWebSocket.last.drop();
    await browser.settle();
    for (let i = 0; i < 600 && FakeWebSocket.instances.length < 2; i++) clock.advance(100); // the retry
    await browser.settle();
    expect(FakeWebSocket.instances).toHaveLength(2);
    FakeWebSocket.last.serverOpen();
    await browser.settle();
    expect(FakeWebSocket.last.sent).toEqual(['from b']);
    expect(inB).toEqual([]);
  });

  it("a follower's message queued in the leader when the connection stops is reported in the follower's tab", async () => {
    const outbox = { requeueUnsent: true };
    const [a, b] = [openPage({ outbox }), openPage({ outbox })];
    const [inA, inB] = [dropsOf(a), dropsOf(b)];
    const policies: PolicyEvent[] = [];
    b?.socket.on('policy', (e) => policies.push(e));
    await browser.settle();
    FakeWebSocket.last.serverOpen();
    await browser.settle();
    b?.socket.send('from b');
    await browser.settle();
    // Lost with a 1008, put back in the leader's outbox (requeueUnsent), then the app stops.
    FakeWebSocket.last.bufferedAmount = 6;
    FakeWebSocket.last.serverClose(1008, 'policy violation');
    await browser.settle();
    expect(a?.socket.status.state).toBe('paused');
    policies.at(-1)?.stop();
    await browser.settle();
    expect(inB).toEqual(['stopped:from b']);
    expect(inA).toEqual([]);
  });

  it('a follower away in the back/forward cache learns of its lost message when it is back, across a leader change', async () => {
    const [a, b, c] = [openPage(), openPage(), openPage()];
    const drops = [dropsOf(a), dropsOf(b), dropsOf(c)];
    await browser.settle();
    FakeWebSocket.last.serverOpen();
    await browser.settle();
    b?.socket.send('from b');
    await browser.settle();
    b?.lifecycle.fire('pagehide'); // its channel closes: it cannot hear anything now
    FakeWebSocket.last.bufferedAmount = 6;
    FakeWebSocket.last.drop();
    await browser.settle();
    a?.socket.close(); // c leads, with the report b has not confirmed
    await browser.settle();
    expect(c?.socket.role).toBe('leader');
    expect(drops.flat()).toEqual([]);
    b?.lifecycle.fire('pageshow');
    await browser.settle();
    expect(drops).toEqual([[], ['unsent:from b'], []]);
    // Confirmed: a later join does not report it again.
    b?.lifecycle.fire('pagehide');
    b?.lifecycle.fire('pageshow');
    await browser.settle();
    expect(drops[1]).toEqual(['unsent:from b']);
  });

  it('a follower back from the cache before the next leader has taken over still hears of its lost message', async () => {
    const [a, b, c] = [openPage(), openPage(), openPage()];
    const drops = [dropsOf(a), dropsOf(b), dropsOf(c)];
    await browser.settle();
    FakeWebSocket.last.serverOpen();
    await browser.settle();
    c?.socket.send('from c');
    await browser.settle();
    FakeWebSocket.last.bufferedAmount = 6;
    FakeWebSocket.last.drop(); // the report to c is on its way...
    a?.lifecycle.fire('pagehide'); // ...a hands it to the next leader...
    c?.lifecycle.fire('pagehide'); // ...c leaves before it arrives...
    c?.lifecycle.fire('pageshow'); // ...and joins again before b leads (b, a follower, does not answer)
    await browser.settle();
    expect(b?.socket.role).toBe('leader');
    expect(drops).toEqual([[], [], ['unsent:from c']]);
  });

  it('a tab back from the cache after every tab that knew is gone does not send its message twice', async () => {
    const everything = () => FakeWebSocket.instances.flatMap((ws) => ws.sent);
    // A follower that left before the leader's answer came.
    const [a, b] = [openPage(), openPage()];
    await browser.settle();
    FakeWebSocket.last.serverOpen();
    await browser.settle();
    b?.socket.send('x');
    b?.lifecycle.fire('pagehide'); // it keeps 'x': no answer yet
    await browser.settle(); // a takes and sends it
    a?.tab.close();
    const c = openPage(); // a new tab leads: it never heard of 'x'
    await browser.settle();
    FakeWebSocket.last.serverOpen();
    b?.lifecycle.fire('pageshow'); // b offers 'x' again
    await browser.settle();
    expect(c.socket.role).toBe('leader');
    expect(everything()).toEqual(['x']);
    // A leader that left with a queued message, which the next leader sent before it left too.
    FakeWebSocket.last.drop(); // c reconnects...
    c.socket.send('z'); // ...so 'z' waits in its queue
    c.lifecycle.fire('pagehide'); // handed to b, and kept in c
    await browser.settle();
    expect(b?.socket.role).toBe('leader');
    FakeWebSocket.last.serverOpen();
    await browser.settle(); // b sends 'z'
    b?.tab.close();
    const d = openPage();
    await browser.settle();
    FakeWebSocket.last.serverOpen();
    c.lifecycle.fire('pageshow'); // c offers its kept 'z' again
    await browser.settle();
    expect(d.socket.role).toBe('leader');
    expect(everything()).toEqual(['x', 'z']);
  });

  it("a leader that closes hands the other tabs' queued messages to the next leader instead of dropping them", async () => {
    const outbox = { requeueUnsent: true };
    const [a, b, c] = [openPage({ outbox }), openPage({ outbox }), openPage({ outbox })];
    const drops = [dropsOf(a), dropsOf(b), dropsOf(c)];
    await browser.settle();
    FakeWebSocket.last.serverOpen();
    await browser.settle();
    c?.socket.send('from c');
    await browser.settle();
    FakeWebSocket.last.bufferedAmount = 6;
    FakeWebSocket.last.drop(); // back in a's outbox, waiting for the next connection
    await browser.settle();
    a?.socket.close();
    await browser.settle();
    expect(b?.socket.role).toBe('leader');
    FakeWebSocket.last.serverOpen();
    await browser.settle();
    expect(FakeWebSocket.last.sent).toEqual(['from c']);
    expect(drops.flat()).toEqual([]);
  });

  it("close() from a leader's close listener still hands the other tabs' queued messages on", async () => {
    const outbox = { requeueUnsent: true };
    const [a, b, c] = [openPage({ outbox }), openPage({ outbox }), openPage({ outbox })];
    const drops = [dropsOf(a), dropsOf(b), dropsOf(c)];
    await browser.settle();
    FakeWebSocket.last.serverOpen();
    await browser.settle();
    c?.socket.send('from c');
    await browser.settle();
    // The app gives up on the first 1006 in this tab: its close() runs once the listener returns.
    a?.socket.on('close', () => a.socket.close());
    FakeWebSocket.last.bufferedAmount = 6;
    FakeWebSocket.last.drop();
    await browser.settle();
    expect(a?.socket.status.state).toBe('closed');
    expect(b?.socket.role).toBe('leader');
    FakeWebSocket.last.serverOpen();
    await browser.settle();
    expect(FakeWebSocket.last.sent).toEqual(['from c']);
    expect(drops.flat()).toEqual([]);
  });

  // Found by the adversarial review: ordinary app code against the handoff and the drops.

  it("a follower's drop-oldest never reports a message the leader takes anyway", async () => {
    const outbox = { maxQueuedMessages: 2, overflow: 'drop-oldest' as const };
    const [, b] = [openPage({ outbox }), openPage({ outbox })];
    const inB = dropsOf(b);
    await browser.settle();
    FakeWebSocket.last.serverOpen();
    await browser.settle();
    for (const m of ['1', '2', '3']) b?.socket.send(m);
    await browser.settle();
    // '1' was pushed out while its offer was unanswered; the leader took it: sent, no drop.
    expect(FakeWebSocket.last.sent).toEqual(['1', '2', '3']);
    expect(inB).toEqual([]);
  });

  it("a follower's drop-oldest reports a pushed-out message that the leader did not take", async () => {
    const outbox = { maxQueuedMessages: 1, overflow: 'drop-oldest' as const };
    const [, b] = [openPage({ outbox }), openPage({ outbox })];
    const inB = dropsOf(b);
    await browser.settle(); // not open: the leader answers 'held'
    b?.socket.send('1');
    b?.socket.send('2');
    await browser.settle();
    expect(inB).toEqual(['overflow:1']);
    FakeWebSocket.last.serverOpen();
    await browser.settle();
    expect(FakeWebSocket.last.sent).toEqual(['2']);
  });

  it('a follower that sends and closes from a state listener: only what was not sent is reported', async () => {
    const [, b] = [openPage(), openPage()];
    const inB = dropsOf(b);
    await browser.settle();
    b?.socket.send('early');
    await browser.settle();
    b?.socket.on('state', (st) => {
      if (st.state !== 'open') return;
      b.socket.send('late');
      b.socket.close();
    });
    FakeWebSocket.last.serverOpen();
    await browser.settle();
    clock.advance(1000);
    await browser.settle();
    expect(FakeWebSocket.last.sent).toEqual(['early', 'late']);
    expect(inB).toEqual([]);
  });

  it('a tab back from the cache that leads before the handoff arrives sends its kept message once', async () => {
    const [t1, t2] = [openPage(), openPage()];
    await browser.settle();
    t1?.socket.send('x'); // t1 leads, not open: in its outbox
    t1?.lifecycle.fire('pagehide'); // handed to t2, and kept in t1
    await browser.settle();
    expect(t2?.socket.role).toBe('leader');
    t2?.socket.on('close', () => t2.socket.close()); // its handoff goes out after the lock is free
    t1?.lifecycle.fire('pageshow');
    FakeWebSocket.last.drop();
    await browser.settle();
    expect(t1?.socket.role).toBe('leader');
    FakeWebSocket.last.serverOpen();
    await browser.settle();
    expect(FakeWebSocket.last.sent).toEqual(['x']);
  });

  it('a send from a role listener while the leader hides: the queued message is kept, and a full queue throws only to the sender', async () => {
    const t0 = openPage({ outbox: { maxQueuedMessages: 1 } });
    const inT0 = dropsOf(t0);
    await browser.settle();
    t0.socket.send('x'); // the leader's outbox is full now
    const errors: unknown[] = [];
    t0.socket.on('role', (r) => {
      if (r !== 'follower') return;
      try {
        t0.socket.send('y');
      } catch (error) {
        errors.push(error);
      }
    });
    t0.lifecycle.fire('pagehide');
    expect(() => clock.advance(0)).not.toThrow();
    t0.lifecycle.fire('pageshow');
    await browser.settle();
    FakeWebSocket.last.serverOpen();
    await browser.settle();
    expect(FakeWebSocket.last.sent).toEqual(['x']);
    expect(errors).toHaveLength(1); // 'y' found the tab's queue full: OutboxFullError, as send() says
    expect(inT0).toEqual([]);
  });

  it("reconnect() from a drop or role listener during the leader's close() rejoins the election", async () => {
    for (const event of ['drop', 'role'] as const) {
      browser = new FakeBrowser();
      FakeWebSocket.reset();
      const a = openPage();
      await browser.settle();
      a.socket.send('q');
      let once = false;
      a.socket.on(event, () => {
        if (once) return;
        once = true;
        a.socket.reconnect();
      });
      a.socket.close();
      await browser.settle();
      expect(a.socket.role, event).toBe('leader');
      FakeWebSocket.last.serverOpen();
      await browser.settle();
      expect(a.socket.status.state, event).toBe('open');
      a.tab.close();
      await browser.settle();
    }
  });

  it('a dormant paused leader drops its own queue on stop(), as every tab does', async () => {
    const [a, b, c] = [openPage(), openPage(), openPage()];
    const [inB, inC] = [dropsOf(b), dropsOf(c)];
    const policies: PolicyEvent[] = [];
    c?.socket.on('policy', (e) => policies.push(e));
    await browser.settle();
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.serverClose(1008, 'content rejected: forbidden word');
    await browser.settle();
    b?.socket.send('from b');
    c?.socket.send('from c');
    await browser.settle();
    a?.tab.close(); // b leads, paused, with no connection
    await browser.settle();
    expect(b?.socket.role).toBe('leader');
    policies[0]?.stop();
    await browser.settle();
    expect(inB).toEqual(['stopped:from b']);
    expect(inC).toEqual(['stopped:from c']);
    const states: string[] = [];
    b?.socket.on('state', (st) => states.push(st.state));
    b?.socket.reconnect();
    // status follows the state events: it changes with the first one, not before.
    expect(b?.socket.status.state).toBe(states.at(-1) ?? 'stopped');
    await browser.settle();
    FakeWebSocket.last.serverOpen();
    await browser.settle();
    expect(FakeWebSocket.last.sent).toEqual([]);
  });

  // Found by the second review.

  it('a kept message handed back to the tab it came from, after that tab let go of its copy, is sent', async () => {
    const [a, b] = [openPage(), openPage()];
    const inA = dropsOf(a);
    await browser.settle();
    a.socket.send('x'); // a leads, not open
    a.lifecycle.fire('pagehide'); // x kept in a, handed to b
    await browser.settle();
    a.lifecycle.fire('pageshow'); // a offers x again; b, which has it, answers 'sent'
    await browser.settle();
    b.tab.close(); // x goes back to a
    await browser.settle();
    expect(a.socket.role).toBe('leader');
    FakeWebSocket.last.serverOpen();
    await browser.settle();
    expect({ sent: FakeWebSocket.instances.flatMap((w) => w.sent), inA }).toEqual({ sent: ['x'], inA: [] });
  });

  it('a tab that leads from a handoff says so in a state event when the status changed', async () => {
    const [a, b] = [openPage(), openPage()];
    await browser.settle();
    FakeWebSocket.last.serverOpen();
    await browser.settle();
    b.lifecycle.fire('pagehide');
    FakeWebSocket.last.serverClose(1008, 'content rejected: forbidden word');
    await browser.settle(); // a is paused; b did not see it
    b.lifecycle.fire('pageshow');
    a.tab.close();
    await browser.settle();
    expect(b.socket.role).toBe('leader');
    expect(b.socket.status.state).toBe('paused');
    expect(b.states.at(-1)).toBe('paused');
  });

  it('drop-oldest after the back/forward cache: a pushed-out message that was never taken is reported', async () => {
    const outbox = { maxQueuedMessages: 1, overflow: 'drop-oldest' as const };
    const [, b] = [openPage({ outbox }), openPage({ outbox })];
    const inB = dropsOf(b);
    await browser.settle();
    b.socket.send('1');
    b.lifecycle.fire('pagehide'); // the leader's answer to '1' is lost
    await browser.settle();
    b.lifecycle.fire('pageshow');
    await browser.settle();
    b.socket.send('2'); // pushes '1' out
    await browser.settle();
    FakeWebSocket.last.serverOpen();
    await browser.settle();
    expect({ sent: FakeWebSocket.last.sent, inB }).toEqual({ sent: ['2'], inB: ['overflow:1'] });
  });

  it('the storage record keeps the newest tabs and lets old ones age out', async () => {
    const key = 'closewise:ws://test/live:taken';
    browser.storage.setItem(key, JSON.stringify(Array.from({ length: 256 }, (_, i) => [`old${i}`, 1, clock.now()])));
    const [a, x] = [openPage(), openPage()];
    await browser.settle();
    FakeWebSocket.last.serverOpen();
    await browser.settle();
    x.socket.send('m');
    x.lifecycle.fire('pagehide'); // the answer will not reach it
    await browser.settle(); // 'm' goes out
    clock.advance(1);
    a.tab.close(); // records what went out of x, the newest entry
    await browser.settle();
    x.lifecycle.fire('pageshow');
    await browser.settle();
    FakeWebSocket.last.serverOpen();
    await browser.settle();
    expect(FakeWebSocket.instances.flatMap((w) => w.sent)).toEqual(['m']);
    // Written back unchanged, an entry keeps its age, and goes after a day.
    clock.advance(25 * 60 * 60 * 1000);
    const stored = JSON.parse(browser.storage.getItem(key) ?? '[]') as [string, number, number][];
    expect(stored.find(([tab]) => tab === 'old0')?.[2]).toBe(0);
  });

  it('a bad option or URL throws in the constructor, as ResilientSocket does, and no tab is left leading', async () => {
    const bad = { backoff: { maxAttempts: -3 } } as unknown as SharedSocketOptions;
    expect(() => openPage(bad)).toThrow(/maxAttempts/);
    const tab = browser.openTab();
    const badUrl = () =>
      new SharedSocket('ftp://example.com/live', { name: 'live', WebSocket: FakeWebSocket, platform: tab.platform });
    expect(badUrl).toThrow(TypeError);
    await browser.settle();
    expect(browser.held('closewise:ws://test/live')).toBeUndefined();
    expect(browser.held('live')).toBeUndefined();
  });

  it('a tab away in the back/forward cache during a fatal stop drops what it held when it is back', async () => {
    const [a, b] = [openPage(), openPage()];
    const inB = dropsOf(b);
    await browser.settle();
    b.socket.send('before'); // held: not open
    await browser.settle();
    b.lifecycle.fire('pagehide');
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.serverClose(1003, 'unsupported'); // fatal: a stops
    await browser.settle();
    b.lifecycle.fire('pageshow');
    await browser.settle();
    expect(b.socket.status.state).toBe('stopped');
    expect(inB).toEqual(['stopped:before']);
    a.socket.reconnect();
    await browser.settle();
    FakeWebSocket.last.serverOpen();
    await browser.settle();
    expect(FakeWebSocket.last.sent).toEqual([]);
  });

  // Found by the third review.

  it('a tab away during a fatal stop drops only what no leader took meanwhile', async () => {
    // A follower whose answer was lost.
    {
      const [a, b] = [openPage(), openPage()];
      const inB = dropsOf(b);
      await browser.settle();
      FakeWebSocket.last.serverOpen();
      await browser.settle();
      b.socket.send('x');
      b.lifecycle.fire('pagehide');
      await browser.settle(); // 'x' goes out; b does not hear so
      expect(FakeWebSocket.last.sent).toEqual(['x']);
      FakeWebSocket.last.serverClose(1003, 'unsupported');
      await browser.settle();
      b.lifecycle.fire('pageshow');
      await browser.settle();
      expect(inB).toEqual([]);
      a.tab.close();
      b.tab.close();
      await browser.settle();
    }
    // drop-oldest: one pushed out, both sent.
    {
      browser = new FakeBrowser();
      FakeWebSocket.reset();
      const outbox = { maxQueuedMessages: 1, overflow: 'drop-oldest' as const };
      const [, b] = [openPage({ outbox }), openPage({ outbox })];
      const inB = dropsOf(b);
      await browser.settle();
      FakeWebSocket.last.serverOpen();
      await browser.settle();
      b.socket.send('1');
      b.socket.send('2');
      b.lifecycle.fire('pagehide');
      await browser.settle();
      expect(FakeWebSocket.last.sent).toEqual(['1', '2']);
      FakeWebSocket.last.serverClose(1003, 'unsupported');
      await browser.settle();
      b.lifecycle.fire('pageshow');
      await browser.settle();
      expect(inB).toEqual([]);
    }
  });

  it('a pushed-out message is reported even when the leader took a later one first', async () => {
    const outbox = { maxQueuedMessages: 1, overflow: 'drop-oldest' as const };
    const [a, b] = [openPage({ outbox }), openPage({ outbox })];
    const inB = dropsOf(b);
    await browser.settle();
    FakeWebSocket.last.serverOpen();
    await browser.settle();
    b.socket.send('0'); // taken: the leader knows b
    await browser.settle();
    FakeWebSocket.last.drop(); // the leader reconnects: not open
    await browser.settle();
    b.socket.send('1');
    b.socket.send('2'); // '1' pushed out while its offer is unanswered
    b.lifecycle.fire('pagehide'); // the answers are lost
    await browser.step();
    for (let i = 0; i < 600 && FakeWebSocket.instances.length < 2; i++) clock.advance(100);
    FakeWebSocket.last.serverOpen();
    await browser.settle();
    b.lifecycle.fire('pageshow');
    await browser.settle();
    expect(a.socket.role).toBe('leader');
    expect(FakeWebSocket.instances.flatMap((w) => w.sent)).not.toContain('1');
    expect(inB).toEqual(['overflow:1']);
  });

  it('a pushed-out message of a tab new to the leader is reported, though a later one was taken', async () => {
    const outbox = { maxQueuedMessages: 1, overflow: 'drop-oldest' as const };
    const [, b] = [openPage({ outbox }), openPage({ outbox })];
    const inB = dropsOf(b);
    await browser.settle();
    b.socket.send('1');
    b.socket.send('2'); // '1' pushed out while its offer is unanswered
    b.lifecycle.fire('pagehide'); // the answers are lost
    await browser.step(); // the leader gets '1': not open, held
    FakeWebSocket.last.serverOpen();
    await browser.settle(); // the leader gets '2' (b's oldest is 2 now): taken
    b.lifecycle.fire('pageshow');
    await browser.settle();
    expect({ sent: FakeWebSocket.last.sent, inB }).toEqual({ sent: ['2'], inB: ['overflow:1'] });
  });

  it('a handoff does not repeat an open state: the new leader says connecting, the followers too, once', async () => {
    const [a, b, c] = [openPage(), openPage(), openPage()];
    await browser.settle();
    FakeWebSocket.last.serverOpen();
    await browser.settle();
    for (const p of [b, c]) p.states.length = 0;
    a.tab.close();
    await browser.settle();
    expect(b.states).toEqual(['connecting']);
    expect(c.states).toEqual(['connecting']);
    expect(b.socket.status.state).toBe('connecting');
  });

  it('model: every message a tab sends reaches the server or is reported as dropped in that tab, and only there', async () => {
    /** The server's side of a connection: what it has received is what left the native buffer. */
    class BufferedSocket extends FakeWebSocket {
      static delivered = new Map<string, number>();
      #flushed = 0;
      override send(data: MessageData): void {
        super.send(data);
        this.bufferedAmount += byteSize(data);
      }
      /** A close frame goes out after what is buffered, as in a browser. */
      override close(code?: number, reason?: string): void {
        if (this.readyState === 1) this.flush();
        super.close(code, reason);
      }
      flush(): void {
        for (const data of this.sent.slice(this.#flushed)) {
          BufferedSocket.delivered.set(String(data), (BufferedSocket.delivered.get(String(data)) ?? 0) + 1);
        }
        this.#flushed = this.sent.length;
        this.bufferedAmount = 0;
      }
    }
    type Command =
      | { type: 'open' | 'server-open' | 'flush' | 'die' | 'restart' | 'step' | 'settle' }
      | { type: 'send' | 'close-tab' | 'hide' | 'show' | 'close' | 'reconnect'; index: number }
      | { type: 'wait'; ms: number }
      /** App code: once `on` fires in that tab, its listener calls `action`. */
      | { type: 'react'; index: number; on: 'drop' | 'state' | 'role' | 'stopped' | 'close'; action: Action };
    type Action = 'close' | 'reconnect' | 'send';
    const command: fc.Arbitrary<Command> = fc.oneof(
      { weight: 2, arbitrary: fc.constant({ type: 'open' as const }) },
      {
        weight: 6,
        arbitrary: fc.constantFrom(
          ...(['server-open', 'flush', 'die', 'restart', 'step', 'settle'] as const).map((type) => ({ type })),
        ),
      },
      { weight: 5, arbitrary: fc.record({ type: fc.constant('send' as const), index: fc.nat(4) }) },
      {
        weight: 3,
        arbitrary: fc.record({
          type: fc.constantFrom(
            'close-tab' as const,
            'hide' as const,
            'show' as const,
            'close' as const,
            'reconnect' as const,
          ),
          index: fc.nat(4),
        }),
      },
      {
        weight: 1,
        arbitrary: fc.record({ type: fc.constant('wait' as const), ms: fc.integer({ min: 1, max: 5000 }) }),
      },
      {
        weight: 2,
        arbitrary: fc.record({
          type: fc.constant('react' as const),
          index: fc.nat(4),
          on: fc.constantFrom('drop' as const, 'state' as const, 'role' as const, 'stopped' as const, 'close' as const),
          action: fc.constantFrom('close' as const, 'reconnect' as const, 'send' as const),
        }),
      },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.integer({ min: 1, max: 4 }),
        fc.array(command, { minLength: 5, maxLength: 60 }),
        async (requeueUnsent, tabs, commands) => {
          browser = new FakeBrowser();
          clock = new FakeClock();
          FakeWebSocket.reset();
          BufferedSocket.delivered = new Map();
          const pages: { page: Page; name: string; hidden: boolean }[] = [];
          const sent = new Map<string, string>(); // message -> the tab that sent it
          const dropped = new Map<string, string[]>(); // message -> the tabs that reported it dropped
          let n = 0;
          const live = () => FakeWebSocket.instances.at(-1) as BufferedSocket | undefined; // the newest
          const act = (entry: (typeof pages)[number], action: Action) => {
            const { socket } = entry.page;
            if (action === 'close') socket.close();
            else if (action === 'reconnect') socket.reconnect();
            else {
              const data = `${entry.name}:${n++}`;
              try {
                socket.send(data);
                sent.set(data, entry.name);
              } catch {
                // After close(), or a full queue: refused, and the app is told so.
              }
            }
          };
          for (const c of [...Array.from({ length: tabs }, () => ({ type: 'open' as const })), ...commands]) {
            const entry = 'index' in c ? pages.filter((p) => p.page.tab.alive)[c.index] : undefined;
            switch (c.type) {
              case 'open': {
                const name = `t${pages.length}`;
                const page = openPage({ WebSocket: BufferedSocket, outbox: { requeueUnsent } });
                page.socket.on('drop', ({ data }) =>
                  dropped.set(String(data), [...(dropped.get(String(data)) ?? []), name]),
                );
                pages.push({ page, name, hidden: false });
                break;
              }
              case 'server-open':
                if (live()?.readyState === 0) live()?.serverOpen();
                break;
              case 'flush':
                if (live()?.readyState === 1) live()?.flush();
                break;
              case 'die':
                live()?.drop();
                break;
              case 'restart':
                if (live()?.readyState === 1) live()?.serverClose(1012, 'service restart');
                break;
              case 'step':
                await browser.step();
                break;
              case 'settle':
                await browser.settle();
                break;
              case 'wait':
                // A browser runs the tasks that are ready (message deliveries) before a later timer.
                await browser.settle();
                clock.advance(c.ms);
                break;
              default: {
                if (!entry) break;
                const { page } = entry;
                if (c.type === 'send') act(entry, 'send');
                else if (c.type === 'react' && !entry.hidden) {
                  let armed = true;
                  page.socket.on(c.on, () => {
                    // A page in the back/forward cache runs no code.
                    if (!armed || entry.hidden || !page.tab.alive) return;
                    armed = false;
                    act(entry, c.action);
                  });
                } else if (c.type === 'close-tab') page.tab.close();
                else if (c.type === 'hide' && !entry.hidden) {
                  entry.hidden = true;
                  page.lifecycle.fire('pagehide');
                } else if (c.type === 'show' && entry.hidden) {
                  entry.hidden = false;
                  page.lifecycle.fire('pageshow');
                } else if (c.type === 'close') page.socket.close();
                else if (c.type === 'reconnect') page.socket.reconnect();
              }
            }
            const visible = pages.filter((p) => p.page.tab.alive && !p.hidden);
            expect(leaders(visible.map((p) => p.page)).length).toBeLessThanOrEqual(1);
          }
          // Everyone comes back and the server answers: whatever is still on its way gets there.
          for (const entry of pages) {
            if (entry.hidden && entry.page.tab.alive) entry.page.lifecycle.fire('pageshow');
            entry.hidden = false;
          }
          for (let round = 0; round < 4; round++) {
            await browser.settle();
            clock.advance(2000); // a closing tab's wait for answers, too
            await browser.settle();
            // Until the next attempt (bounded: 10 min of backoff in 1 s steps); the server accepts it.
            for (let i = 0; i < 600 && live()?.readyState !== 0 && live()?.readyState !== 1; i++) {
              clock.advance(1000);
              await browser.settle();
            }
            if (live()?.readyState === 0) live()?.serverOpen();
            await browser.settle();
            if (live()?.readyState === 1) live()?.flush();
          }
          await browser.settle();
          console.log(
            'STATS',
            sent.size,
            BufferedSocket.delivered.size,
            dropped.size,
            FakeWebSocket.instances.length,
            pages.length,
          );
          for (const [data, from] of sent) {
            const where = dropped.get(data) ?? [];
            // A drop is reported in the tab that sent the message, never in another.
            expect(
              where.filter((tab) => tab !== from),
              `${data} dropped in another tab`,
            ).toEqual([]);
            // Once: also for a tab back from the cache after every tab that knew is gone (storage).
            expect(BufferedSocket.delivered.get(data) ?? 0, `${data} twice`).toBeLessThanOrEqual(1);
            // Nothing is lost silently: it reached the server, or its tab was told. A tab closed by
            // its app hears of its messages only in its 1 s wait for answers: not counted here.
            const page = pages.find((p) => p.name === from)?.page;
            if (page?.tab.alive && page.socket.status.state !== 'closed')
              expect((BufferedSocket.delivered.get(data) ?? 0) + where.length, `${data} lost`).toBeGreaterThan(0);
          }
          for (const { page, name } of pages) {
            // `status` always matches the last `state` event.
            if (page.tab.alive && page.states.length > 0) {
              expect(page.socket.status.state, `${name} status`).toBe(page.states.at(-1));
            }
          }
          for (const { page } of pages) if (!page.tab.alive) page.socket.removeAllListeners();
          clock.advance(10 * 60_000);
          for (const { page } of pages) if (page.tab.alive) page.tab.close();
          await browser.settle();
        },
      ),
      { numRuns: Number(process.env.TABS_RUNS ?? 3000) },
    );
  }, 120_000);

  it('model: tabs opening, closing, crashing and hiding never leave two leaders, and settle on one visible leader', async () => {
    type Command = { type: 'open' } | { type: 'close' | 'crash' | 'hide' | 'show'; index: number } | { type: 'step' };
    const command: fc.Arbitrary<Command> = fc.oneof(
      fc.constant({ type: 'open' as const }),
      fc.record({
        type: fc.constantFrom('close' as const, 'crash' as const, 'hide' as const, 'show' as const),
        index: fc.nat(5),
      }),
      fc.constant({ type: 'step' as const }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(command, { maxLength: 30 }), async (commands) => {
        browser = new FakeBrowser();
        FakeWebSocket.reset();
        const pages: Page[] = [];
        const hidden = new Set<Page>();
        // Hidden tabs included: a tab going into the back/forward cache gives up leading first.
        const check = () => expect(leaders(pages).length).toBeLessThanOrEqual(1);
        for (const c of commands) {
          const page = 'index' in c ? pages.filter((p) => p.tab.alive)[c.index] : undefined;
          if (c.type === 'open') pages.push(openPage());
          else if (c.type === 'step') await browser.step();
          else if (!page) continue;
          else if (c.type === 'close') page.tab.close();
          else if (c.type === 'crash') page.tab.crash();
          else if (c.type === 'hide' && !hidden.has(page)) {
            hidden.add(page);
            page.lifecycle.fire('pagehide');
          } else if (c.type === 'show' && hidden.has(page)) {
            hidden.delete(page);
            page.lifecycle.fire('pageshow');
          }
          check();
        }
        await browser.settle();
        // Once things settle, a visible tab leads if there is one, and a hidden one never does.
        const visible = pages.filter((p) => p.tab.alive && !hidden.has(p));
        expect(leaders(visible)).toHaveLength(visible.length > 0 ? 1 : 0);
        expect(leaders([...hidden])).toHaveLength(0);
        for (const p of pages) if (!p.tab.alive) p.socket.removeAllListeners();
      }),
      { numRuns: 300 },
    );
  });
});
