// Reconnect storms in simulated time: every library's real reconnect code, driven by a simulated
// gateway, clock and WebSocket. No library is reimplemented.
import { LIBRARIES } from './libraries.mjs';
import { SimClock, SimWorld, seeded } from './sim.mjs';

const WARMUP_MS = 10_000; // clients connect and become healthy before the incident

/** Largest number of attempts in any 1 s window. */
export function peakPerSecond(times) {
  const sorted = [...times].sort((a, b) => a - b);
  let peak = 0;
  for (let i = 0, j = 0; j < sorted.length; j++) {
    while (sorted[j] - sorted[i] >= 1000) i++;
    peak = Math.max(peak, j - i + 1);
  }
  return peak;
}

export function percentile(values, p) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function withWorld(library, seed, accept, body, options) {
  const lib = LIBRARIES[library];
  const clock = new SimClock();
  const world = new SimWorld(clock, accept);
  const random = seeded(seed);
  const saved = globalThis.WebSocket;
  clock.install(seeded(seed ^ 0x5eed));
  if (lib.needsGlobalWebSocket) globalThis.WebSocket = world.WebSocket;
  try {
    const create = (url) => lib.create(url, { world, clock, random, options });
    return await body({ lib, clock, world, random, create });
  } finally {
    clock.uninstall();
    globalThis.WebSocket = saved;
  }
}

function closeClient(client) {
  // Each library's way to stop for good.
  if (typeof client.close === 'function') client.close(1000);
}

/**
 * A fleet event: `clients` connected clients behind a gateway whose upstream fails; the gateway
 * closes them all with 1014 and answers every new connection with 1014 for `outageMs`, then
 * recovers.
 */
export async function fleetOutage(
  library,
  { clients = 10_000, outageMs = 30_000, code = 1014, seed = 1, maxMs = 180_000 } = {},
) {
  const start = WARMUP_MS;
  const end = start + outageMs;
  return withWorld(
    library,
    seed,
    (now) => (now >= start && now < end ? code : 'open'),
    async ({ lib, clock, world, random }) => {
      const instances = [];
      for (let i = 0; i < clients; i++) instances.push(lib.create(`ws://sim/${i}`, { world, clock, random }));
      await clock.run(start - 1, { flush: lib.flush });
      const opened = world.openSockets().length;
      for (const ws of world.openSockets()) world.closeFromServer(ws, code, 'bad gateway');
      // Run until every client is back (or the bound), in 1 s steps.
      let t = start;
      const back = () => {
        let n = 0;
        for (const list of world.opens.values()) if (list.some((at) => at >= start)) n++;
        return n;
      };
      while (t < end + maxMs && (t < end || back() < clients)) {
        t += 1000;
        await clock.run(t, { flush: lib.flush });
      }
      const during = world.attempts.filter((at) => at >= start && at < end);
      const recovery = [];
      for (const list of world.opens.values()) {
        const first = list.find((at) => at >= end);
        if (first !== undefined) recovery.push(first - end);
      }
      for (const c of instances) closeClient(c);
      await clock.run(t + 60_000, { flush: lib.flush });
      return {
        library,
        clients,
        connectedBefore: opened,
        peakPerSecond: peakPerSecond(world.attempts.filter((at) => at >= start)),
        attemptsDuringOutage: during.length,
        recovered: recovery.length,
        recoveryMs: { p50: percentile(recovery, 50), p95: percentile(recovery, 95), p99: percentile(recovery, 99) },
      };
    },
  );
}

/**
 * A crash or deploy: `clients` connected clients lose their connections at once (1006, no close
 * frame), the server refuses every connection for `downMs`, then accepts again. Measured from the
 * moment it is back: the peak attempts in any 1 s (the load on the recovering server) and how long
 * until clients are back. `options` replaces closewise's (for sweeps of its backoff).
 */
export async function crash(library, { clients = 2000, downMs = 10_000, seed = 4, maxMs = 180_000, options } = {}) {
  const start = WARMUP_MS;
  const end = start + downMs;
  return withWorld(
    library,
    seed,
    (now) => (now >= start && now < end ? 'refuse' : 'open'),
    async ({ lib, clock, world, create }) => {
      const instances = [];
      for (let i = 0; i < clients; i++) instances.push(create(`ws://sim/${i}`));
      await clock.run(start - 1, { flush: lib.flush });
      const opened = world.openSockets().length;
      for (const ws of world.openSockets()) world.drop(ws);
      const back = () => {
        let n = 0;
        for (const list of world.opens.values()) if (list.some((at) => at >= start)) n++;
        return n;
      };
      let t = start;
      while (t < end + maxMs && (t < end || back() < clients)) {
        t += 1000;
        await clock.run(t, { flush: lib.flush });
      }
      const recovery = [];
      for (const list of world.opens.values()) {
        const first = list.find((at) => at >= end);
        if (first !== undefined) recovery.push(first - end);
      }
      const during = world.attempts.filter((at) => at >= start && at < end).length;
      const after = world.attempts.filter((at) => at >= end);
      for (const c of instances) closeClient(c);
      await clock.run(t + 60_000, { flush: lib.flush });
      return {
        library,
        clients,
        downMs,
        connectedBefore: opened,
        attemptsWhileDown: during,
        peakAfterRecovery: peakPerSecond(after),
        recovered: recovery.length,
        backMs: {
          p50: percentile(recovery, 50),
          p99: percentile(recovery, 99),
          max: recovery.length === 0 ? Number.NaN : Math.max(...recovery),
        },
      };
    },
    options,
  );
}

/** A server that accepts every connection and closes it at once: attempts per second per client. */
export async function acceptThenClose(library, { clients = 100, durationMs = 60_000, code = 1011, seed = 2 } = {}) {
  return withWorld(
    library,
    seed,
    () => code,
    async ({ lib, clock, world, random }) => {
      const instances = [];
      for (let i = 0; i < clients; i++) instances.push(lib.create(`ws://sim/${i}`, { world, clock, random }));
      for (let t = 1000; t <= durationMs; t += 1000) await clock.run(t, { flush: lib.flush });
      const attempts = world.attempts.length;
      for (const c of instances) closeClient(c);
      await clock.run(durationMs + 60_000, { flush: lib.flush });
      return { library, clients, code, attemptsPerSecondPerClient: attempts / clients / (durationMs / 1000) };
    },
  );
}

/** One client, one network blip (1006); the network is fine again at once. Median time back. */
export async function loneBlip(library, { trials = 500, seed = 3 } = {}) {
  const backMs = [];
  for (let trial = 0; trial < trials; trial++) {
    const ms = await withWorld(
      library,
      seed + trial,
      () => 'open',
      async ({ lib, clock, world, random }) => {
        const client = lib.create(`ws://sim/0`, { world, clock, random });
        await clock.run(WARMUP_MS - 1, { flush: lib.flush });
        const [ws] = world.openSockets();
        const at = clock.now;
        world.drop(ws);
        let t = at;
        let back;
        while (back === undefined && t < at + 120_000) {
          t += 100;
          await clock.run(t, { flush: lib.flush });
          back = (world.opens.get('0') ?? []).find((o) => o > at);
        }
        closeClient(client);
        await clock.run(t + 60_000, { flush: lib.flush });
        return back === undefined ? Number.POSITIVE_INFINITY : back - at;
      },
    );
    backMs.push(ms);
  }
  return { library, trials, medianMs: percentile(backMs, 50), p95Ms: percentile(backMs, 95) };
}
