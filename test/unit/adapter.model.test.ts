// The engine's command model run through the second interpreter (issue 11): withClosePolicy
// governing the REAL reconnecting-websocket 4.4.0, under @sinonjs/fake-timers (rws reads the global
// setTimeout; the guard gets a clock backed by the same fake timers, so one timeline drives both).
// The app's calls, the server, the network and time are the commands; listeners call back into the
// guard; auth.refresh returns at once, resolves, rejects, settles late or never. Only what the app
// can see is checked, after every command and inside listeners.
//
// Mutants of src/adapters/reconnecting-websocket.ts, each run in a scratch worktree (runs to the
// first failure, over several seeds):
//   the app's rws.close() does not dispatch 'close'     | caught, 1-6 runs: "close() left the guard in connecting"
//   #hold() does nothing (rws not held on native close) | caught, 1-14 runs: "a native socket was created in state backoff"
//   holdIfLive() without the currentConn check          | caught, 2-935 runs (median ~140): "guard open but rws.readyState 2"
//     (a stale socket's late close holds rws and closes the live one); hence numRuns 1000, about 1 s.
// Found by this model and fixed: close() then reconnect() while rws was still making its first socket
// gave two sockets and killed the engine's own (see the last property).
import { type Clock as FakeTimersClock, install } from '@sinonjs/fake-timers';
import fc from 'fast-check';
import ReconnectingWebSocket from 'reconnecting-websocket';
import { describe, it } from 'vitest';
import {
  type ClosePolicyGuard,
  type ClosePolicyOptions,
  withClosePolicy,
} from '../../src/adapters/reconnecting-websocket.js';
import type { Clock } from '../../src/client/clock.js';
import type { PolicyEvent, SocketStatus } from '../../src/client/events.js';
import type { CloseClassification } from '../../src/policy/classify.js';
import { EventFakeWebSocket, FakeWebSocket } from '../support/fakes.js';

const CODES: readonly { code: number; reason: string }[] = [
  { code: 1000, reason: '' },
  { code: 1006, reason: '' },
  { code: 1008, reason: 'token expired' },
  { code: 1008, reason: 'rate limit; retry-after=1' },
  { code: 1011, reason: '' },
  { code: 1012, reason: '' },
  { code: 1013, reason: '' },
  { code: 1014, reason: '' },
  { code: 1003, reason: '' },
  { code: 4000, reason: '' },
];

type Action = 'reconnect' | 'close' | 'rws-close' | 'rws-reconnect' | 'retry' | 'stop';
type Listened = 'state' | 'close' | 'policy' | 'stopped';
type RefreshMode = 'now' | 'resolved' | 'rejected' | 'late' | 'never';

type Cmd =
  | { readonly t: 'open' }
  | { readonly t: 'server-close'; readonly i: number }
  | { readonly t: 'drop' }
  | { readonly t: 'finish' }
  | { readonly t: 'advance'; readonly ms: number }
  | { readonly t: 'act'; readonly a: Action }
  | { readonly t: 'settle'; readonly ok: boolean };

interface Reaction {
  readonly on: Listened;
  readonly a: Action;
  readonly times: number;
}

interface Scenario {
  readonly maxRetries: number | undefined;
  readonly startClosed: boolean;
  readonly refresh: readonly RefreshMode[] | undefined;
  readonly reactions: readonly Reaction[];
  readonly commands: readonly Cmd[];
}

const action = fc.constantFrom<Action>('reconnect', 'close', 'rws-close', 'rws-reconnect', 'retry', 'stop');
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ t: 'open' as const }) },
  { weight: 6, arbitrary: fc.record({ t: fc.constant('server-close' as const), i: fc.nat(CODES.length - 1) }) },
  { weight: 4, arbitrary: fc.constant({ t: 'drop' as const }) },
  { weight: 3, arbitrary: fc.constant({ t: 'finish' as const }) },
  {
    weight: 7,
    arbitrary: fc.record({
      t: fc.constant('advance' as const),
      ms: fc.constantFrom(0, 1, 150, 1000, 2500, 6000, 60_000),
    }),
  },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('act' as const), a: action }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('settle' as const), ok: fc.boolean() }) },
);
const scenario: fc.Arbitrary<Scenario> = fc.record({
  maxRetries: fc.constantFrom(undefined, 0, 1, 2, Number.POSITIVE_INFINITY),
  startClosed: fc.constantFrom(false, false, false, false, true),
  refresh: fc.option(
    fc.array(fc.constantFrom<RefreshMode>('now', 'resolved', 'rejected', 'late', 'never'), {
      minLength: 1,
      maxLength: 4,
    }),
    {
      nil: undefined,
    },
  ),
  reactions: fc.array(
    fc.record({
      on: fc.constantFrom<Listened>('state', 'close', 'policy', 'stopped'),
      a: action,
      times: fc.integer({ min: 1, max: 2 }),
    }),
    { maxLength: 2 },
  ),
  commands: fc.array(cmd, { minLength: 1, maxLength: 30 }),
});

