import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyClose } from '../../src/policy/classify.js';
import { MAX_HINT_MS, parseReasonHints } from '../../src/policy/hints.js';
import { tr } from '../../src/registry/advice/tr.js';
import { describeClose } from '../../src/registry/describe.js';
import { centrifugo, discord, discordVoice, graphqlWs, pusher } from '../../src/registry/profiles.js';

describe('classifyClose: defaults', () => {
  it('a client-initiated close needs nothing, whatever the code', () => {
    for (const code of [1000, 1006, 1008, 4000]) {
      expect(classifyClose({ code }, { initiator: 'client' }).action).toBe('none');
    }
  });

  it('a server-initiated 1000 or 1005 reconnects unless told otherwise', () => {
    expect(classifyClose({ code: 1000 }).action).toBe('reconnect');
    expect(classifyClose({ code: 1005 }).action).toBe('reconnect');
    expect(classifyClose({ code: 1000 }, { reconnectOnNormalClose: false }).action).toBe('none');
    expect(classifyClose({ code: 1005 }, { reconnectOnNormalClose: false }).action).toBe('none');
  });

  it('keeps the real code, reason, cleanliness, phase and initiator', () => {
    const c = classifyClose({ code: 1006, reason: '', wasClean: false }, { phase: 'handshake', initiator: 'server' });
    expect(c).toMatchObject({ code: 1006, reason: '', wasClean: false, phase: 'handshake', initiator: 'server' });
    expect(c.name).toBe('Abnormal Closure');
  });

  it('marks codes that hit a whole fleet of clients, only when the server sent them', () => {
    for (const code of [1000, 1001, 1005, 1011, 1012, 1013, 1014])
      expect(classifyClose({ code }).scope, String(code)).toBe('fleet');
    for (const code of [1006, 1002, 1008, 4000, 3008])
      expect(classifyClose({ code }).scope, String(code)).toBe('client');
    expect(classifyClose({ code: 1014 }, { initiator: 'heartbeat' }).scope).toBe('client');
  });

  it('locally abandoned sockets (timeout, heartbeat, offline) reconnect', () => {
    for (const initiator of ['timeout', 'heartbeat', 'offline'] as const) {
      expect(classifyClose({ code: 1006 }, { initiator }).action).toBe('reconnect');
    }
  });

  it.each([
    [1003, 'stop'],
    [1007, 'stop'],
    [1009, 'stop'],
    [1010, 'stop'],
    [1012, 'reconnect-later'],
    [1013, 'slow-down'],
    [1014, 'reconnect'],
    [3003, 'stop'],
  ] as const)('server close %i -> %s', (code, action) => {
    expect(classifyClose({ code }).action).toBe(action);
  });

  it('1002 reconnects a few times and then stops', () => {
    expect(classifyClose({ code: 1002 }, { repeats: 2 }).action).toBe('reconnect');
    const c = classifyClose({ code: 1002 }, { repeats: 3 });
    expect(c.action).toBe('stop');
    expect(c.escalated).toBe(true);
  });

  it('unknown private codes reconnect, capped by repeats; trusted codes never escalate', () => {
    expect(classifyClose({ code: 4444 }, { repeats: 4 }).action).toBe('reconnect');
    expect(classifyClose({ code: 4444 }, { repeats: 5 }).action).toBe('stop');
    expect(classifyClose({ code: 1014 }, { repeats: 1000 }).action).toBe('reconnect');
    expect(classifyClose({ code: 4408 }, { codes: graphqlWs, repeats: 1000 }).action).toBe('reconnect');
  });
});

