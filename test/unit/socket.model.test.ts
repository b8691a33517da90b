import fc from 'fast-check';
import { describe, it } from 'vitest';
import { ClosewiseError, OutboxFullError } from '../../src/client/errors.js';
import type { PolicyEvent, SocketStatus } from '../../src/client/events.js';
import { resolveOptions } from '../../src/client/options.js';
import { byteSize, type DropReason, type MessageData } from '../../src/client/outbox.js';
import { ResilientSocket } from '../../src/client/resilient-socket.js';
import { type ConnectionState, transition } from '../../src/client/state.js';
import type { CloseClassification } from '../../src/policy/classify.js';
import {
  type Action,
  type CallbackKind,
  type Command,
  checkDelay,
  command,
  type EventName,
  fail,
  type Mode,
  newestOf,
  type Scenario,
  safeJson,
  scenario,
  socketOptions,
} from '../support/engine-driver.js';
import { FakeClock, FakeLifecycle, FakeWebSocket, flushPromises } from '../support/fakes.js';

// The engine's model (test/support/engine-driver.ts) run through the real interpreter,
// ResilientSocket, with FakeClock, FakeWebSocket and FakeLifecycle: listeners and hooks call back
// into the socket, providers, hooks and refreshes settle late, fail late or never, and only what
// the app can see is checked, after every command. Mutants it catches: see engine.model.test.ts.

/** What the app's buggy listeners throw; the socket rethrows it from a zero-delay timer. */
const LISTENER_BUG = 'bug in an app listener';
const EVENTS: readonly EventName[] = [
  'state',
  'open',
  'message',
  'close',
  'reconnecting',
  'policy',
  'stopped',
  'drop',
  'error',
];

type ModelCommand = Command | { readonly t: 'throwing-listener'; readonly event: EventName };

const modelCommand: fc.Arbitrary<ModelCommand> = fc.oneof(
  { weight: 30, arbitrary: command },
  {
    weight: 1,
    arbitrary: fc.record({ t: fc.constant('throwing-listener' as const), event: fc.constantFrom(...EVENTS) }),
  },
);

interface Deferred {
  readonly kind: CallbackKind;
  settle(ok: boolean): void;
}

/** A WebSocket whose buffer fills on send, whose constructor may throw or call back into the socket. */
class ModelSocket extends FakeWebSocket {
  static failing = false;
  static onConstruct: (() => void) | undefined;
  readonly bytes: { data: MessageData; bytes: number; own: boolean }[] = [];
  constructor(url: string, protocols?: string | string[]) {
    if (ModelSocket.failing) throw new Error('WebSocket constructor threw');
    super(url, protocols);
    ModelSocket.onConstruct?.();
  }
  /** A close event was delivered: a socket fires close once. */
  closeFired = false;
  override serverClose(code: number, reason?: string, wasClean?: boolean): void {
    this.closeFired = true;
    super.serverClose(code, reason, wasClean);
  }
  override drop(): void {
    this.closeFired = true;
    super.drop();
  }
  override finishClose(code?: number, reason?: string): void {
    this.closeFired = true;
    super.finishClose(code, reason);
  }
  override send(data: MessageData): void {
    super.send(data);
    const bytes = byteSize(data);
    this.bytes.push({ data, bytes, own: typeof data === 'string' && data.startsWith('ping') });
    this.bufferedAmount += bytes;
  }
}

/**
 * FakeClock, firing one timer at a time: a chain of zero-delay retries (a delay of
 * `round(random * 1 ms)` is 0 half the time) would keep `advance` busy at one instant forever.
 */
class ModelClock extends FakeClock {
  /** Fires the earliest timer due by `end`; false when there is none. */
  fireOne(end: number): boolean {
    const timers = (this as unknown as { timers: Map<number, { at: number; fn: () => void }> }).timers;
    let next: [number, { at: number; fn: () => void }] | undefined;
    for (const entry of timers) if (entry[1].at <= end && (!next || entry[1].at < next[1].at)) next = entry;
    if (!next) return false;
    timers.delete(next[0]);
    this.time = Math.max(this.time, next[1].at);
    next[1].fn();
    return true;
  }
}

