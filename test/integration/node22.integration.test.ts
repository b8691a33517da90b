// The built package in Node 22 with its built-in WebSocket (no `WebSocket` option), against real
// servers on loopback. Node 22's WebSocket differs from browsers in one way that matters here: a
// refused handshake fires `error` and never `close`.
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startUpstream } from '../../servers/upstream.mjs';
import { en } from '../../src/registry/advice/en.js';
import { node22 } from '../support/node22.js';

const NODE22 = node22();

let upstream: Awaited<ReturnType<typeof startUpstream>>;
let child: ChildProcess | undefined;

beforeAll(async () => {
  if (!existsSync('dist/index.cjs')) execFileSync('npx', ['tsdown'], { stdio: 'ignore' });
  upstream = await startUpstream();
});
afterEach(() => {
  child?.kill();
  child = undefined;
  upstream.rejectHandshakes(null);
});
afterAll(() => upstream.stop());

// The app: one socket on the global WebSocket. It reports every event as a JSON line and acts as
// an app would: retries after a policy pause, refreshes its token when asked.
const app = `
import { ResilientSocket } from 'closewise';
const out = (line) => console.log(JSON.stringify(line));
if (typeof WebSocket !== 'function') { out({ event: 'no-global-websocket' }); process.exit(1); }
let token = 'first';
const socket = new ResilientSocket(() => process.argv[1] + '/live?token=' + token, {
  // Fast backoff, and a connect timeout far beyond the test's: refused handshakes must be
  // recognised from the error alone, never by waiting for the timeout.
  backoff: { initialDelayMs: 50, maxDelayMs: 100, fleetInitialDelayMs: 50, fleetMaxDelayMs: 100 },
  connectTimeoutMs: 600000,
  auth: {
    handshakeFailures: 2,
    refresh: ({ trigger }) => { token = 'second'; out({ event: 'refresh', trigger }); },
  },
});
let opens = 0;
socket.on('open', () => {
  opens++;
  out({ event: 'open', opens });
  if (opens === 1) socket.send('forbidden');
  if (opens === 3) socket.send('hello');
});
socket.on('close', (c) => out({ event: 'close', code: c.code, action: c.action, phase: c.phase, initiator: c.initiator, scope: c.scope }));
socket.on('policy', (e) => { out({ event: 'policy', kind: e.kind, howToFix: e.advice.howToFix }); e.retry(); });
// close() from a listener takes effect once this event is out: exit when its 'stopped' has come.
socket.on('message', (data) => { out({ event: 'message', data: String(data) }); socket.close(); });
socket.on('stopped', (e) => { out({ event: 'stopped', reason: e.reason }); if (e.reason === 'closed') process.exit(0); });
setTimeout(() => { out({ event: 'timed-out' }); process.exit(1); }, 20000).unref();
`;

type Line = Record<string, string | number>;

