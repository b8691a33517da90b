// Send-path overhead: messages per second through ResilientSocket vs a raw `ws` client, to a
// loopback `ws` server. The server acknowledges every batch, so both clients do the same work.
import { WebSocket, WebSocketServer } from 'ws';
import { ResilientSocket } from '../dist/index.js';

const BATCH = 1000;

async function server() {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((r) => wss.once('listening', r));
  wss.on('connection', (ws) => {
    let n = 0;
    ws.on('message', () => {
      if (++n % BATCH === 0) ws.send(String(n));
    });
  });
  return { url: `ws://127.0.0.1:${wss.address().port}`, close: () => new Promise((r) => wss.close(r)) };
}

async function measure(send, nextAck, messages, payload) {
  const started = process.hrtime.bigint();
  for (let sent = 0; sent < messages; sent += BATCH) {
    for (let i = 0; i < BATCH; i++) send(payload);
    await nextAck();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return messages / seconds;
}

function ackQueue() {
  const waiting = [];
  let ready = 0;
  return {
    push() {
      const w = waiting.shift();
      if (w) w();
      else ready++;
    },
    next() {
      if (ready === 0) return new Promise((r) => waiting.push(r));
      ready--;
      return Promise.resolve();
    },
  };
}

async function raw(url, messages, payload) {
  const ws = new WebSocket(url);
  await new Promise((r) => ws.once('open', r));
  const acks = ackQueue();
  ws.on('message', () => acks.push());
  const rate = await measure((d) => ws.send(d), acks.next, messages, payload);
  ws.close();
  return rate;
}

async function closewise(url, messages, payload) {
  const socket = new ResilientSocket(url, { WebSocket, lifecycle: false });
  await new Promise((r) => socket.once('open', r));
  const acks = ackQueue();
  socket.on('message', () => acks.push());
  const rate = await measure((d) => socket.send(d), acks.next, messages, payload);
  socket.close();
  return rate;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function sendOverhead({ messages = 100_000, rounds = 5, sizes = [32, 16 * 1024] } = {}) {
  const srv = await server();
  const results = [];
  try {
    for (const size of sizes) {
      const payload = 'x'.repeat(size);
      const rawRates = [];
      const cwRates = [];
      await raw(srv.url, BATCH * 2, payload); // warm up both paths
      await closewise(srv.url, BATCH * 2, payload);
      for (let r = 0; r < rounds; r++) {
        // Alternate the order so neither always runs on a warmer machine.
        if (r % 2 === 0) {
          rawRates.push(await raw(srv.url, messages, payload));
          cwRates.push(await closewise(srv.url, messages, payload));
        } else {
          cwRates.push(await closewise(srv.url, messages, payload));
          rawRates.push(await raw(srv.url, messages, payload));
        }
      }
      results.push({
        size,
        messages,
        rounds,
        raw: median(rawRates),
        closewise: median(cwRates),
        ratio: median(cwRates) / median(rawRates),
      });
    }
  } finally {
    await srv.close();
  }
  return results;
}