/** Sockets the client still treats as its own: created, not closed by anyone. */
function liveToClient(): ModelSocket[] {
  return (FakeWebSocket.instances as ModelSocket[]).filter(
    (ws) => ws.readyState < 2 && ws.onclose !== null && ws.onmessage !== null,
  );
}

type ModelScenario = Omit<Scenario, 'commands'> & { readonly commands: readonly ModelCommand[] };

async function runModel(s: ModelScenario) {
  FakeWebSocket.reset();
  const clock = new ModelClock();
  const lifecycle = new FakeLifecycle();
  lifecycle.online = s.startOnline || !s.options.lifecycle;
  const modes: Record<CallbackKind, Mode> = { ...s.modes };
  const reactions = s.reactions.map((r) => ({ ...r, left: r.times }));
  const pending: Deferred[] = [];
  const errors: string[] = [];
  let r = 0;
  let refreshOwed = false;
  let pings = 0;
  let socket: ResilientSocket | undefined;

  /** App code that may return now, fail now, or settle later. */
  function callback<T>(kind: CallbackKind, value: () => T): T | Promise<T> {
    if (kind === 'refresh') {
      // A refresh is an attempt: the usual backoff (a `reconnecting` event) comes before the next one.
      if (refreshOwed) errors.push('a refresh followed another refresh without backoff');
      refreshOwed = true;
    }
    react(kind);
    const mode = modes[kind];
    if (mode === 'sync-fail') throw new Error(`${kind} failed`);
    if (mode === 'sync-ok') {
      if (kind === 'refresh') refreshed = true;
      return value();
    }
    return new Promise<T>((resolve, reject) => {
      pending.push({
        kind,
        settle: (ok) => {
          if (ok && kind === 'refresh') refreshed = true;
          ok ? resolve(value()) : reject(new Error(`${kind} failed late`));
        },
      });
    });
  }

  const base = socketOptions(s.options);
  const options = {
    ...base,
    WebSocket: ModelSocket,
    clock,
    random: () => s.randoms[r++ % s.randoms.length] ?? 0.5,
    lifecycle: s.options.lifecycle ? lifecycle : (false as const),
    ...(base.auth && { auth: { ...base.auth, refresh: () => callback('refresh', () => undefined) } }),
    ...(base.onOpen && { onOpen: () => callback('hook', () => undefined) }),
    ...(base.heartbeat && {
      heartbeat: {
        ...base.heartbeat,
        // ping() is synchronous; a failing one throws or returns an object (issue 11, defect 9).
        ping: () => {
          react('ping');
          if (modes.ping === 'sync-fail') {
            if (pings++ % 2) throw new Error('ping failed');
            return { type: 'ping' } as unknown as string;
          }
          return `ping${pings++}`;
        },
        isPong: (d: unknown) => {
          if (d === 'bad-pong') throw new Error('isPong threw');
          return d === 'pong';
        },
      },
    }),
  };
  const config = resolveOptions(options);
  ModelSocket.failing = modes.connect === 'sync-fail';
  ModelSocket.onConstruct = () => react('connect');

  // What the app saw.
  const results = new Map<string, 'sent' | 'queued' | 'dropped' | 'threw'>();
  const drops = new Map<string, DropReason[]>();
  const policies: PolicyEvent[] = [];
  let lastState: SocketStatus | undefined;
  let closedByApp = false;
  /** close() was called, and reconnect() not since: calls take effect in order, so nothing sent now goes out. */
  let closeCalled = false;
  const afterClose = new Set<string>();
  /** Sockets whose loss the engine reported, with their bufferedAmount then. */
  const died = new Map<ModelSocket, number>();
  /** A refresh completed during this command: its retry is the reconnect backoff, hints aside. */
  let refreshed = false;
  let reportsPending = 0;
  let n = 0;

  const api = (a: Action) => {
    const sock = socket;
    if (!sock) return; // a provider called from inside the constructor
    try {
      switch (a.a) {
        case 'close':
          closeCalled = true;
          sock.close(a.code, a.reason);
          return;
        case 'reconnect':
          closeCalled = false;
          refreshOwed = false;
          sock.reconnect();
          return;
        case 'policy-retry':
        case 'policy-stop': {
          const p = a.stale ? policies[0] : policies.at(-1);
          if (p && a.a === 'policy-retry') refreshOwed = false;
          if (p) a.a === 'policy-retry' ? p.retry() : p.stop();
          return;
        }
        case 'send': {
          const data = `m${n++}${'x'.repeat(a.size)}`;
          if (closeCalled) afterClose.add(data);
          try {
            results.set(data, sock.send(data));
          } catch (error) {
            results.set(data, 'threw');
            const expected =
              error instanceof OutboxFullError || (error instanceof ClosewiseError && error.kind === 'connect');
            if (!expected) throw error;
          }
          return;
        }
      }
    } catch (error) {
      errors.push(`${a.a} threw: ${String(error)}`);
    }
  };

  /** Every armed reaction to `on` runs, in the order they were armed (one listener may call several APIs). */
  function react(on: Action['a'] | EventName | CallbackKind): void {
    for (const x of reactions.filter((y) => y.on === on && y.left > 0)) {
      x.left--;
      for (const y of x.actions) api(y);
    }
  }

  const step = (what: string) => {
    if (errors.length > 0) fail(`${what}: an API call threw`, errors);
  };

  const ownTimers = () => clock.pending - reportsPending;
  socket = new ResilientSocket(() => callback('resolve', () => 'ws://model/live'), options);
  const sock = socket;
  sock.on('state', (status) => {
    if (safeJson(sock.status) !== safeJson(status)) {
      errors.push(`in a state listener, status ${safeJson(sock.status)} differs from the event ${safeJson(status)}`);
    }
    if (lastState) {
      try {
        transition(lastState.state as ConnectionState, status.state as ConnectionState);
      } catch (error) {
        errors.push(String(error));
      }
    }
    // Events go out after the step's other effects: its timers are cleared, its socket closed.
    if (sock.status.state === status.state && (status.state === 'closed' || status.state === 'stopped')) {
      if (ownTimers() !== 0 || liveToClient().length > 0) {
        errors.push(`a ${status.state} state event while a timer or socket of its step is still there`);
      }
    }
    if (status.state !== 'closed') closedByApp = false;
    lastState = status;
  });
  for (const name of EVENTS) {
    sock.on(name, (payload: unknown) => {
      // After close() took effect, until the app reconnects: only the close events of sockets it retired.
      if (closedByApp && sock.status.state === 'closed') {
        const ok =
          (name === 'close' && (payload as { initiator: string }).initiator === 'client') ||
          (name === 'drop' && (payload as { reason: string }).reason === 'closed');
        if (!ok) errors.push(`after close(): a ${name} event ${safeJson(payload)}`);
      }
      if (name === 'close' && (payload as CloseClassification).initiator !== 'client') {
        // The connection the engine lost is the newest socket: nothing connects within that step.
        const w = FakeWebSocket.instances.at(-1) as ModelSocket | undefined;
        if (w) died.set(w, w.bufferedAmount);
      }
      if (name === 'policy') policies.push(payload as PolicyEvent);
      if (name === 'drop') {
        const { data, reason } = payload as { data: string; reason: DropReason };
        drops.set(data, [...(drops.get(data) ?? []), reason]);
      }
      // `stopped: closed` is also a server's normal close with reconnectOnNormalClose off.
      if (name === 'stopped' && sock.status.state === 'closed') closedByApp = true;
      if (name === 'reconnecting') {
        refreshOwed = false;
        const e = payload as { attempt: number; delayMs: number; classification?: CloseClassification };
        if (e.attempt > config.maxAttempts) errors.push(`attempt ${e.attempt} above maxAttempts`);
        const c = e.classification;
        try {
          checkDelay(config, e.delayMs, c, refreshed);
        } catch (error) {
          errors.push(String(error));
        }
        refreshed = false;
      }
      react(name);
    });
  }

  const current = () => liveToClient().at(-1);
  const tick = async () => {
    for (let i = 0; i < 3; i++) await flushPromises();
  };
  /** At most 50 timers per command; time moves to `end` only when they are all done. */
  const advance = (ms: number) => {
    const end = clock.time + ms;
    for (let i = 0; i < 50; i++) {
      try {
        if (!clock.fireOne(end)) {
          clock.time = end;
          return;
        }
      } catch (error) {
        // A listener's error, rethrown by the socket: expected, and not lost.
        if ((error as Error).message !== LISTENER_BUG) throw error;
        reportsPending--;
      }
    }
  };

  const check = (what: string) => {
    step(what);
    const status = sock.status;
    const state = status.state;
    if (lastState && safeJson(status) !== safeJson(lastState)) {
      fail(`${what}: status differs from the last state event`, { status, lastState });
    }
    const live = liveToClient();
    if (live.length > 1) fail(`${what}: two live native sockets`);
    const ready = state === 'open' ? 1 : state === 'closed' || state === 'stopped' ? 3 : 0;
    if (sock.readyState !== ready) fail(`${what}: readyState ${sock.readyState} in ${state}`);
    if (state === 'closed' || state === 'stopped') {
      if (ownTimers() !== 0) fail(`${what}: a timer left running in ${state}`, ownTimers());
      if (live.length > 0) fail(`${what}: a live socket in ${state}`);
    }
    // Open: its socket, or one that died with an error and whose close the socket still waits for.
    const dying = FakeWebSocket.instances.at(-1);
    const waits = dying?.readyState === 3 && dying.onmessage !== null && ownTimers() > 0;
    if (state === 'open' && live.length !== 1 && !waits) fail(`${what}: open without its socket`);
    if (state === 'backoff' && (ownTimers() === 0 || live.length > 0)) fail(`${what}: backoff without its timer`);
    if (state === 'connecting' && live.length + ownTimers() + pending.length === 0) {
      fail(`${what}: connecting, and nothing will move it on`);
    }
    if (state === 'offline' && lifecycle.online) fail(`${what}: offline while the network is up`);
    if (status.attempt > config.maxAttempts) fail(`${what}: attempt above maxAttempts`, status.attempt);
  };

  await tick();
  check('start');
  for (const c of s.commands) {
    const instances = FakeWebSocket.instances.length;
    const before = sock.status.state;
    const statusBefore = safeJson(sock.status);
    const ws = current();
    switch (c.t) {
      case 'open':
        if (ws && ws.readyState === 0) ws.serverOpen();
        break;
      case 'message':
        if (ws && ws.readyState === 1) ws.serverMessage(c.kind);
        break;
      case 'error':
        ws?.errorWithoutClose();
        break;
      case 'server-close':
        ws?.serverClose(c.code, c.reason, c.wasClean);
        break;
      case 'drop':
        ws?.drop();
        break;
      case 'finish-retired': {
        const retired = FakeWebSocket.instances.filter((x) => x.readyState === 2);
        retired[c.pick % Math.max(1, retired.length)]?.finishClose();
        break;
      }
      case 'stale': {
        // An event from a socket the client is done with (the newest one may still be its own, dead or not).
        const newest = FakeWebSocket.instances.at(-1);
        const old = FakeWebSocket.instances.filter((x) => x !== newest || x.onmessage === null);
        const o = old[c.pick % Math.max(1, old.length)];
        if (!o) break;
        if (c.kind === 'native-open') o.onopen?.({});
        else if (c.kind === 'native-message') o.onmessage?.({ data: 'stale' });
        else if (c.kind === 'native-error') o.onerror?.({});
        else if (c.kind === 'native-close' && o.readyState === 3 && !(o as ModelSocket).closeFired) {
          (o as ModelSocket).closeFired = true;
          o.onclose?.({ code: 1011, reason: '', wasClean: true });
        }
        break;
      }
      case 'net':
        if (ws) ws.bufferedAmount = c.bytes === 0 ? 0 : Math.max(0, ws.bufferedAmount - c.bytes);
        break;
      case 'advance':
        advance(c.ms);
        break;
      case 'next-timer': {
        const at = clock.nextAt;
        if (at !== undefined) advance(at - clock.time);
        break;
      }
      case 'lifecycle':
        if (c.event === 'online' || c.event === 'pageshow') refreshOwed = false;
        lifecycle.fire(c.event);
        break;
      case 'api':
        api(c.action);
        break;
      case 'settle': {
        const p = pending.splice(c.pick % Math.max(1, pending.length), 1)[0];
        p?.settle(c.ok);
        break;
      }
      case 'mode':
        modes[c.kind] = c.mode;
        if (c.kind === 'connect') ModelSocket.failing = c.mode === 'sync-fail';
        break;
      case 'arm':
        reactions.push({ ...c.reaction, left: c.reaction.times });
        break;
      case 'throwing-listener':
        sock.once(c.event, () => {
          reportsPending++;
          throw new Error(LISTENER_BUG);
        });
        break;
    }
    await tick();
    refreshed = false;
    check(c.t);
    // A late result matters only to the attempt waiting for it; an old socket's events, never (its
    // close may be the one of a socket the client retired: reported, and a listener may act on it).
    const late = (c.t === 'stale' && c.kind !== 'native-close') || (c.t === 'settle' && before !== 'connecting');
    if (late && safeJson(sock.status) !== statusBefore) {
      fail(`${c.t}: a late result or an old socket's event changed the status`, {
        before: statusBefore,
        now: sock.status,
      });
    }
    const made = FakeWebSocket.instances.length - instances;
    if (made > 0 && (before === 'stopped' || before === 'closed') && c.t === 'advance') {
      fail('a socket created by a timer while stopped or closed');
    }
  }

  // Close for good (a listener may reconnect from `stopped`), then account for every message.
  for (let i = 0; i < 50 && sock.status.state !== 'closed'; i++) {
    sock.close();
    await tick();
  }
  check('final close');
  if (ownTimers() !== 0) fail('a timer left after close()', ownTimers());

  const all = FakeWebSocket.instances as ModelSocket[];
  const delivered = new Map<string, number>();
  const order: number[] = [];
  for (const w of all) {
    for (const x of w.bytes) {
      if (x.own) continue;
      const d = x.data as string;
      delivered.set(d, (delivered.get(d) ?? 0) + 1);
      order.push(Number.parseInt(d.slice(1), 10));
    }
  }
  const requeue = config.outbox.requeueUnsent;
  for (const [data, reasons] of drops) {
    if (!results.has(data)) fail('a drop of a message never sent', data);
    if (reasons.length > 1) fail('a message reported in two drops', { data, reasons });
  }
  for (const [data, result] of results) {
    const dropped = drops.get(data)?.[0];
    const sent = delivered.get(data) ?? 0;
    if (result === 'threw' && (dropped || sent)) fail('a refused message went somewhere', data);
    if (result === 'dropped' && (!dropped || sent)) fail("send() said 'dropped', but", { data, dropped, sent });
    if (result !== 'sent' && result !== 'queued') continue;
    if (!dropped && !sent) fail(`send() said '${result}', then the message vanished: no drop, never sent`, data);
    if (dropped === 'unsent' && !sent) fail('reported unsent, never handed over', data);
    if (!requeue && sent > 1) fail('a message sent twice', data);
    if (afterClose.has(data) && sent) fail('a message sent after close() (and before reconnect()) went out', data);
    if (!requeue && dropped && dropped !== 'unsent' && sent) fail(`dropped (${dropped}) after it was sent`, data);
  }
  if (!requeue && safeJson(order) !== safeJson([...order].sort((a, b) => a - b))) fail('messages out of order', order);
  // A connection that died with messages in its buffer reports them (or, with requeueUnsent, they go out again).
  for (const [w, buffered] of died) {
    for (const x of newestOf(w.bytes, buffered)) {
      if (x.own) continue;
      const d = x.data as string;
      const reported = drops.get(d)?.[0] === 'unsent' || (requeue && (drops.has(d) || (delivered.get(d) ?? 0) > 1));
      if (!reported) fail('a message in a dead socket buffer was not reported', { data: d, buffered });
    }
  }
}

const scenarios = scenario().chain((s) =>
  fc.array(modelCommand, { minLength: 1, maxLength: 80, size: 'max' }).map((commands) => ({ ...s, commands })),
);

describe('ResilientSocket (model-based, re-entrant)', () => {
  it('keeps every visible invariant under re-entrant calls, late results and stale events', async () => {
    await fc.assert(
      fc.asyncProperty(scenarios, (s) => runModel(s)),
      { numRuns: 400 },
    );
  }, 30_000);
});
