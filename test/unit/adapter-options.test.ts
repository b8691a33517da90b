// withClosePolicy checks its options before it builds anything, as ResilientSocket does.
import { describe, expect, it } from 'vitest';
import { type ClosePolicyOptions, withClosePolicy } from '../../src/adapters/reconnecting-websocket.js';
import { tr } from '../../src/registry/advice/tr.js';
import { graphqlWs } from '../../src/registry/profiles.js';
import { FakeClock, FakeWebSocket, seededRandom } from '../support/fakes.js';

/** Enough of a reconnecting-websocket instance for the guard to attach to. */
function fakeRws() {
  return { addEventListener() {}, removeEventListener() {}, close() {}, reconnect() {} };
}

describe('withClosePolicy options', () => {
  it.each([
    [{ locale: 'tr' }, 'locale', '"tr"'],
    [{ codes: { 4001: { name: 'Kicked', action: 'stop' } } }, 'codes', 'object'],
    [{ reconnectOnNormalClose: 'no' }, 'reconnectOnNormalClose', '"no"'],
    [{ auth: {} }, 'auth.refresh', 'undefined'],
    [{ auth: { refresh: () => {}, handshakeFailures: 0 } }, 'auth.handshakeFailures', '0'],
    [{ clock: { now: () => 0 } }, 'clock', 'object'],
    [{ random: 0.5 }, 'random', '0.5'],
    [{ WebSocket: 'ws' }, 'WebSocket', '"ws"'],
  ])('%j throws a TypeError naming %s and %s, before building rws', (options, name, value) => {
    let built = 0;
    const build = () => {
      built++;
      return fakeRws();
    };
    const attempt = () => withClosePolicy(build, { WebSocket: FakeWebSocket, ...options } as ClosePolicyOptions);
    expect(attempt).toThrow(TypeError);
    expect(attempt).toThrow(`withClosePolicy: option ${name} must be`);
    expect(attempt).toThrow(value);
    expect(built).toBe(0);
  });

  it.each([
    [
      { auth: { refresh: () => {}, refersh: () => {} } },
      'withClosePolicy: unknown option "auth.refersh"; known options: refresh, handshakeFailures, loopWindowMs',
    ],
    // rws's own option, passed to the guard by mistake: it would have been ignored.
    [
      { maxRetries: 3 },
      `withClosePolicy: unknown option "maxRetries" (it is reconnecting-websocket's own option: pass it to new ReconnectingWebSocket(...)); known options:`,
    ],
    [null, 'withClosePolicy: options must be an object, got null'],
  ])('%j reads as a sentence: %s', (options, message) => {
    const attempt = () => withClosePolicy(fakeRws, options as ClosePolicyOptions);
    expect(attempt).toThrow(TypeError);
    expect(attempt).toThrow(message);
  });

  it('accepts every option with a valid value', () => {
    const guard = withClosePolicy(fakeRws, {
      WebSocket: FakeWebSocket,
      locale: tr,
      codes: [graphqlWs],
      reconnectOnNormalClose: false,
      auth: { refresh: () => {}, handshakeFailures: 2, loopWindowMs: 0 },
      clock: new FakeClock(),
      random: seededRandom(1),
    });
    expect(guard.status.state).toBe('connecting');
  });
});
