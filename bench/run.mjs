// `npm run bench`: measures closewise against the clients users would pick instead, on this
// machine, and writes docs/benchmarks.md. `--only=size,send,storm,real,memory` runs a subset
// (the report then holds only those); `--smoke` runs tiny versions and writes nothing.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { LIBRARIES } from './libraries.mjs';
import { realStorm } from './real-storm.mjs';
import { sendOverhead } from './send.mjs';
import { bundleSizes, GOALS, socketBreakdown } from './size.mjs';
import { acceptThenClose, crash, fleetOutage, loneBlip } from './storm.mjs';

const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
const want = (section) => !only || only.includes(section);
const P = smoke
  ? {
      fleet: { clients: 300, outageMs: 5000 },
      atc: { clients: 20, durationMs: 10_000 },
      blip: { trials: 20 },
      send: { messages: 2000, rounds: 1 },
      crash: { clients: 200, downs: [2000, 10_000], seeds: [4] },
      frontier: false,
      real: { clients: 50, warmupMs: 300 },
      restarts: [{ restart: 'crash-1006', downMs: 300 }],
      memory: ['--smoke'],
    }
  : {
      fleet: { clients: 10_000, outageMs: 30_000 },
      atc: { clients: 100, durationMs: 60_000 },
      blip: { trials: 500 },
      send: { messages: 100_000, rounds: 5 },
      crash: { clients: 2000, downs: [2000, 10_000, 30_000], seeds: [4, 5, 6, 7, 8] },
      frontier: true,
      real: { clients: 1000 },
      restarts: [
        { restart: 'graceful-1012', downMs: 2000 },
        { restart: 'crash-1006', downMs: 2000 },
        { restart: 'crash-1006', downMs: 10_000 },
      ],
      memory: [],
    };

const log = (...a) => console.error('[bench]', ...a);

/**
 * Points along closewise's crash frontier, each a `backoff` a user can pass. Scaling all three
 * numbers scales every period: a faster return for a higher peak, or the other way round.
 */
const scaled = (f) => ({
  crashDelayMs: Math.round(2480 * f),
  crashGrowth: 0.22 * f,
  crashMaxDelayMs: Math.round(9500 * f),
});
const FRONTIER = [
  { name: 'x0.5: faster return, twice the peak', backoff: scaled(0.5) },
  { name: 'x0.75', backoff: scaled(0.75) },
  { name: 'defaults', backoff: scaled(1) },
  { name: 'x1.5', backoff: scaled(1.5) },
  { name: 'x2: half the peak, slower return', backoff: scaled(2) },
  { name: 'flat: crashGrowth 0', backoff: { crashGrowth: 0 } },
  { name: 'steep: crashGrowth 0.5', backoff: { crashGrowth: 0.5 } },
];

/** The crash scenario averaged over seeds (peak and p99 are means; the slowest client is the max). */
async function crashOverSeeds(library, downMs, options) {
  const runs = [];
  for (const seed of P.crash.seeds)
    runs.push(await crash(library, { clients: P.crash.clients, downMs, seed, options }));
  const mean = (f) => runs.reduce((sum, r) => sum + f(r), 0) / runs.length;
  return {
    library,
    downMs,
    clients: P.crash.clients,
    seeds: runs.length,
    connectedBefore: Math.min(...runs.map((r) => r.connectedBefore)),
    recovered: Math.min(...runs.map((r) => r.recovered)),
    peak: mean((r) => r.peakAfterRecovery),
    worstPeak: Math.max(...runs.map((r) => r.peakAfterRecovery)),
    attemptsWhileDown: mean((r) => r.attemptsWhileDown),
    p50: mean((r) => r.backMs.p50),
    p99: mean((r) => r.backMs.p99),
    max: Math.max(...runs.map((r) => r.backMs.max)),
  };
}
const results = {};