describe.runIf(NODE22)('Node 22, built-in WebSocket', () => {
  it('loads ESM by name; 1008 pauses, 1014 reconnects, refused handshakes call the auth hook', async () => {
    const lines: Line[] = [];
    child = spawn(NODE22 as string, ['--input-type=module', '-e', app, upstream.url], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stderr: string[] = [];
    child.stderr?.on('data', (d) => stderr.push(String(d)));
    const exited = new Promise<number | null>((resolve) => child?.on('exit', (code) => resolve(code)));
    for await (const text of createInterface({ input: child.stdout as NodeJS.ReadableStream })) {
      const line = JSON.parse(text) as Line;
      lines.push(line);
      // The second connection is up: the upstream fails and the gateway now refuses handshakes.
      if (line.event === 'open' && line.opens === 2) {
        upstream.rejectHandshakes(401);
        upstream.closeAll(1014, 'upstream down');
      }
      if (line.event === 'refresh') upstream.rejectHandshakes(null);
    }
    expect(await exited, stderr.join('')).toBe(0);

    const events = lines.map((l) => l.event);
    expect(events.slice(0, 4)).toEqual(['open', 'close', 'policy', 'open']);
    expect(lines[1]).toMatchObject({ code: 1008, action: 'policy', phase: 'open', initiator: 'server' });
    expect(lines[2]).toMatchObject({ kind: 'other', howToFix: en.codes[1008]?.howToFix });
    expect(lines[4]).toMatchObject({ event: 'close', code: 1014, action: 'reconnect', scope: 'fleet' });
    // Two refused handshakes, each reported as the 1006 a browser gives, then one refresh.
    const refused = lines.filter((l) => l.event === 'close' && l.phase === 'handshake');
    expect(refused).toHaveLength(2);
    for (const r of refused) expect(r).toMatchObject({ code: 1006, initiator: 'server', action: 'reconnect' });
    expect(lines.filter((l) => l.event === 'refresh')).toEqual([{ event: 'refresh', trigger: 'handshake' }]);
    // Back with the new token, the echo arrives; the app's own close() is the only stop.
    expect(lines.slice(-3)).toEqual([
      { event: 'open', opens: 3 },
      { event: 'message', data: 'hello' },
      { event: 'stopped', reason: 'closed' },
    ]);
    expect(events.filter((e) => e === 'stopped')).toHaveLength(1);
    // Three accepted connections, the last with the refreshed token.
    expect(upstream.connections.map((c) => c.token)).toEqual(['first', 'first', 'second']);
  }, 30_000);

  it('the reconnecting-websocket adapter: a refused handshake is 1006, a 1008 stops rws', async () => {
    const code = `
      import ReconnectingWebSocket from 'reconnecting-websocket';
      import { withClosePolicy } from 'closewise/reconnecting-websocket';
      const out = (line) => console.log(JSON.stringify(line));
      const guard = withClosePolicy(
        (WebSocket) => new ReconnectingWebSocket(process.argv[1], [], { WebSocket, minReconnectionDelay: 100, maxReconnectionDelay: 200 }),
      );
      guard.on('close', (c) => out({ event: 'close', code: c.code, phase: c.phase, action: c.action }));
      guard.on('open', () => { out({ event: 'open' }); guard.rws.send('forbidden'); });
      guard.on('policy', (e) => {
        out({ event: 'policy', kind: e.kind, state: guard.status.state });
        // Long enough for a looping client to have come back several times.
        setTimeout(() => { guard.close(); process.exit(0); }, 1500);
      });
      setTimeout(() => { out({ event: 'timed-out' }); process.exit(1); }, 20000).unref();
    `;
    upstream.rejectHandshakes(401);
    const accepted = upstream.connections.length;
    const lines: Line[] = [];
    child = spawn(NODE22 as string, ['--input-type=module', '-e', code, upstream.url], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child?.on('exit', (c) => resolve(c)));
    for await (const text of createInterface({ input: child.stdout as NodeJS.ReadableStream })) {
      const line = JSON.parse(text) as Line;
      lines.push(line);
      if (line.event === 'close' && lines.length === 1) upstream.rejectHandshakes(null);
    }
    expect(await exited).toBe(0);
    // rws 4.4.0 alone reports this refusal as a made-up 1000; the guard gives the real 1006.
    expect(lines[0]).toMatchObject({ event: 'close', code: 1006, phase: 'handshake', action: 'reconnect' });
    expect(lines.slice(-3)).toEqual([
      { event: 'open' },
      { event: 'close', code: 1008, phase: 'open', action: 'policy' },
      { event: 'policy', kind: 'other', state: 'paused' },
    ]);
    // One accepted connection: rws did not loop on the 1008.
    expect(upstream.connections.length - accepted).toBe(1);
  }, 30_000);

  it('loads CJS by name and classifies a real close', async () => {
    const code = `
      const { ResilientSocket } = require('closewise');
      const socket = new ResilientSocket(process.argv[1], { lifecycle: false });
      socket.on('open', () => socket.send('forbidden'));
      socket.on('close', (c) => { console.log(JSON.stringify({ code: c.code, name: c.name, action: c.action })); socket.close(); });
      setTimeout(() => process.exit(1), 5000).unref();
    `;
    const { stdout } = await promisify(execFile)(NODE22 as string, ['-e', code, upstream.url], {
      encoding: 'utf8',
      timeout: 15_000,
    });
    expect(JSON.parse(stdout.trim().split('\n')[0] as string)).toEqual({
      code: 1008,
      name: 'Policy Violation',
      action: 'policy',
    });
  });
});