describe('classifyClose: policy closes', () => {
  it.each([
    ['token expired', 'auth'],
    ['Unauthorized', 'auth'],
    ['JWT expired at 12:00', 'auth'],
    ['rate limit exceeded', 'rate-limit'],
    ['Too many messages', 'rate-limit'],
    ['slow down', 'rate-limit'],
    ['retry-after=2', 'rate-limit'],
    ['forbidden content', 'other'],
    ['', 'other'],
  ] as const)('1008 %j -> %s', (reason, kind) => {
    const c = classifyClose({ code: 1008, reason });
    expect(c.action).toBe('policy');
    expect(c.policyKind).toBe(kind);
  });

  it('a rate-limit 1008 carries its retry-after; an auth 1008 does not', () => {
    expect(classifyClose({ code: 1008, reason: 'rate limit; retry-after=2' }).retryAfterMs).toBe(2000);
    expect(classifyClose({ code: 1008, reason: 'token expired retry-after=2' }).retryAfterMs).toBeUndefined();
  });

  it('3000 is an auth policy close; profile codes keep their own kind', () => {
    expect(classifyClose({ code: 3000 }).policyKind).toBe('auth');
    // graphql-ws: 4403 is the auth rejection (onConnect returned false); 4401 is a client bug.
    expect(classifyClose({ code: 4403, reason: 'Forbidden' }, { codes: graphqlWs })).toMatchObject({
      action: 'policy',
      policyKind: 'auth',
    });
    const early = classifyClose({ code: 4401, reason: 'Unauthorized' }, { codes: graphqlWs });
    expect(early.action).toBe('stop');
    expect(early.policyKind).toBeUndefined();
  });

  it('{"reconnect": false} stops any retrying action', () => {
    expect(classifyClose({ code: 1014, reason: '{"reconnect": false}' }).action).toBe('stop');
    expect(classifyClose({ code: 1008, reason: '{"reconnect":false}' }).action).toBe('stop');
    expect(classifyClose({ code: 1014, reason: '{"reconnect": true}' }).action).toBe('reconnect');
  });

  it('applies retry hints only to actions that retry', () => {
    expect(classifyClose({ code: 1013, reason: 'retry-after=60' }).retryAfterMs).toBe(60_000);
    expect(classifyClose({ code: 1012, reason: '{"retryAfter": 7}' }).retryAfterMs).toBe(7000);
    expect(classifyClose({ code: 1003, reason: 'retry-after=60' }).retryAfterMs).toBeUndefined();
    expect(
      classifyClose({ code: 1014, reason: 'retry-after=5' }, { initiator: 'client' }).retryAfterMs,
    ).toBeUndefined();
  });
});

describe('classifyClose: profiles and app codes', () => {
  it('uses the profile name and action', () => {
    expect(classifyClose({ code: 4100 }, { codes: pusher })).toMatchObject({
      name: 'Over Capacity',
      action: 'slow-down',
      source: 'pusher',
    });
    expect(classifyClose({ code: 4004 }, { codes: [discord] })).toMatchObject({ action: 'stop', source: 'discord' });
    // The voice gateway's 4006 is not the main gateway's (unused) 4006; 4014 means "do not reconnect".
    expect(classifyClose({ code: 4014 }, { codes: [discordVoice] })).toMatchObject({
      name: 'Disconnected',
      action: 'stop',
      source: 'discord-voice',
    });
    expect(classifyClose({ code: 4015 }, { codes: [discordVoice] }).action).toBe('reconnect');
    // A Centrifugo app's own 4500-4999 are terminal; its 4000-4499 reconnect.
    expect(classifyClose({ code: 4600 }, { codes: [centrifugo] }).action).toBe('stop');
    expect(classifyClose({ code: 4100 }, { codes: [centrifugo] }).action).toBe('reconnect');
  });

  it('an app code can never redefine 1000-2999, even through a hand-built map', () => {
    const forged = { id: 'evil', codes: { 1014: { name: 'Mine', action: 'stop' as const } }, ranges: [] };
    expect(classifyClose({ code: 1014 }, { codes: forged })).toMatchObject({
      name: 'Bad Gateway',
      action: 'reconnect',
    });
  });

  it('rejects invalid codes and inputs with clear errors', () => {
    expect(() => classifyClose({ code: 1.5 })).toThrow(RangeError);
    expect(() => classifyClose({ code: 70000 })).toThrow('70000');
    expect(() => classifyClose(null as never)).toThrow(TypeError);
  });

  it.each([
    ['a misspelt initiator', { initiator: 'Server' }, 'ctx.initiator must be one of client, server', '"Server"'],
    ['an unknown phase', { phase: 'opened' }, 'ctx.phase must be one of handshake, open', '"opened"'],
    ['negative repeats', { repeats: -1 }, 'ctx.repeats must be an integer >= 0', '-1'],
    ['fractional repeats', { repeats: 1.5 }, 'ctx.repeats must be an integer >= 0', '1.5'],
    [
      'a string flag',
      { reconnectOnNormalClose: 'false' },
      'ctx.reconnectOnNormalClose must be one of true, false',
      '"false"',
    ],
    ['no object at all', 'server', 'ctx must be an object', '"server"'],
  ])('refuses %s in the context with a TypeError naming it', (_, ctx, what, shown) => {
    const classify = () => classifyClose({ code: 1000 }, ctx as never);
    expect(classify).toThrow(TypeError);
    expect(classify).toThrow(`classifyClose: ${what}`);
    expect(classify).toThrow(shown);
  });
});