export async function runAll() {
  if (want('size')) {
    log('bundle sizes');
    results.size = await bundleSizes();
    results.breakdown = await socketBreakdown();
  }
  if (want('send')) {
    log('send-path overhead');
    results.send = await sendOverhead(P.send);
  }
  if (want('storm')) {
    results.storm = { fleet: [], acceptThenClose: [], blip: [], crash: [], frontier: [] };
    for (const lib of Object.keys(LIBRARIES)) {
      log('fleet outage', lib);
      results.storm.fleet.push(await fleetOutage(lib, P.fleet));
      log('accept-then-close', lib);
      results.storm.acceptThenClose.push(await acceptThenClose(lib, P.atc));
      log('lone blip', lib);
      results.storm.blip.push(await loneBlip(lib, P.blip));
      for (const downMs of P.crash.downs) {
        log('crash', lib, downMs);
        results.storm.crash.push(await crashOverSeeds(lib, downMs));
      }
    }
    if (P.frontier) {
      for (const candidate of FRONTIER) {
        for (const downMs of P.crash.downs) {
          log('frontier', candidate.name, downMs);
          results.storm.frontier.push({
            ...(await crashOverSeeds('closewise', downMs, { backoff: candidate.backoff })),
            candidate: candidate.name,
          });
        }
      }
    }
  }
  if (want('real')) {
    results.real = [];
    for (const lib of ['closewise', 'reconnecting-websocket']) {
      for (const { restart, downMs } of P.restarts) {
        log('real storm', lib, restart, downMs);
        results.real.push(await realStorm(lib, { ...P.real, restart, downMs }));
      }
    }
  }
  if (want('memory')) {
    log('memory');
    const out = execFileSync(process.execPath, ['--expose-gc', 'bench/memory.mjs', ...P.memory], { encoding: 'utf8' });
    results.memory = JSON.parse(out.trim().split('\n').at(-1));
  }
  return results;
}

const kb = (b) => `${(b / 1024).toFixed(2)} KB`;
const B = (b) => (b === undefined ? 'n/a' : `${b.toLocaleString('en')} B`);
const s = (ms) => (ms === null || ms === undefined || Number.isNaN(ms) ? 'n/a' : `${(ms / 1000).toFixed(2)} s`);
const x = (r) => `${r.toFixed(2)}×`;

