// Type-level tests: what a user's strict TypeScript project accepts and rejects. `npm test`'s
// typecheck fails if any of these stops holding; the runtime part only keeps vitest honest.
import ReconnectingWebSocket from 'reconnecting-websocket';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { WebSocket as WsWebSocket } from 'ws';
import { withClosePolicy } from '../../src/adapters/reconnecting-websocket.js';
import {
  type CloseClassification,
  type DroppedMessage,
  type PolicyEvent,
  ResilientSocket,
  type ResilientSocketEvents,
  type SendResult,
  type SocketStatus,
  type StoppedEvent,
  type WebSocketConstructor,
  type WebSocketLike,
} from '../../src/index.js';
import { type ClosewiseStatusElement, defineStatusElement } from '../../src/ui/index.js';

// Never called: these only have to compile (or, under @ts-expect-error, not compile).
function compilesOnly(): void {
  // ws's class, the DOM's (and Node 22's global) WebSocket: no cast.
  new ResilientSocket('wss://example.com/live', { WebSocket: WsWebSocket });
  new ResilientSocket('wss://example.com/live', { WebSocket: globalThis.WebSocket });
  const native: WebSocketLike = new globalThis.WebSocket('wss://example.com/live');
  const fromWs: WebSocketLike = new WsWebSocket('wss://example.com/live');
  withClosePolicy((WebSocket) => new ReconnectingWebSocket('wss://example.com/live', [], { WebSocket }), {
    WebSocket: WsWebSocket,
  });
  // A class that is not a WebSocket is still refused.
  // @ts-expect-error: no send/close/readyState
  new ResilientSocket('wss://example.com/live', { WebSocket: class NotASocket {} });
  // @ts-expect-error: Map is not a WebSocket
  new ResilientSocket('wss://example.com/live', { WebSocket: Map });
  // The custom element is in HTMLElementTagNameMap: no cast to set its socket.
  const el = document.createElement('closewise-status');
  el.socket = new ResilientSocket('wss://example.com/live');
  expectTypeOf(document.querySelector('closewise-status')).toEqualTypeOf<ClosewiseStatusElement | null>();
  void [native, fromWs];
}

describe('types a strict project relies on', () => {
  it('accepts ws, the DOM WebSocket and a WebSocketLike without casts', () => {
    expectTypeOf(WsWebSocket).toExtend<WebSocketConstructor>();
    expectTypeOf(globalThis.WebSocket).toExtend<WebSocketConstructor>();
    expectTypeOf<typeof Map>().not.toExtend<WebSocketConstructor>();
    expect(typeof compilesOnly).toBe('function');
  });

  it('defineStatusElement() is a no-op where there is no customElements (SSR, Node)', () => {
    expect('customElements' in globalThis).toBe(false);
    expect(() => defineStatusElement()).not.toThrow();
  });

  it('pins the event payloads', () => {
    type Payload<K extends keyof ResilientSocketEvents> = Parameters<ResilientSocketEvents[K]>[0];
    expectTypeOf<Payload<'close'>>().toEqualTypeOf<CloseClassification>();
    expectTypeOf<Payload<'state'>>().toEqualTypeOf<SocketStatus>();
    expectTypeOf<Payload<'policy'>>().toEqualTypeOf<PolicyEvent>();
    expectTypeOf<Payload<'stopped'>>().toEqualTypeOf<StoppedEvent>();
    expectTypeOf<Payload<'drop'>>().toEqualTypeOf<DroppedMessage>();
    expectTypeOf<DroppedMessage['reason']>().toEqualTypeOf<
      'overflow' | 'too-large' | 'closed' | 'stopped' | 'unsent'
    >();
    expectTypeOf<ResilientSocket['send']>().returns.toEqualTypeOf<SendResult>();
  });
});
