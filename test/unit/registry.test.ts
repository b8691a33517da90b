import { describe, expect, it } from 'vitest';
import { tr } from '../../src/registry/advice/tr.js';
import {
  adviceFor,
  asCodeMaps,
  CODE_RANGES,
  centrifugo,
  compareCodes,
  defineCodes,
  describeClose,
  discord,
  en,
  enPolicy,
  graphqlWs,
  lookupCode,
  NAMED_CODES,
  pusher,
  rangeOf,
  resolveDefinition,
} from '../../src/registry/index.js';
import type { AdviceText, CodeMap, CodeRange, Locale } from '../../src/registry/types.js';

const LOCALES: readonly Locale[] = [en, tr];
const PLACEHOLDER = /\b(todo|tbd|fixme|lorem|xxx)\b|\.\.\.$/i;

const IANA_NAMES: ReadonlyArray<[number, string]> = [
  [1000, 'Normal Closure'],
  [1001, 'Going Away'],
  [1002, 'Protocol Error'],
  [1003, 'Unsupported Data'],
  [1004, 'Reserved'],
  [1005, 'No Status Received'],
  [1006, 'Abnormal Closure'],
  [1007, 'Invalid Frame Payload Data'],
  [1008, 'Policy Violation'],
  [1009, 'Message Too Big'],
  [1010, 'Mandatory Extension'],
  [1011, 'Internal Error'],
  [1012, 'Service Restart'],
  [1013, 'Try Again Later'],
  [1014, 'Bad Gateway'],
  [1015, 'TLS Handshake'],
  [3000, 'Unauthorized'],
  [3003, 'Forbidden'],
  [3008, 'Timeout'],
];

// A representative code inside each range, for range-level advice.
const RANGE_SAMPLES: ReadonlyArray<[CodeRange, number[]]> = [
  ['invalid-low', [0, 1, 999]],
  ['standard', [1000, 1015]],
  ['unassigned', [1016, 2000, 2999]],
  ['registered', [3001, 3500, 3999]],
  ['private', [4000, 4401, 4999]],
  ['invalid-high', [5000, 12345, 65535]],
];

function expectRealText(text: AdviceText, where: string): void {
  for (const field of ['description', 'whenYouSee', 'howToFix'] as const) {
    const value = text[field];
    expect(value, `${where}.${field}`).toBeTypeOf('string');
    expect(value.trim().length, `${where}.${field} is too short`).toBeGreaterThan(20);
    expect(value, `${where}.${field} looks like a placeholder`).not.toMatch(PLACEHOLDER);
  }
}

describe('registry: names and ranges', () => {
  it.each(IANA_NAMES)('%i is named %s', (code, name) => {
    expect(lookupCode(code).name).toBe(name);
    expect(describeClose(code).name).toBe(name);
  });

  it.each(RANGE_SAMPLES)('codes in %s resolve to that range', (range, codes) => {
    for (const code of codes) expect(rangeOf(code)).toBe(range);
  });

  it('lists every named code exactly once', () => {
    expect(NAMED_CODES).toEqual(IANA_NAMES.map(([code]) => code));
  });

  it('knows which codes may go on the wire and which a script may send', () => {
    const never = [1004, 1005, 1006, 1015, 0, 999, 1016, 2999, 5000, 65535];
    for (const code of never) expect(lookupCode(code).sendable, String(code)).toBe(false);
    for (const code of [1000, 1001, 1008, 1011, 1014, 3000, 4000, 4999]) {
      expect(lookupCode(code).sendable, String(code)).toBe(true);
    }
    expect(lookupCode(1000).scriptSendable).toBe(true);
    expect(lookupCode(3000).scriptSendable).toBe(true);
    expect(lookupCode(4999).scriptSendable).toBe(true);
    for (const code of [1001, 1008, 1014, 2999, 5000])
      expect(lookupCode(code).scriptSendable, String(code)).toBe(false);
  });
});

