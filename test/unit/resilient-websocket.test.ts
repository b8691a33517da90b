// The WebSocket surface of ResilientWebSocket: code written for WebSocket / reconnecting-websocket
// runs with only the constructor changed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ResilientWebSocket, type ResilientWebSocketEventMap } from '../../src/index.js';
import { FakeClock, FakeWebSocket, seededRandom } from '../support/fakes.js';

let clock: FakeClock;
let sockets: ResilientWebSocket[] = [];

function make() {
  const ws = new ResilientWebSocket('ws://test/live', {
    WebSocket: FakeWebSocket,
    clock,
    random: seededRandom(1),
    lifecycle: false,
  });
  sockets.push(ws);
  return ws;
}

beforeEach(() => {
  clock = new FakeClock();
  FakeWebSocket.reset();
  sockets = [];
});
afterEach(() => {
  for (const s of sockets) s.close();
});

describe('ResilientWebSocket', () => {
  it('has the instance constants and readyState a WebSocket has', () => {
    const ws = make();
    expect([ws.CONNECTING, ws.OPEN, ws.CLOSING, ws.CLOSED]).toEqual([0, 1, 2, 3]);
    expect(ws.readyState).toBe(ws.CONNECTING);
    FakeWebSocket.last.serverOpen();
    expect(ws.readyState === ws.OPEN).toBe(true);
    expect(ws.extensions).toBe('');
  });

  it('onopen / onmessage / onclose / onerror get DOM-shaped events, on every connection', () => {
    const ws = make();
    const seen: string[] = [];
    ws.onopen = (e) => seen.push(`open:${e.target === ws}`);
    ws.onmessage = (e) => seen.push(`message:${String(e.data)}`);
    ws.onclose = (e) => seen.push(`close:${e.code}:${e.reason}:${e.wasClean}:${e.classification.action}`);
    ws.onerror = (e) => seen.push(`error:${e.error.kind}`);
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.serverMessage('hi');
    FakeWebSocket.last.serverClose(1014, 'bad gateway');
    clock.runNext();
    FakeWebSocket.last.drop();
    expect(seen).toEqual([
      'open:true',
      'message:hi',
      'close:1014:bad gateway:true:reconnect',
      'error:socket',
      'close:1006::false:reconnect',
    ]);
  });

  it('addEventListener / removeEventListener, with handleEvent objects, once, and no duplicates', () => {
    const ws = make();
    const codes: number[] = [];
    const listener = (e: ResilientWebSocketEventMap['close']) => codes.push(e.code);
    ws.addEventListener('close', listener);
    ws.addEventListener('close', listener); // added once, as on an EventTarget
    const onceCodes: number[] = [];
    ws.addEventListener('close', (e) => onceCodes.push(e.code), { once: true });
    const data: unknown[] = [];
    const object = { handleEvent: (e: ResilientWebSocketEventMap['message']) => data.push(e.data) };
    ws.addEventListener('message', object);
    FakeWebSocket.last.serverOpen();
    FakeWebSocket.last.serverMessage('a');
    FakeWebSocket.last.serverClose(1011);
    clock.runNext();
    FakeWebSocket.last.serverOpen();
    ws.removeEventListener('message', object);
    FakeWebSocket.last.serverMessage('b');
    ws.removeEventListener('close', listener);
    FakeWebSocket.last.serverClose(1011);
    expect(codes).toEqual([1011]);
    expect(onceCodes).toEqual([1011]);
    expect(data).toEqual(['a']);
  });

  it('an on* handler runs where it was first set among the listeners, as on a WebSocket', () => {
    const ws = make();
    const order: string[] = [];
    ws.addEventListener('open', () => order.push('before'));
    ws.onopen = () => order.push('first handler');
    ws.addEventListener('open', () => order.push('after'));
    ws.onopen = () => order.push('second handler'); // replaces it, in the same place
    FakeWebSocket.last.serverOpen();
    expect(order).toEqual(['before', 'second handler', 'after']);
    ws.onopen = null;
    FakeWebSocket.last.serverClose(1011);
    clock.runNext();
    FakeWebSocket.last.serverOpen();
    expect(order).toEqual(['before', 'second handler', 'after', 'before', 'after']);
  });

  it('listeners attached right after the constructor still see its first events', async () => {
    const ws = new ResilientWebSocket(
      () => {
        throw new Error('no token yet');
      },
      { WebSocket: FakeWebSocket, clock, lifecycle: false },
    );
    sockets.push(ws);
    const errors: string[] = [];
    ws.onerror = (e) => errors.push(e.error.kind);
    await Promise.resolve();
    expect(errors).toEqual(['url']);
  });
});
