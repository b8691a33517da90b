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
import { acceptThenClose, fleetOutage, loneBlip } from './storm.mjs';

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
      real: { clients: 50, downMs: 300, warmupMs: 300 },
      restarts: ['crash-1006'],
      memory: ['--smoke'],
    }
  : {
      fleet: { clients: 10_000, outageMs: 30_000 },
      atc: { clients: 100, durationMs: 60_000 },
      blip: { trials: 500 },
      send: { messages: 100_000, rounds: 5 },
      real: { clients: 1000, downMs: 2000 },
      restarts: ['graceful-1012', 'crash-1006'],
      memory: [],
    };

const log = (...a) => console.error('[bench]', ...a);
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
    results.storm = { fleet: [], acceptThenClose: [], blip: [] };
    for (const lib of Object.keys(LIBRARIES)) {
      log('fleet outage', lib);
      results.storm.fleet.push(await fleetOutage(lib, P.fleet));
      log('accept-then-close', lib);
      results.storm.acceptThenClose.push(await acceptThenClose(lib, P.atc));
      log('lone blip', lib);
      results.storm.blip.push(await loneBlip(lib, P.blip));
    }
  }
  if (want('real')) {
    results.real = [];
    for (const lib of ['closewise', 'reconnecting-websocket']) {
      for (const restart of P.restarts) {
        log('real storm', lib, restart);
        results.real.push(await realStorm(lib, { ...P.real, restart }));
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
  }
  if (r.real) {
    p();
    p('## 4. Real-socket storm');
    p();
    p(
      `${P.real.clients.toLocaleString('en')} real clients on 127.0.0.1 against a real \`ws\` server (the test suite's upstream) that restarts: either gracefully (closes everyone with 1012, then stops) or by crashing (drops every TCP connection: 1006), and is back after ${(P.real.downMs / 1000).toFixed(1)} s. Server-side handshakes per second, and time from the restart until every client is open again.`,
    );
    p();
    p('| library | restart | peak handshakes in any 1 s | all back after | median back |');
    p('| --- | --- | ---: | ---: | ---: |');
    for (const row of r.real)
      p(
        `| ${row.library} | ${row.restart} | ${row.peakHandshakesPerSecond} | ${s(row.allBackMs)} | ${s(row.medianBackMs)} |`,
      );
    p();
    p(
      "A 1012 makes closewise wait a random 5-30 s (the code's registration asks for it), so the restart is absorbed with a low, flat handshake rate at the cost of a slower return; a crash (1006) looks like a network blip to every client, and closewise retries fast.",
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