describe('registry: default actions', () => {
  it.each([
    [1000, 'reconnect'],
    [1001, 'reconnect'],
    [1002, 'reconnect'],
    [1003, 'stop'],
    [1005, 'reconnect'],
    [1006, 'reconnect'],
    [1007, 'stop'],
    [1008, 'policy'],
    [1009, 'stop'],
    [1010, 'stop'],
    [1011, 'reconnect'],
    [1012, 'reconnect-later'],
    [1013, 'slow-down'],
    [1014, 'reconnect'],
    [1015, 'reconnect'],
    [3000, 'policy'],
    [3003, 'stop'],
    [3008, 'reconnect'],
    [3333, 'reconnect'],
    [4444, 'reconnect'],
    [999, 'reconnect'],
    [5000, 'reconnect'],
  ] as const)('%i defaults to %s', (code, action) => {
    expect(lookupCode(code).action).toBe(action);
  });

  it('caps repeats of codes it does not trust, and only those', () => {
    expect(lookupCode(1002).maxRepeats).toBe(3);
    for (const code of [1004, 2000, 3333, 4444, 0, 5000])
      expect(lookupCode(code).maxRepeats, String(code)).toBeGreaterThan(0);
    for (const code of [1001, 1006, 1011, 1014]) expect(lookupCode(code).maxRepeats, String(code)).toBeUndefined();
  });
});

describe.each(LOCALES)('advice in $id', (locale) => {
  it.each(NAMED_CODES)('code %i has complete advice of its own', (code) => {
    const own = locale.codes[code];
    expect(own, `locale ${locale.id} lacks ${code}`).toBeDefined();
    expectRealText(own as AdviceText, `${locale.id}.${code}`);
    const d = describeClose(code, locale);
    expect(d.locale).toBe(locale.id);
    expect(d.description).toBe(own?.description);
  });

  it.each(CODE_RANGES)('range %s has complete advice', (range) => {
    expectRealText(locale.ranges[range], `${locale.id}.ranges.${range}`);
  });

  it.each(RANGE_SAMPLES)('an unnamed code in %s is described with its range advice', (range, codes) => {
    for (const code of codes.filter((c) => !NAMED_CODES.includes(c))) {
      const d = describeClose(code, locale);
      expect(d.range).toBe(range);
      expect(d.howToFix).toBe(locale.ranges[range].howToFix);
    }
  });

  it('labels every action, range, policy kind and heading', () => {
    for (const value of [
      ...Object.values(locale.labels.actions),
      ...Object.values(locale.labels.ranges),
      ...Object.values(locale.labels.policyKinds),
      ...Object.values(locale.labels.headings),
      ...Object.values(locale.labels.compare),
    ]) {
      expect(value.trim()).not.toBe('');
    }
  });
});

