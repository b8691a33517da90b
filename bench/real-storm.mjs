// 1,000 real clients on loopback against a real `ws` server that restarts: peak handshakes per
// second at the server and time until every client is back. Uses the test suite's upstream.
import ReconnectingWebSocket from 'reconnecting-websocket';
import { WebSocket } from 'ws';
import { ResilientSocket } from '../dist/index.js';
import { startUpstream } from '../servers/upstream.mjs';
import { peakPerSecond, percentile } from './storm.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const CLIENTS = {
  closewise: (url) => {
    const s = new ResilientSocket(url, { WebSocket, lifecycle: false });
    return { isOpen: () => s.status.state === 'open', close: () => s.close() };
  },
  'reconnecting-websocket': (url) => {
    // rws draws its default minReconnectionDelay (1000 + random * 4000) once per module load: in
    // one Node process all 1,000 clients would share one draw, where 1,000 pages would each have
    // their own. Each client gets its own draw, as in bench/libraries.mjs.
    const s = new ReconnectingWebSocket(url, [], { WebSocket, minReconnectionDelay: 1000 + Math.random() * 4000 });
    s.addEventListener('error', () => {});
    return { isOpen: () => s.readyState === 1, close: () => s.close() };
  },
};

/**
 * @param {'closewise' | 'reconnecting-websocket'} library
 * @param {{ clients?: number, restart?: 'graceful-1012' | 'crash-1006', downMs?: number, limitMs?: number, warmupMs?: number }} options
 */
export async function realStorm(
  library,
  { clients = 1000, restart = 'graceful-1012', downMs = 2000, limitMs = 90_000, warmupMs = 6000 } = {},
) {
  let up = await startUpstream();
  const port = up.port;
  const make = CLIENTS[library];
  const list = [];
  for (let i = 0; i < clients; i++) list.push(make(`${up.url}/c${i}`));
  const deadline = Date.now() + 30_000;
  while (list.some((c) => !c.isOpen()) && Date.now() < deadline) await sleep(50);
  await sleep(warmupMs); // past every library's minimum uptime, so backoff is reset
  const before = up.connections.length;

  const t0 = Date.now();
  if (restart === 'graceful-1012') up.closeAll(1012, 'service restart');
  await up.stop();
  await sleep(downMs);
  up = await startUpstream({ port });
  const upAt = Date.now();
  let allBackAt;
  while (Date.now() - t0 < limitMs) {
    if (list.every((c) => c.isOpen())) {
      allBackAt = Date.now();
      break;
    }
    await sleep(20);
  }
  const handshakes = up.connections.map((c) => c.openedAt);
  const backTimes = handshakes.map((t) => t - t0);
  for (const c of list) c.close();
  await sleep(200);
  await up.stop();
  return {
    library,
    clients,
    restart,
    connectedBefore: before,
    peakHandshakesPerSecond: peakPerSecond(handshakes),
    handshakesAfterRestart: handshakes.length,
    downMs,
    allBackMs: allBackAt === undefined ? null : allBackAt - t0,
    // From the moment the server listens again: what the clients' backoff adds to the outage.
    allBackAfterRecoveryMs: allBackAt === undefined ? null : allBackAt - upAt,
    p99BackAfterRecoveryMs: percentile(
      handshakes.map((t) => t - upAt),
      99,
    ),
    medianBackMs: percentile(backTimes, 50),
  };
}