function report(r) {
  const lines = [];
  const p = (line = '') => lines.push(line);
  p('# Benchmarks');
  p();
  p(
    `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.type()} ${os.release()}.`,
  );
  p('Ratios, not absolute times, are what we quote: absolute numbers move with the machine.');
  p(
    'Each section is reproducible on its own with `npm run bench -- --only=<section>` (`size`, `send`, `storm`, `real`, `memory`).',
  );
  if (r.size) {
    p();
    p('## 1. Bundle size');
    p();
    p(
      "Each entry and each peer bundled as an app's production build bundles it, `esbuild --bundle --minify --format=esm --define:process.env.NODE_ENV='\"production\"'` (browser platform), then gzip -9; twice: without export conditions (closewise's default build, every option check kept: what an unknown bundler gets) and with `--conditions=production` (closewise's production build, option validation left out). closewise is imported by its package name, so its `exports` map picks the build. Sizes in bytes.",
    );
    p();
    p(
      '| bundle | default: minified | default: min + gzip | production: minified | production: min + gzip | production vs reconnecting-websocket |',
    );
    p('| --- | ---: | ---: | ---: | ---: | ---: |');
    for (const row of r.size)
      p(
        `| ${row.name} | ${B(row.default.minified)} | ${B(row.default.gzip)} | ${B(row.production.minified)} | ${B(row.production.gzip)} | ${x(row.productionRatioToRws)} |`,
      );
    p();
    p('Goals (issue 11), production build, min + gzip:');
    p();
    for (const [name, goal] of GOALS) {
      const row = r.size.find((row) => row.name === name);
      if (row)
        p(
          `- ${name}: ${B(row.production.gzip)} vs ${B(goal)} (${row.production.gzip <= goal ? 'met' : `NOT met, ${B(row.production.gzip - goal)} over`}).`,
        );
    }
    p();
    p(
      'closewise carries what the peers do not: the close-code registry, advice text, the policy engine, the outbox and (in the default build) the option validation. `classifyClose` alone is the piece to compare with a bare reconnect loop.',
    );
  }
  if (r.breakdown) {
    const d = r.breakdown;
    const prod = d.production;
    const short = (path) =>
      path
        .replace(/^dist\/(production\/)?/, '')
        .replace(/^node_modules\//, '')
        .replace(/\.m?js$/, '');
    p();
    p(
      `Where the ${B(d.whole)} (default build) and ${B(prod.whole)} (production build) of \`ResilientSocket\` go: each part is taken away in turn (its modules replaced by stubs exporting the same names, leaves of the import graph first) and its cost is what the bundle loses, so the rows add up to the whole. The last row is what is left once everything else is stubbed.`,
    );
    p();
    p('| part | modules | default (B, min + gzip) | production (B, min + gzip) |');
    p('| --- | --- | ---: | ---: |');
    for (const [i, row] of d.rows.entries()) {
      const modules = row.modules.map(short).join(', ') || 'client/resilient-socket';
      p(`| ${row.name} | ${modules} | ${B(row.gzip)} | ${B(prod.rows[i]?.gzip)} |`);
    }
    p(`| **whole** | | **${B(d.whole)}** | **${B(prod.whole)}** |`);
  }
  if (r.send) {
    p();
    p('## 2. Send-path overhead');
    p();
    p(
      'Messages per second through `ResilientSocket.send` vs a raw `ws` client, to a `ws` server on 127.0.0.1 that acknowledges every 1,000 messages; median of the rounds, raw and closewise alternating. Goal: closewise / raw ≥ 0.97.',
    );
    p();
    p('| message | messages × rounds | raw ws (msg/s) | closewise (msg/s) | closewise / raw |');
    p('| --- | ---: | ---: | ---: | ---: |');
    for (const row of r.send)
      p(
        `| ${row.size} B | ${row.messages.toLocaleString('en')} × ${row.rounds} | ${Math.round(row.raw).toLocaleString('en')} | ${Math.round(row.closewise).toLocaleString('en')} | ${row.ratio.toFixed(3)} |`,
      );
    p();
    p(`Goal ≥ 0.97: ${r.send.map((row) => `${row.size} B ${row.ratio >= 0.97 ? 'met' : 'NOT met'}`).join(', ')}.`);
  }
  if (r.storm) {
    const f = r.storm.fleet;
    const rws = f.find((row) => row.library === 'reconnecting-websocket');
    const cw = f.find((row) => row.library === 'closewise');
    p();
    p('## 3. Reconnect storm (simulated time)');
    p();
    p(
      `${f[0]?.clients.toLocaleString('en')} connected clients behind a gateway whose upstream fails: it closes them all with 1014 and answers every new connection with 1014 for ${(P.fleet.outageMs / 1000).toFixed(0)} s, then recovers. Simulated time: each library's real reconnect code runs against a simulated WebSocket, gateway and clock (\`bench/sim.mjs\`); nothing is reimplemented. reconnecting-websocket draws its default \`minReconnectionDelay\` (1000 + random × 4000) once per page, so each simulated client gets its own draw. The floor is N / max delay of the library.`,
    );
    p();
    p('| library | peak attempts in any 1 s | attempts during the outage | recovered | recovery p50 | p95 | p99 |');
    p('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const row of f)
      p(
        `| ${LIBRARIES[row.library].label} | ${row.peakPerSecond.toLocaleString('en')} | ${row.attemptsDuringOutage.toLocaleString('en')} | ${row.recovered.toLocaleString('en')} | ${s(row.recoveryMs.p50)} | ${s(row.recoveryMs.p95)} | ${s(row.recoveryMs.p99)} |`,
      );
    if (rws && cw) {
      p();
      p('Goals for closewise with its defaults, against reconnecting-websocket:');
      p();
      p(
        `- peak at most half: ${cw.peakPerSecond} vs ${rws.peakPerSecond} = ${(cw.peakPerSecond / rws.peakPerSecond).toFixed(2)} (${cw.peakPerSecond <= rws.peakPerSecond / 2 ? 'met' : 'NOT met'});`,
      );
      p(
        `- fewer attempts during the outage: ${cw.attemptsDuringOutage} vs ${rws.attemptsDuringOutage} (${cw.attemptsDuringOutage < rws.attemptsDuringOutage ? 'met' : 'NOT met'});`,
      );
      p(
        `- p95 recovery no worse: ${s(cw.recoveryMs.p95)} vs ${s(rws.recoveryMs.p95)} (${cw.recoveryMs.p95 <= rws.recoveryMs.p95 ? 'met' : 'NOT met'}).`,
      );
      p(
        `- floor for closewise: N / 11 s = ${Math.round(cw.clients / 11).toLocaleString('en')} attempts/s (its fleet delays never exceed 11 s).`,
      );
    }
    p();
    p(
      'How: 1014 (like 1001, 1011, 1012, 1013 and a server 1000/1005) hits every client behind a server at once, so closewise spreads the first reconnect over [0, 8 s] and later ones over the upper half of a ceiling capped at 11 s; a full-jitter renewal process with the same cap overshoots to e / cap attempts per client per second early in the outage, which is what the upper-half draw avoids. A lone 1006 or heartbeat timeout keeps a fast 1 s first delay (below).',
    );
    p();
    p('### Accept-then-close server');
    p();
    p(
      `A server that accepts every connection and closes it at once with 1011, for ${(P.atc.durationMs / 1000).toFixed(0)} s, ${P.atc.clients} clients.`,
    );
    p();
    p('| library | attempts per second per client |');
    p('| --- | ---: |');
    for (const row of r.storm.acceptThenClose)
      p(`| ${LIBRARIES[row.library].label} | ${row.attemptsPerSecondPerClient.toFixed(3)} |`);
    p();
    p("### A lone client's network blip");
    p();
    p(
      `One client, one dropped connection (1006), the network fine again at once; ${P.blip.trials} trials. Goal: closewise median under 1 s.`,
    );
    p();
    p('| library | median time back | p95 |');
    p('| --- | ---: | ---: |');
    for (const row of r.storm.blip) p(`| ${LIBRARIES[row.library].label} | ${s(row.medianMs)} | ${s(row.p95Ms)} |`);
    crashReport(r.storm, p);
  }
  if (r.real) {
    p();
    p('## 4. Real-socket storm');
    p();
    p(
      `${P.real.clients.toLocaleString('en')} real clients on 127.0.0.1 against a real \`ws\` server (the test suite's upstream) that restarts: either gracefully (closes everyone with 1012, then stops) or by crashing (drops every TCP connection: 1006; while it is down, connections are refused), and listens again after the time given. Server-side handshakes per second after it is back, and time until every client is open again, from the restart and from the moment it listens again. One run each: real time, so the numbers move a little between runs.`,
    );
    p();
    p(
      '| library | restart | down for | peak handshakes in any 1 s | p99 back after it listens | all back after it listens | all back after the restart |',
    );
    p('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
    for (const row of r.real)
      p(
        `| ${row.library} | ${row.restart} | ${s(row.downMs)} | ${row.peakHandshakesPerSecond} | ${s(row.p99BackAfterRecoveryMs)} | ${s(row.allBackAfterRecoveryMs)} | ${s(row.allBackMs)} |`,
      );
    p();
    p(
      "A 1012 makes closewise wait a random 5-30 s (the code's registration asks for it), so the restart is absorbed with a low, flat handshake rate at the cost of a slower return. A crash (1006) first looks like a network blip to every client, so closewise retries within 1 s; when that retry is refused, it is on the crash profile (section 3) and the fleet comes back as a flat stream within about one period.",
    );
  }
  if (r.memory) {
    const m = r.memory;
    p();
    p('## 5. Memory and leaks');
    p();
    p(
      `Heap after GC (\`node --expose-gc\`). Idle open sockets: ${m.idle.sockets} of each kind to a loopback server; closewise's own cost is the difference to raw \`ws\`.`,
    );
    p();
    p(`| raw ws per socket | ResilientSocket per socket | closewise overhead per socket |`);
    p('| ---: | ---: | ---: |');
    p(
      `| ${kb(m.idle.rawBytesPerSocket)} | ${kb(m.idle.closewiseBytesPerSocket)} | ${kb(m.idle.overheadBytesPerSocket)} |`,
    );
    p();
    p(
      `Churn: ${m.churn.total.toLocaleString('en')} fresh sockets connected and closed, then one socket through ${m.churn.total.toLocaleString('en')} close/reconnect cycles (simulated network). Heap and listener counts at every tenth:`,
    );
    p();
    p(
      '| cycle | heap (fresh sockets) | lifecycle listeners | heap (one socket reconnecting) | event listeners | native sockets alive |',
    );
    p('| ---: | ---: | ---: | ---: | ---: | ---: |');
    m.churn.fresh.forEach((row, i) => {
      const re = m.churn.reconnect[i];
      p(
        `| ${row.cycle.toLocaleString('en')} | ${kb(row.heap)} | ${row.lifecycleListeners} | ${kb(re.heap)} | ${re.listeners} | ${re.liveSockets} |`,
      );
    });
    const drift = (rows) => `${rows.at(-1).heap >= rows[0].heap ? '+' : ''}${kb(rows.at(-1).heap - rows[0].heap)}`;
    p();
    p(
      `Heap from the first sample to the last: ${drift(m.churn.fresh)} (fresh sockets), ${drift(m.churn.reconnect)} (one socket reconnecting). The simulated world's own log of attempts is emptied as the cycles go, so it does not count.`,
    );
  }
  p();
  return `${lines.join('\n')}\n`;
}

/** Is `a` at least as good as `b` on both axes and better on one (lower peak, sooner back)? */
const dominates = (a, b) => a.peak <= b.peak && a.p99 <= b.p99 && (a.peak < b.peak || a.p99 < b.p99);
const n0 = (v) => Math.round(v).toLocaleString('en');

function crashReport(storm, p) {
  const rows = storm.crash;
  if (rows.length === 0) return;
  const downs = [...new Set(rows.map((row) => row.downMs))];
  const first = rows[0];
  p();
  p('### A server crash or deploy');
  p();
  p(
    `${first.clients.toLocaleString('en')} connected clients lose their connections at once (1006, no close frame, as when the server process dies), the server refuses every connection for D seconds (each attempt fails in the handshake with 1006), then accepts again. Measured from the moment it is back: the peak attempts in any 1 s (the load on the recovering server) and the time until 99 % and 100 % of the clients are back. Mean of ${first.seeds} seeds (peak, p50, p99); the slowest client is the worst of them. The physical floor: N clients arriving at P per second take at least N / P seconds, so peak × p99 cannot be much below 0.99 N (${n0(0.99 * first.clients)}).`,
  );
  p();
  p(
    '| down for | library | peak attempts in any 1 s after recovery | p50 back | p99 back | 100 % back | peak × p99 / N | attempts while down |',
  );
  p('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const d of downs)
    for (const row of rows.filter((row) => row.downMs === d))
      p(
        `| ${d / 1000} s | ${LIBRARIES[row.library].label} | ${n0(row.peak)} | ${s(row.p50)} | ${s(row.p99)} | ${s(row.max)} | ${((row.peak * row.p99) / 1000 / row.clients).toFixed(2)} | ${n0(row.attemptsWhileDown)} |`,
      );
  p();
  p('Goals (issue 12), closewise with its defaults against reconnecting-websocket, in every crash length:');
  p();
  for (const d of downs) {
    const cw = rows.find((row) => row.downMs === d && row.library === 'closewise');
    const rws = rows.find((row) => row.downMs === d && row.library === 'reconnecting-websocket');
    if (!cw || !rws) continue;
    const slowest = Math.max(
      ...rows.filter((row) => row.downMs === d && row.library !== 'closewise').map((row) => row.max),
    );
    const ok = cw.peak <= rws.peak && cw.p99 <= rws.p99 && (cw.peak < rws.peak || cw.p99 < rws.p99);
    p(
      `- ${d / 1000} s: peak ${n0(cw.peak)} vs ${n0(rws.peak)} (${(cw.peak / rws.peak).toFixed(2)}×), p99 ${s(cw.p99)} vs ${s(rws.p99)} (${(cw.p99 / rws.p99).toFixed(2)}×): ${ok ? 'met' : 'NOT met'}; slowest client ${s(cw.max)} vs the slowest peer's ${s(slowest)} (${cw.max <= slowest ? 'met' : 'NOT met'}).`,
    );
  }
  const fleet = storm.fleet.find((row) => row.library === 'closewise');
  const fleetRws = storm.fleet.find((row) => row.library === 'reconnecting-websocket');
  const blip = storm.blip.find((row) => row.library === 'closewise');
  if (fleet && fleetRws)
    p(
      `- kept: 1014 outage peak ${(fleet.peakPerSecond / fleetRws.peakPerSecond).toFixed(2)}× reconnecting-websocket's (goal <= 0.5: ${fleet.peakPerSecond <= fleetRws.peakPerSecond / 2 ? 'met' : 'NOT met'}), p95 recovery ${s(fleet.recoveryMs.p95)} vs ${s(fleetRws.recoveryMs.p95)} (${fleet.recoveryMs.p95 <= fleetRws.recoveryMs.p95 ? 'met' : 'NOT met'}).`,
    );
  if (blip)
    p(
      `- kept: a lone blip back in a median ${s(blip.medianMs)} (goal < 1 s: ${blip.medianMs < 1000 ? 'met' : 'NOT met'}).`,
    );
  p();
  p(
    "How: the first retry after a 1006 comes within 1 s (random in [0, 1 s]), because a lone client's blip looks the same. If that retry is refused or times out too, the server is down for everyone, and the fleet that lost it together is retrying together: closewise switches to its crash profile. The next attempt is spread over one period (about 2.7 s) after the blip window, and each later failure waits exactly one period, which grows by 0.22 s per second since the outage began and bends smoothly into 9.5 s. A linear period keeps an even spread even, so the server, when it is back, sees a flat stream of about N / period attempts per second, and every client is back within one period. A corner at the cap would not keep it even (1.7× the even rate once the period stopped growing, measured), hence the bend; and no jitter is added at the cap, where it made the stream less even. See `src/policy/crash.ts`.",
  );
  const points = storm.frontier;
  if (points.length === 0) return;
  p();
  p('#### The frontier: choosing another point with `backoff` options');
  p();
  p(
    "Each row is a `backoff` for closewise (or a peer's defaults), run through the same crash. A point is on the frontier (✓) when no other row in the same crash length has both a lower or equal peak and a sooner or equal p99. Multiplying `crashDelayMs`, `crashGrowth` and `crashMaxDelayMs` by the same factor multiplies every period by it: a smaller factor brings clients back sooner and loads the recovering server more, a larger one the other way round.",
  );
  p();
  const labelOf = (row) => (row.candidate ? `closewise ${row.candidate}` : LIBRARIES[row.library].label);
  const optionsOf = (row) => {
    const c = FRONTIER.find((f) => f.name === row.candidate);
    return c ? `\`${JSON.stringify(c.backoff).replace(/"/g, '').replace(/,/g, ', ')}\`` : 'defaults';
  };
  p('| down for | candidate | `backoff` | peak after recovery | p99 back | 100 % back | frontier |');
  p('| ---: | --- | --- | ---: | ---: | ---: | :---: |');
  for (const d of downs) {
    const all = [
      ...points.filter((row) => row.downMs === d),
      ...rows.filter((row) => row.downMs === d && row.library !== 'closewise'),
    ];
    for (const row of all)
      p(
        `| ${d / 1000} s | ${labelOf(row)} | ${optionsOf(row)} | ${n0(row.peak)} | ${s(row.p99)} | ${s(row.max)} | ${all.some((other) => other !== row && dominates(other, row)) ? '' : '✓'} |`,
      );
  }
}

/**
 * With `--only`, the sections that did not run are kept from the report on disk, marked as from
 * the earlier run, so a partial run does not erase the rest.
 */
function merged(fresh) {
  const sections = (text) => {
    const parts = text.split(/^(?=## \d+\. )/m);
    return { head: parts[0], byNumber: new Map(parts.slice(1).map((t) => [t.match(/^## (\d+)\./)[1], t])) };
  };
  let old;
  try {
    old = sections(readFileSync('docs/benchmarks.md', 'utf8'));
  } catch {
    return fresh;
  }
  const now = sections(fresh);
  const numbers = [...new Set([...old.byNumber.keys(), ...now.byNumber.keys()])].sort((a, b) => a - b);
  const kept = numbers.filter((n) => !now.byNumber.has(n));
  const note = kept.length
    ? `This run: \`--only=${only.join(',')}\`. Sections ${kept.join(', ')} are kept from the previous report.\n`
    : '';
  const body = numbers.map((n) => {
    const text = now.byNumber.get(n) ?? old.byNumber.get(n);
    return text.endsWith('\n\n') ? text : `${text.trimEnd()}\n\n`;
  });
  return `${now.head.trimEnd()}\n${note}\n${body.join('').trimEnd()}\n`;
}

const t0 = Date.now();
const r = await runAll();
log(`done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
if (smoke) {
  console.log(JSON.stringify(r));
} else {
  mkdirSync('docs', { recursive: true });
  writeFileSync('docs/benchmarks.md', only ? merged(report(r)) : report(r));
  log('wrote docs/benchmarks.md');
}