describe('advice content', () => {
  it('Turkish text is a translation, not a copy of English', () => {
    for (const code of NAMED_CODES) {
      expect(tr.codes[code]?.description, String(code)).not.toBe(en.codes[code]?.description);
      expect(tr.codes[code]?.howToFix, String(code)).not.toBe(en.codes[code]?.howToFix);
    }
    for (const range of CODE_RANGES) expect(tr.ranges[range].description).not.toBe(en.ranges[range].description);
  });

  it('1008 covers rate limits, token expiry after the handshake, forbidden content and the server policy', () => {
    const d = describeClose(1008);
    const all = `${d.description} ${d.whenYouSee} ${d.howToFix}`;
    expect(all).toMatch(/rate limit/i);
    expect(all).toMatch(/token expires after the handshake/i);
    expect(all).toMatch(/forbidden content/i);
    expect(all).toMatch(/server's policy/i);
    const t = describeClose(1008, tr);
    expect(`${t.whenYouSee} ${t.howToFix}`).toMatch(/hız sınırı/);
    expect(t.whenYouSee).toMatch(/el sıkışmadan sonra/);
  });

  it('1014 covers the upstream, its health, the proxy upgrade routing and port', () => {
    const d = describeClose(1014);
    expect(d.description).toMatch(/gateway or proxy/i);
    expect(d.description).toMatch(/invalid response, or no response, from the upstream/i);
    expect(d.howToFix).toMatch(/upstream service's health/i);
    expect(d.howToFix).toMatch(/Upgrade/);
    expect(d.howToFix).toMatch(/port/);
    const t = describeClose(1014, tr);
    expect(t.howToFix).toMatch(/porta/);
    expect(t.howToFix).toMatch(/Upgrade/);
  });
});

describe('describeClose input validation', () => {
  it.each([
    [-1, '-1'],
    [65536, '65536'],
    [1000.5, '1000.5'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    ['1000', '"1000"'],
    [null, 'null'],
    [undefined, 'undefined'],
  ])('rejects %s with a RangeError naming it', (value, shown) => {
    expect(() => describeClose(value as number)).toThrow(RangeError);
    expect(() => describeClose(value as number)).toThrow(shown);
  });
});

describe('locale arguments', () => {
  it('a locale name instead of a locale object throws a TypeError that shows the import', () => {
    for (const call of [() => describeClose(1008, 'tr' as never), () => compareCodes(1008, 1014, 'tr' as never)]) {
      expect(call).toThrow(TypeError);
      expect(call).toThrow(`locale must be a locale object such as \`tr\` from 'closewise/locales/tr', got "tr"`);
    }
  });

  it('describeClose takes any advice catalog; compareCodes needs the labels of a whole locale', () => {
    expect(describeClose(1008, enPolicy as never).howToFix).toBe(en.codes[1008]?.howToFix);
    expect(() => compareCodes(1008, 1014, enPolicy as never)).toThrow('compareCodes: locale must be');
  });
});

describe('compareCodes', () => {
  it('explains 1008 vs 1014: actions, ranges and advice for each', () => {
    const c = compareCodes(1008, 1014);
    expect(c.a.name).toBe('Policy Violation');
    expect(c.b.name).toBe('Bad Gateway');
    expect(c.differences).toContain('1008 means "pause and let the app act", 1014 means "reconnect with backoff".');
    expect(c.differences).toContain('Both are in the same range: standard (1000-1015).');
    expect(c.a.whatToDo).toBe(c.a.howToFix);
    expect(c.b.whenToUse).toBe(en.codes[1014]?.whenYouSee);
    expect(c.locale).toBe('en');
  });

  it('says which code may be sent, which the browser reports itself, and which only a non-conforming peer sends', () => {
    expect(compareCodes(1006, 1000).differences).toContain(
      '1006 is never sent in a close frame: the browser reports it itself. 1000 may be sent in a close frame.',
    );
    expect(compareCodes(1005, 1006).differences).toContain(
      '1005 is never sent in a close frame: the browser reports it itself. 1006 is never sent in a close frame: the browser reports it itself.',
    );
    // 1004, 0-999, 1016-2999 and 5000+ are not reported locally: browsers pass them through from a peer.
    for (const code of [1004, 1015, 999, 2000, 5000]) {
      expect(compareCodes(1000, code).differences.at(-1)).toBe(
        `1000 may be sent in a close frame. ${code} must not be sent in a close frame, but may arrive from a non-conforming peer.`,
      );
    }
    expect(compareCodes(2000, 2000).differences.at(-1)).toBe(
      '2000 must not be sent in a close frame, but may arrive from a non-conforming peer.',
    );
    // Two sendable codes: nothing to say about sendability.
    expect(compareCodes(1008, 1014).differences).toHaveLength(2);
    expect(compareCodes(1014, 1014).differences[0]).toBe('These are the same code.');
    expect(compareCodes(1000, 4001).differences).toContain(
      '1000 is standard (1000-1015); 4001 is private use (4000-4999).',
    );
  });

  it('speaks Turkish with the Turkish locale', () => {
    const c = compareCodes(1008, 1014, tr);
    expect(c.locale).toBe('tr');
    expect(c.a.description).toBe(tr.codes[1008]?.description);
    expect(c.differences[0]).toContain('dur ve uygulamanın harekete geçmesini bekle');
  });

  it('rejects bad codes naming them', () => {
    expect(() => compareCodes(1008, 70000)).toThrow('70000');
  });
});

describe('profiles', () => {
  it.each([
    [4400, 'Bad Request', 'stop'],
    [4401, 'Unauthorized', 'policy'],
    [4403, 'Forbidden', 'stop'],
    [4406, 'Subprotocol Not Acceptable', 'stop'],
    [4408, 'Connection Initialisation Timeout', 'reconnect'],
    [4409, 'Subscriber Already Exists', 'stop'],
    [4429, 'Too Many Initialisation Requests', 'stop'],
    [4500, 'Internal Server Error', 'reconnect'],
  ])('graphql-ws %i is %s (%s) with advice in both locales', (code, name, action) => {
    const d = describeClose(code, en, { codes: graphqlWs });
    expect([d.name, d.action, d.source]).toEqual([name, action, 'graphql-ws']);
    expectRealText(d, `graphql-ws ${code}`);
    const t = describeClose(code, tr, { codes: graphqlWs });
    expect(t.locale).toBe('tr');
    expect(t.description).not.toBe(d.description);
  });

  it('Centrifugo: 3000-3499 reconnect, 3500-3999 terminal, documented codes named', () => {
    expect(describeClose(3001, en, { codes: centrifugo }).name).toBe('Shutdown');
    expect(describeClose(3500, en, { codes: centrifugo }).name).toBe('Invalid Token');
    expect(describeClose(3504, en, { codes: centrifugo }).name).toBe('Connection Limit');
    expect(describeClose(3200, en, { codes: centrifugo }).action).toBe('reconnect');
    expect(describeClose(3777, en, { codes: centrifugo }).action).toBe('stop');
    expect(describeClose(3012, en, { codes: centrifugo }).action).toBe('reconnect');
    expect(describeClose(3507, tr, { codes: centrifugo }).locale).toBe('tr');
  });

  it('Pusher: 4000-4099 stop, 4100-4199 back off, 4200-4299 reconnect', () => {
    const action = (code: number) => describeClose(code, en, { codes: pusher }).action;
    expect([action(4000), action(4050), action(4099)]).toEqual(['stop', 'stop', 'stop']);
    expect([action(4100), action(4150), action(4199)]).toEqual(['slow-down', 'slow-down', 'slow-down']);
    expect([action(4200), action(4250), action(4299)]).toEqual(['reconnect', 'reconnect', 'reconnect']);
    expect(action(4300)).toBe('reconnect'); // outside Pusher's ranges: the registry default
    expect(describeClose(4300, en, { codes: pusher }).source).toBe('registry');
    // A named code without its own advice borrows its range's.
    expect(describeClose(4201, en, { codes: pusher }).howToFix).toBe(
      describeClose(4250, en, { codes: pusher }).howToFix,
    );
  });

  it.each([
    [4000, true],
    [4001, true],
    [4002, true],
    [4003, true],
    [4004, false],
    [4005, true],
    [4007, true],
    [4008, true],
    [4009, true],
    [4010, false],
    [4011, false],
    [4012, false],
    [4013, false],
    [4014, false],
  ])('Discord %i reconnect: %s', (code, reconnect) => {
    const d = describeClose(code, en, { codes: discord });
    expect(d.action !== 'stop').toBe(reconnect);
    expect(d.source).toBe('discord');
  });
});

describe('defineCodes', () => {
  it('adds app codes and ranges with advice, later maps winning', () => {
    const app = defineCodes({
      4001: {
        name: 'Session replaced',
        action: 'stop',
        advice: {
          description: 'Opened elsewhere.',
          whenYouSee: 'After a second login.',
          howToFix: 'Close the other tab.',
        },
      },
      '4100-4109': { name: 'Shard moving', action: 'reconnect' },
    });
    const d = describeClose(4001, tr, { codes: [discord, app] });
    expect([d.name, d.action, d.source, d.howToFix, d.locale]).toEqual([
      'Session replaced',
      'stop',
      'app',
      'Close the other tab.',
      'tr',
    ]);
    expect(describeClose(4105, en, { codes: app }).name).toBe('Shard moving');
    expect(describeClose(4105, en, { codes: app }).howToFix).toBe(en.ranges.private.howToFix);
  });

  it('refuses a plain object of definitions, pointing at defineCodes', () => {
    const plain = { 4321: { name: 'Room closed', action: 'stop' } } as unknown as CodeMap;
    expect(() => describeClose(4321, en, { codes: plain })).toThrow(TypeError);
    expect(() => describeClose(4321, en, { codes: [graphqlWs, plain] })).toThrow(/defineCodes\(\)/);
    expect(() => describeClose(4321, en, { codes: [graphqlWs, 7 as unknown as CodeMap] })).toThrow(/got 7$/);
  });

  it.each([1000, 1008, 2000, 2999])('refuses to redefine protocol code %i', (code) => {
    expect(() => defineCodes({ [code]: { name: 'Mine', action: 'stop' } })).toThrow(RangeError);
    expect(() => defineCodes({ [code]: { name: 'Mine', action: 'stop' } })).toThrow(String(code));
  });

  it('refuses ranges that cover protocol codes', () => {
    expect(() => defineCodes({ '900-1100': { name: 'Mine', action: 'stop' } })).toThrow(RangeError);
    expect(() => defineCodes({ '2999-3100': { name: 'Mine', action: 'stop' } })).toThrow(RangeError);
  });

  it.each([
    [{ 4001: { name: '', action: 'stop' } }, 'name'],
    [{ 4001: { name: 'X', action: 'explode' } }, '"explode"'],
    [{ 4001: { name: 'X', action: 'policy', policyKind: 'vibes' } }, '"vibes"'],
    [{ 4001: { name: 'X', action: 'stop', advice: { description: 'only' } } }, 'whenYouSee'],
    [{ 4001: { name: 'X', action: 'stop', advice: 'text' } }, 'advice must be an object'],
    [{ abc: { name: 'X', action: 'stop' } }, '"abc"'],
    [{ 70000: { name: 'X', action: 'stop' } }, '"70000"'],
    [{ '4200-4100': { name: 'X', action: 'stop' } }, 'after its end'],
    [{ 4001: null }, 'definition must be an object'],
  ])('rejects %j with a TypeError naming %s', (input, named) => {
    expect(() => defineCodes(input as never)).toThrow(TypeError);
    expect(() => defineCodes(input as never)).toThrow(named);
  });

  it('rejects a non-object', () => {
    expect(() => defineCodes(null as never)).toThrow(TypeError);
    expect(() => defineCodes([] as never)).toThrow(TypeError);
  });
});

function adviceEn(name: string): AdviceText {
  return { description: `${name}.`, whenYouSee: `When ${name}.`, howToFix: `Fix ${name}.` };
}

describe('enPolicy: the English advice a socket ships', () => {
  // Every code outside the protocol's 1000-2999, mapped to `policy` with no advice of its own.
  const everyAppCode = defineCodes({
    '0-999': { name: 'Low', action: 'policy' },
    '3000-4999': { name: 'App', action: 'policy' },
    '5000-65535': { name: 'High', action: 'policy' },
  });

  it('gives exactly the text of `en` for every code that can reach a policy event', () => {
    let checked = 0;
    for (let code = 0; code <= 65535; code++) {
      const registryPolicy = lookupCode(code).action === 'policy';
      const resolved = resolveDefinition(code, [everyAppCode]);
      if (!registryPolicy && !resolved) continue;
      if (registryPolicy) expect(adviceFor(code, enPolicy, undefined)).toEqual(adviceFor(code, en, undefined));
      if (resolved) expect(adviceFor(code, enPolicy, resolved)).toEqual(adviceFor(code, en, resolved));
      checked++;
    }
    // 1008 and the 63,536 codes outside the protocol's range (3000 among them).
    expect(checked).toBe(1 + 65536 - 2000);
  });

  it('is the same text as `en`, not a copy that could drift', () => {
    expect(en.codes[1008]).toBe(enPolicy.codes[1008]);
    expect(en.codes[3000]).toBe(enPolicy.codes[3000]);
    expect(en.ranges).toBe(enPolicy.ranges);
  });
});

describe('adviceFor', () => {
  it("prefers the defining map's text, in the asked locale when the map has it", () => {
    const app = defineCodes({
      4001: { name: 'Kicked', action: 'stop', advice: { en: adviceEn('Kicked'), tr: adviceEn('Atıldı') } },
      4002: { name: 'Muted', action: 'stop', advice: { en: adviceEn('Muted') } },
    });
    expect(adviceFor(4001, tr, resolveDefinition(4001, [app]))).toEqual({ text: adviceEn('Atıldı'), locale: 'tr' });
    expect(adviceFor(4002, tr, resolveDefinition(4002, [app]))).toEqual({ text: adviceEn('Muted'), locale: 'en' });
  });

  it('never gives a redefined code the registry text of its old meaning', () => {
    const app = defineCodes({ 3003: { name: 'Seat taken', action: 'policy' } });
    expect(adviceFor(3003, en, resolveDefinition(3003, [app])).text).toBe(en.ranges.registered);
    expect(adviceFor(3003, en, undefined).text).toBe(en.codes[3003]);
  });

  it('falls back to the range text for codes without their own', () => {
    expect(adviceFor(4321, tr, undefined)).toEqual({ text: tr.ranges.private, locale: 'tr' });
    expect(adviceFor(70, en, undefined).text).toBe(en.ranges['invalid-low']);
  });
});

describe('asCodeMaps', () => {
  it('passes built maps through and names anything else', () => {
    expect(asCodeMaps(undefined)).toEqual([]);
    expect(asCodeMaps(graphqlWs)).toEqual([graphqlWs]);
    expect(asCodeMaps([graphqlWs, pusher])).toEqual([graphqlWs, pusher]);
    expect(() => asCodeMaps([graphqlWs, null as unknown as CodeMap])).toThrow(/got null$/);
    expect(() => asCodeMaps('graphql-ws' as unknown as CodeMap)).toThrow(/got "graphql-ws"$/);
    expect(() => asCodeMaps((() => graphqlWs) as unknown as CodeMap)).toThrow(/got function$/);
  });
});