/** An EventFakeWebSocket that reports its creation and the close events it delivers. */
class ModelWS extends EventFakeWebSocket {
  static onCreate: ((ws: ModelWS) => void) | undefined;
  static onClose: ((code: number | undefined) => void) | undefined;
  closeFired = false;
  constructor(url: string, protocols?: string | string[]) {
    super(url, protocols);
    ModelWS.onCreate?.(this);
  }
  #fire(code: number, deliver: () => void): void {
    this.closeFired = true;
    ModelWS.onClose?.(code);
    try {
      deliver();
    } finally {
      ModelWS.onClose?.(undefined);
    }
  }
  override serverClose(code: number, reason?: string, wasClean?: boolean): void {
    this.#fire(code, () => super.serverClose(code, reason, wasClean));
  }
  override drop(): void {
    this.#fire(1006, () => super.drop());
  }
  override finishClose(code?: number, reason?: string): void {
    this.#fire(code ?? this.closedWith?.code ?? 1005, () => super.finishClose(code, reason));
  }
}

const RWS = { minReconnectionDelay: 100, maxReconnectionDelay: 300, connectionTimeout: 2000 };
const json = (s: SocketStatus | undefined) => JSON.stringify(s);

async function runModel(s: Scenario): Promise<void> {
  const timers: FakeTimersClock = install({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  FakeWebSocket.reset();
  const failures: string[] = [];
  const fail = (msg: string) => {
    failures.push(msg);
  };
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  process.on('unhandledRejection', onRejection);

  // The guard's own timers, to check that backoff always waits on one.
  const guardTimers = new Set<unknown>();
  const clock: Clock = {
    now: () => timers.now,
    setTimeout: (fn, ms) => {
      const handle: unknown = timers.setTimeout(() => {
        guardTimers.delete(handle);
        fn();
      }, ms);
      guardTimers.add(handle);
      return handle;
    },
    clearTimeout: (handle) => {
      guardTimers.delete(handle);
      timers.clearTimeout(handle as never);
    },
  };

  // auth.refresh in each of its modes, in turn.
  const late: { settle(ok: boolean): void }[] = [];
  let refreshes = 0;
  let neverPending = false;
  const refresh = (): void | Promise<void> => {
    const modes = s.refresh ?? ['now'];
    const mode = modes[refreshes++ % modes.length];
    if (mode === 'now') return;
    if (mode === 'resolved') return Promise.resolve();
    if (mode === 'rejected') return Promise.reject(new Error('refresh failed'));
    if (mode === 'never') {
      neverPending = true;
      return new Promise<void>(() => {});
    }
    return new Promise<void>((resolve, reject) => {
      late.push({ settle: (ok) => (ok ? resolve() : reject(new Error('refresh failed late'))) });
    });
  };

  const options: ClosePolicyOptions = {
    WebSocket: ModelWS,
    clock,
    random: () => 0.5,
    ...(s.refresh && { auth: { refresh } }),
  };
  const rwsOptions = {
    ...RWS,
    ...(s.maxRetries !== undefined && { maxRetries: s.maxRetries }),
    ...(s.startClosed && { startClosed: true }),
  };

  // What the app saw.
  let lastState: SocketStatus | undefined;
  let guard: ClosePolicyGuard | undefined;
  let lastPolicy: PolicyEvent | undefined;
  /** Set once a close() call has taken effect: only client closes may follow, until a reconnect. */
  let closedCut = false;
  let closePending = false;
  /** The code of the native close event being delivered right now. */
  let nativeCode: number | undefined;
  /** Sockets created since the last open or reconnect-type call (one outage). */
  let outageSockets = 0;
  const log: string[] = [];

  ModelWS.onClose = (code) => {
    nativeCode = code;
  };
  ModelWS.onCreate = (ws) => {
    log.push(`socket#${FakeWebSocket.instances.length}`);
    const others = FakeWebSocket.instances.filter((o) => o !== ws && o.readyState < 2);
    if (others.length > 0) fail(`a socket was created while ${others.length} other(s) were live`);
    outageSockets++;
    const limit = s.maxRetries ?? Number.POSITIVE_INFINITY;
    if (outageSockets > limit + 1) fail(`${outageSockets} sockets in one outage with maxRetries ${limit}`);
    const state = guard?.status.state;
    if (state !== 'connecting') fail(`a native socket was created in state ${state}`);
  };

  const reactions = s.reactions.map((r) => ({ ...r, left: r.times }));

  function act(a: Action, from: string): void {
    const g = guard;
    if (!g) return;
    log.push(`${from}:${a}`);
    try {
      switch (a) {
        case 'reconnect':
          closedCut = false;
          closePending = false;
          outageSockets = 0;
          g.reconnect();
          return;
        case 'rws-reconnect':
          closedCut = false;
          closePending = false;
          outageSockets = 0;
          g.rws.reconnect();
          return;
        case 'close':
          closePending = true;
          g.close();
          return;
        case 'rws-close':
          closePending = true;
          g.rws.close();
          return;
        case 'retry':
          outageSockets = 0;
          lastPolicy?.retry();
          return;
        case 'stop':
          lastPolicy?.stop();
          return;
      }
    } catch (error) {
      fail(`${a} threw: ${String(error)}`);
    }
  }

  function react(on: Listened): void {
    for (const r of reactions) {
      if (r.on !== on || r.left <= 0) continue;
      r.left--;
      act(r.a, `in-${on}`);
    }
  }

  function afterCut(event: string, c?: CloseClassification): void {
    if (closedCut && !(event === 'close' && c?.initiator === 'client')) {
      fail(`event '${event}' after close()${c ? ` (${c.code} ${c.initiator})` : ''}`);
    }
  }

  try {
    guard = withClosePolicy(
      (WebSocket) => new ReconnectingWebSocket('ws://test/live', [], { ...rwsOptions, WebSocket }),
      options,
    );
    const g = guard;
    lastState = g.status;
    // Checkers first, so a reaction's re-entrant call cannot run before they see the event.
    g.on('state', (st) => {
      log.push(`state:${st.state}`);
      afterCut('state');
      if (json(st) !== json(g.status)) fail(`state event ${json(st)} but status ${json(g.status)}`);
      if (st.state === 'backoff' && guardTimers.size === 0) fail('backoff with no pending timer');
      lastState = st;
      react('state');
    });
    g.on('close', (c) => {
      log.push(`close:${c.code}/${c.initiator}`);
      afterCut('close', c);
      if (typeof c.code !== 'number' || !Number.isInteger(c.code)) fail(`close without a real code: ${c.code}`);
      if (c.initiator === 'server' && c.reason.startsWith('closewise:')) {
        fail(`the guard's own close reported as the server's: ${c.code} '${c.reason}'`);
      }
      if (c.initiator === 'server' && c.code !== nativeCode) {
        fail(`server close ${c.code} reported, the socket delivered ${nativeCode ?? 'nothing'}`);
      }
      react('close');
    });
    g.on('policy', (p) => {
      log.push(`policy:${p.kind}`);
      afterCut('policy');
      lastPolicy = p;
      react('policy');
    });
    g.on('stopped', (e) => {
      log.push(`stopped:${e.reason}`);
      afterCut('stopped');
      react('stopped');
    });
    for (const name of ['open', 'reconnecting', 'error'] as const) {
      g.on(name, () => {
        log.push(name);
        afterCut(name);
        if (name === 'open') outageSockets = 0;
      });
    }

    /** Fake time moves on, with rws's promise chains run between timers. */
    const advance = async (ms: number) => {
      await timers.tickAsync(ms);
      for (let i = 0; i < 5; i++) await Promise.resolve();
    };
    const newestLive = (maxState: number) =>
      (FakeWebSocket.instances as ModelWS[]).filter((ws) => ws.readyState <= maxState && !ws.closeFired).at(-1);

    const check = (where: string) => {
      if (json(g.status) !== json(lastState))
        fail(`${where}: status ${json(g.status)} without a state event (last ${json(lastState)})`);
      if (g.status.state === 'backoff' && guardTimers.size === 0) fail(`${where}: backoff with no pending timer`);
      // What the app sends with: guard 'open' means rws.send reaches an open socket.
      const rwsState = (g.rws as unknown as { readyState: number }).readyState;
      if (g.status.state === 'open' && rwsState !== 1) fail(`${where}: guard open but rws.readyState ${rwsState}`);
      const live = FakeWebSocket.instances.filter((ws) => ws.readyState < 2);
      if (live.length > 1) fail(`${where}: ${live.length} live sockets`);
      if (closePending) {
        closePending = false;
        if (g.status.state === 'closed') closedCut = true;
        else if (!closedCut) fail(`${where}: close() left the guard in ${g.status.state}`);
      }
      if (rejections.length > 0) fail(`${where}: unhandled rejection ${String(rejections[0])}`);
    };

    await advance(0);
    check('start');
    for (const c of s.commands) {
      if (failures.length > 0) break;
      log.push(`> ${JSON.stringify(c)}`);
      try {
        switch (c.t) {
          case 'open':
            newestLive(0)?.serverOpen();
            break;
          case 'server-close': {
            const { code, reason } = CODES[c.i] ?? { code: 1000, reason: '' };
            newestLive(1)?.serverClose(code, reason, code !== 1006);
            break;
          }
          case 'drop':
            newestLive(1)?.drop();
            break;
          case 'finish': {
            const ws = (FakeWebSocket.instances as ModelWS[]).find((w) => w.readyState === 2 && !w.closeFired);
            ws?.finishClose();
            break;
          }
          case 'advance':
            await advance(c.ms);
            break;
          case 'act':
            act(c.a, 'app');
            break;
          case 'settle':
            late.shift()?.settle(c.ok);
            break;
        }
        await advance(0);
      } catch (error) {
        fail(`${c.t} threw: ${String(error)}`);
      }
      check(c.t);
    }

    // The server goes down for good: with a finite maxRetries the guard gives up.
    const limit = s.maxRetries ?? Number.POSITIVE_INFINITY;
    const state = g.status.state;
    const waitsOnApp = state === 'paused' || state === 'stopped' || state === 'closed' || neverPending || closedCut;
    if (failures.length === 0 && Number.isFinite(limit) && !waitsOnApp) {
      log.push('> outage');
      for (const r of reactions) r.left = 0;
      outageSockets = 0;
      const stopped: string[] = [];
      g.on('stopped', (e) => stopped.push(e.reason));
      newestLive(1)?.drop();
      for (let i = 0; i < 40 && failures.length === 0; i++) {
        for (const p of late.splice(0)) p.settle(true);
        newestLive(1)?.drop();
        await advance(30_000);
        check('outage');
        const now = g.status.state;
        if (now === 'stopped' || now === 'paused' || now === 'closed' || neverPending) break;
      }
      const end = g.status.state;
      if (end !== 'paused' && !neverPending) {
        if (end !== 'stopped') fail(`still ${end} after the outage, maxRetries ${limit}`);
        else if (stopped[0] !== 'gave-up' && stopped[0] !== 'policy-loop')
          fail(`stopped '${stopped[0]}', not 'gave-up'`);
      }
    }
  } catch (error) {
    fail(`threw: ${String(error)}`);
  } finally {
    ModelWS.onCreate = undefined;
    ModelWS.onClose = undefined;
    try {
      guard?.dispose();
      guard?.rws.close();
    } catch {}
    timers.uninstall();
    process.off('unhandledRejection', onRejection);
  }
  if (failures.length > 0) {
    throw new Error(`${failures[0]}\n  trace: ${log.slice(-40).join(' | ')}`);
  }
}

const CLOSING: readonly Action[] = ['close', 'rws-close'];
const RECONNECTING: readonly Action[] = ['reconnect', 'rws-reconnect'];
/** Listeners that close and then reconnect within one step. */
const closeThenReconnect = (s: Scenario) =>
  s.reactions.some((r) => CLOSING.includes(r.a)) && s.reactions.some((r) => RECONNECTING.includes(r.a));

describe('model: withClosePolicy over the real reconnecting-websocket 4.4.0', () => {
  it('keeps every invariant under random commands, re-entrant listeners and any auth.refresh', async () => {
    await fc.assert(fc.asyncProperty(scenario, runModel), { numRuns: 1000 });
  }, 60_000);

  // The model's minimal counterexample, before the fix: `guard.close(); guard.reconnect();` (or both
  // from the first 'state' listener) before rws's first socket exists. rws.close() landed in rws's
  // own zero-delay wait, rws.reconnect() cleared _closeCalled, and the guard cleared _connectLock:
  // two _connect chains, two sockets, and the guard's hold of the second closed the first (the
  // engine's), reported as a server close.
  it('close() then reconnect() while rws is still making its first socket gives one socket, the engine’s own', async () => {
    await fc.assert(fc.asyncProperty(scenario.filter(closeThenReconnect), runModel), {
      numRuns: 100,
      examples: [
        [
          {
            maxRetries: undefined,
            startClosed: false,
            refresh: undefined,
            reactions: [
              { on: 'state', a: 'close', times: 1 },
              { on: 'state', a: 'reconnect', times: 1 },
            ],
            commands: [{ t: 'finish' }],
          },
        ],
      ],
    });
  }, 60_000);
});