describe('parseReasonHints on adversarial reasons', () => {
  it.each([
    ['retry-after=30', 30_000],
    ['slow down. Retry-After: 2', 2000],
    ['retry_after=1.5', 1500],
    ['{"retryAfter": 3}', 3000],
    ['{"retry_after_ms": 250}', 250],
    ['{"retryAfterMs": 250, "retryAfter": 99}', 250],
    ['retry-after=99999999', MAX_HINT_MS],
    ['{"retryAfter": 1e308}', MAX_HINT_MS],
  ])('%j -> %i ms', (reason, ms) => {
    expect(parseReasonHints(reason).retryAfterMs).toBe(ms);
  });

  it.each([
    '{"retryAfter": -5}',
    '{"retryAfter": "5"}',
    '{"retryAfter": null}',
    '{"__proto__": {"retryAfter": 5}}',
    '{"constructor": {"retryAfter": 5}}',
    '{"retryAfter": 5',
    '[{"retryAfter": 5}]',
    'retry-after=-1',
    'retry-after=abc',
    '\u0000\uffff\ud800',
    `{${'"a":{'.repeat(5000)}`,
    'retry-after='.repeat(200),
  ])('%j gives no retry hint and does not throw', (reason) => {
    expect(parseReasonHints(reason).retryAfterMs).toBeUndefined();
  });

  it('does not pollute prototypes', () => {
    parseReasonHints('{"__proto__": {"polluted": true}}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('ignores non-strings and hints beyond the scan limit', () => {
    expect(parseReasonHints(undefined)).toEqual({});
    expect(parseReasonHints(42)).toEqual({});
    expect(parseReasonHints(`${' '.repeat(2000)}retry-after=5`).retryAfterMs).toBeUndefined();
  });

  it('reads a reconnect flag only from JSON booleans', () => {
    expect(parseReasonHints('{"reconnect": false}').reconnect).toBe(false);
    expect(parseReasonHints('{"reconnect": "false"}').reconnect).toBeUndefined();
  });
});

describe('properties', () => {
  it('every integer 0-65535 classifies and describes in both locales without throwing', () => {
    for (let code = 0; code <= 65535; code++) {
      const c = classifyClose({ code });
      if (c.code !== code || !c.name) throw new Error(`bad classification for ${code}`);
      if (!describeClose(code).howToFix || !describeClose(code, tr).howToFix) throw new Error(`no advice for ${code}`);
    }
  });

  it('any code, reason and context classify without throwing, with hints clamped', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 65535 }),
        fc.oneof(fc.string({ maxLength: 300 }), fc.json(), fc.constant('retry-after=1e9')),
        fc.constantFrom('client', 'server', 'timeout', 'heartbeat', 'offline'),
        fc.nat({ max: 100 }),
        (code, reason, initiator, repeats) => {
          const c = classifyClose({ code, reason, wasClean: true }, { initiator, repeats, codes: [graphqlWs, pusher] });
          expect(c.code).toBe(code);
          expect(c.reason).toBe(reason);
          if (c.retryAfterMs !== undefined) {
            expect(c.retryAfterMs).toBeGreaterThanOrEqual(0);
            expect(c.retryAfterMs).toBeLessThanOrEqual(MAX_HINT_MS);
          }
          if (initiator === 'client') expect(c.action).toBe('none');
          expect(c.action === 'policy').toBe(c.policyKind !== undefined);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
