// Memory: heap per idle open socket, and heap and listener counts across 10,000 connect/close
// cycles. Run with `node --expose-gc bench/memory.mjs [--smoke]`; prints one JSON line.
import { WebSocket, WebSocketServer } from 'ws';
import { ResilientSocket } from '../dist/index.js';
import { SimClock, SimWorld } from './sim.mjs';

const smoke = process.argv.includes('--smoke');
const gc = globalThis.gc;
if (!gc) throw new Error('run with node --expose-gc');

async function settle() {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setImmediate(r));
  }
  return process.memoryUsage().heapUsed;
}

async function idleHeap(n) {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((r) => wss.once('listening', r));
  const url = `ws://127.0.0.1:${wss.address().port}`;
  const measure = async (create, isOpen, close) => {
    const base = await settle();
    const list = Array.from({ length: n }, () => create());
    while (!list.every(isOpen)) await new Promise((r) => setTimeout(r, 20));
    const used = await settle();
    for (const s of list) close(s);
    await new Promise((r) => setTimeout(r, 300));
    return (used - base) / n;
  };
  // Warm both paths up first, so one-time allocations (ws internals, JIT) count for neither.
  await measure(
    () => new WebSocket(url),
    (s) => s.readyState === 1,
    (s) => s.close(),
  );
  await measure(
    () => new ResilientSocket(url, { WebSocket, lifecycle: false }),
    (s) => s.status.state === 'open',
    (s) => s.close(),
  );
  const raw = await measure(
    () => new WebSocket(url),
    (s) => s.readyState === 1,
    (s) => s.close(),
  );
  const cw = await measure(
    () => new ResilientSocket(url, { WebSocket, lifecycle: false }),
    (s) => s.status.state === 'open',
    (s) => s.close(),
  );
  await new Promise((r) => wss.close(r));
  return {
    sockets: n,
    rawBytesPerSocket: Math.round(raw),
    closewiseBytesPerSocket: Math.round(cw),
    overheadBytesPerSocket: Math.round(cw - raw),
  };
}

/**
 * The simulated world logs every attempt and open (for the storm benchmarks); here that log would
 * be the only thing growing with the cycles (8 bytes an attempt), so it is emptied as it goes.
 */
function forgetLog(world) {
  world.attempts.length = 0;
  world.opens.clear();
}

async function cycles(total) {
  const clock = new SimClock();
  const world = new SimWorld(clock, () => 'open');
  const timers = { now: () => clock.now, setTimeout: clock.setTimeout, clearTimeout: clock.clearTimeout };
  const lifecycleListeners = new Set();
  const lifecycle = {
    isOnline: () => true,
    subscribe: (fn) => {
      lifecycleListeners.add(fn);
      return () => lifecycleListeners.delete(fn);
    },
  };
  const samples = [];
  // Fresh sockets: connect, open, close.
  for (let i = 1; i <= total; i++) {
    const s = new ResilientSocket('ws://sim/a', { WebSocket: world.WebSocket, clock: timers, lifecycle });
    await clock.run(clock.now + 10);
    s.close();
    await clock.run(clock.now + 10);
    forgetLog(world);
    if (i % (total / 10) === 0)
      samples.push({
        cycle: i,
        heap: await settle(),
        lifecycleListeners: lifecycleListeners.size,
        liveSockets: world.sockets.size,
      });
  }
  // One socket, reconnecting over and over (server closes with 1011 each time).
  const one = new ResilientSocket('ws://sim/b', {
    WebSocket: world.WebSocket,
    clock: timers,
    lifecycle,
    random: () => 0,
  });
  const listeners = () => one.eventNames().reduce((n, e) => n + one.listenerCount(e), 0);
  const reconnectSamples = [];
  for (let i = 1; i <= total; i++) {
    await clock.run(clock.now + 10);
    for (const ws of world.openSockets()) world.closeFromServer(ws, 1011);
    await clock.run(clock.now + 10);
    one.reconnect();
    forgetLog(world);
    if (i % (total / 10) === 0)
      reconnectSamples.push({
        cycle: i,
        heap: await settle(),
        listeners: listeners(),
        liveSockets: world.sockets.size,
      });
  }
  one.close();
  return { total, fresh: samples, reconnect: reconnectSamples };
}

const idle = await idleHeap(smoke ? 50 : 1000);
const churn = await cycles(smoke ? 1000 : 10_000);
console.log(JSON.stringify({ idle, churn }));
