import { describe, expect, it } from 'vitest';
import { tr } from '../../src/registry/advice/tr.js';
import {
  adviceFor,
  allSources,
  asCodeMaps,
  CODE_RANGES,
  type CodeSource,
  centrifugo,
  compareCodes,
  defineCodes,
  describeClose,
  discord,
  discordVoice,
  en,
  enPolicy,
  graphqlWs,
  lookupCode,
  NAMED_CODES,
  profiles,
  pusher,
  rangeOf,
  resolveDefinition,
  sourceOf,
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

  it('1014 is an invalid response from the upstream (like 502); handshake advice belongs to 1006', () => {
    const d = describeClose(1014);
    expect(d.description).toMatch(/gateway or proxy/i);
    expect(d.description).toMatch(/invalid response from the upstream server/);
    expect(d.description).toMatch(/HTTP 502/);
    expect(d.description).not.toMatch(/no response/);
    expect(d.whenYouSee).toMatch(/connection to the gateway is open/);
    expect(d.howToFix).toMatch(/upstream service's health/);
    expect(d.howToFix).toMatch(/port/);
    for (const text of [d.whenYouSee, d.howToFix, describeClose(1014, tr).howToFix]) {
      expect(text).not.toMatch(/Upgrade|upgrade/);
    }
    expect(describeClose(1014, tr).howToFix).toMatch(/ana makine, port/);
    // A page sees a failed upgrade as 1006, so that is where the handshake advice lives.
    for (const locale of [en, tr]) {
      const h = describeClose(1006, locale).howToFix;
      expect(h).toMatch(/Upgrade ve Connection|Upgrade and Connection/);
      expect(h).toMatch(/port/);
    }
  });

  it('1015: browsers report a failed TLS handshake as 1006; certificate advice lives on 1006', () => {
    const d = describeClose(1015);
    expect(`${d.description} ${d.whenYouSee}`).not.toMatch(/expired|self-signed|certificate/);
    expect(d.whenYouSee).toMatch(/as 1006 and never uses 1015/);
    expect(describeClose(1006).whenYouSee).toMatch(/expired, self-signed or mismatched certificate/);
    expect(describeClose(1006, tr).whenYouSee).toMatch(/kendinden imzalı/);
    expect(describeClose(1006).howToFix).toMatch(/certificate chain/);
  });

  it('1007: a browser always sends valid UTF-8, so it comes from non-browser peers or server validation', () => {
    const d = describeClose(1007);
    expect(`${d.whenYouSee} ${d.howToFix}`).not.toMatch(/surrogate/i);
    expect(d.whenYouSee).toMatch(/USVString/);
    expect(d.whenYouSee).toMatch(/non-browser peer/);
    expect(d.whenYouSee).toMatch(/server's own validation/);
    expect(describeClose(1007, tr).whenYouSee).toMatch(/tarayıcı dışı/);
  });

  it("1000: reconnecting after a server 1000 is labelled closewise's own choice, with the reason", () => {
    const d = describeClose(1000);
    expect(`${d.whenYouSee} ${d.howToFix}`).not.toMatch(/many servers/i);
    expect(d.description).toMatch(/purpose .* has been fulfilled/);
    expect(d.howToFix).toMatch(/closewise's own choice: it reconnects after a server 1000/);
    expect(d.howToFix).toMatch(/reconnectOnNormalClose: false/);
    expect(describeClose(1000, tr).howToFix).toMatch(/closewise'ın kendi tercihi/);
  });

  it('1013: reconnecting by itself is documented as a deliberate deviation from the registration', () => {
    for (const [locale, words] of [
      [en, [/upon user action/, /closewise's own choice deviates/, /at least 30 seconds/, /call close\(\) on a 1013/]],
      [tr, [/kullanıcı isterse/, /closewise'ın kendi tercihi bundan bilerek ayrılır/, /en az 30 saniye/]],
    ] as const) {
      const h = describeClose(1013, locale).howToFix;
      for (const word of words) expect(h).toMatch(word);
    }
    expect(describeClose(1013).action).toBe('slow-down');
  });

  it('codes that must never be sent are advised as 1000-1003, 1007-1014 or 3000-4999', () => {
    for (const locale of [en, tr]) {
      const h = locale.ranges['invalid-low'].howToFix;
      expect(h).toContain('1000-1003, 1007-1014');
      expect(h).toContain('3000-4999');
      expect(h).not.toContain('1000-1015');
    }
  });

  it('3000-3999 is for IANA registrations, and Centrifugo uses it without registering', () => {
    const d = en.ranges.registered;
    expect(d.description).toMatch(/for IANA registrations; many libraries use them without registering/);
    expect(`${d.description} ${d.whenYouSee}`).not.toMatch(/registered with IANA/);
    expect(d.whenYouSee).toMatch(/Centrifugo's 3000 and 3008 clash with IANA's/);
    expect(tr.ranges.registered.whenYouSee).toMatch(/çakışır/);
  });
});

// Word-for-word calques and wrong senses that a native technical writer would not use.
const CALQUES: ReadonlyArray<[RegExp, string]> = [
  [/ağda/i, '"on the wire" is "ağ üzerinden"'],
  [/asla gönderilmez/i, '"hiçbir zaman ... gönderilmez"'],
  [/çiğne/i, 'violating is "ihlal etmek"'],
  [/göremeyeceğiniz/i, 'permission, not ability: "görme yetkiniz olmayan"'],
  [/kimliğini doğrulamadığı/i, '"istemcinin kimliği doğrulanmadığı için"'],
  [/geri çekil/i, 'backoff is "bekleme süresini artırarak"'],
  [/jeton/i, 'a token is "token" or "belirteç"'],
  [/IANA kayıtlı/, '"IANA\'ya kayıtlı"'],
  [/istisna kaçtığında|işleyicisinden bir istisna/i, '"yakalanmayan bir istisna oluştuğunda"'],
  [/etkinliksizlik/i, 'inactivity: "uzun süre boşta kalma"'],
  [/(?<!\p{L})ittiğinde/iu, 'a server "gönderir", it does not push'],
  [/yerel olarak bildirilir/i, '"tarayıcı kendisi bildirir"'],
  [/protokolü(nü)? konuş/i, 'a client "supports" a protocol ("destekler"), it does not speak it'],
  [/production dışında/i, '"üretim ortamı dışında"'],
  [/biri ayrılıyor/i, '"going away" is "devreden çıkıyor"'],
  [/yolda değiştir/i, '"in transit" is "aktarım sırasında"'],
  [/kayıt metni/i, 'a code\'s registration is "IANA kaydı"'],
  [/bağlı olduğu bir hizmet/i, '"depends on" is "bağımlı olduğu"'],
  [/gelişigüzel yeniden/i, '"blindly" is "körü körüne"'],
  [/adına rağmen/i, '"despite its name": "adı öyle gösterse de"'],
  [/elindekiler/i, '"what the connection holds": "bağlantının tuttuğu bilgiler"'],
  [/bekleyiş/i, 'a delay is "gecikme"'],
  [/bu kodda yeniden dene/i, 'retrying after a code: "bu koddan sonra yeniden dener"'],
  [/policy olayıyla bekler/i, '"pauses with a policy event": "bir policy olayı yayımlayıp duraklar"'],
  [/işlem kimlik|bir kimlikle/i, 'an operation id is "ID", not "kimlik" (identity)'],
  [/aşılmış bir bağlantı kotası/i, '"bağlantı kotası aşıldığında"'],
  [/yeniden bağlanmayın dediği/i, '"yeniden bağlanılmamasını istediği"'],
  [/TLS'e/, 'TLS is read "te-le-se": "TLS\'ye"'],
];

function turkishTexts(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const add = (where: string, text: AdviceText) => {
    for (const field of ['description', 'whenYouSee', 'howToFix'] as const)
      out.push([`${where}.${field}`, text[field]]);
  };
  for (const code of NAMED_CODES) add(`tr.${code}`, tr.codes[code] as AdviceText);
  for (const range of CODE_RANGES) add(`tr.ranges.${range}`, tr.ranges[range]);
  for (const map of Object.values(profiles)) {
    for (const [key, def] of [
      ...Object.entries(map.codes),
      ...map.ranges.map((r) => [`${r.min}-${r.max}`, r] as const),
    ]) {
      const text = (def.advice as Record<string, AdviceText> | undefined)?.tr;
      if (text) add(`${map.id}.${key}.tr`, text);
    }
  }
  const collect = (where: string, value: unknown) => {
    if (typeof value === 'string') out.push([where, value]);
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) collect(`${where}.${k}`, v);
  };
  collect('tr.labels', tr.labels);
  return out;
}

describe('Turkish', () => {
  it.each(CALQUES)('uses no calque %s (%s)', (pattern) => {
    const hits = turkishTexts().filter(([, text]) => pattern.test(text));
    expect(hits.map(([where]) => where)).toEqual([]);
  });

  it('keeps the headings of the advice sections and of the comparison view', () => {
    expect(tr.labels.headings).toEqual({
      description: 'Açıklama',
      whenYouSee: 'Gördüğünüzde',
      howToFix: 'Nasıl Düzeltilir',
    });
    expect(tr.labels.compare.keyDifferences).toBe('Temel Farklar');
    expect(tr.labels.compare.whenToUseWhich).toBe('Hangisini Ne Zaman Kullanmalı');
  });

  it('every profile row with advice has Turkish advice of its own', () => {
    for (const map of Object.values(profiles)) {
      for (const def of [...Object.values(map.codes), ...map.ranges]) {
        const advice = def.advice as Record<string, AdviceText> | undefined;
        expect(advice?.tr, `${map.id} ${def.name}`).toBeDefined();
        expectRealText(advice?.tr as AdviceText, `${map.id} ${def.name}`);
        expect(advice?.tr?.howToFix).not.toBe(advice?.en?.howToFix);
      }
    }
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
    expect(c.differences[0]).toBe(
      '1008 için eylem: "dur ve uygulamanın harekete geçmesini bekle"; 1014 için: "bekleme süresini artırarak yeniden bağlan".',
    );
  });

  it('rejects bad codes naming them', () => {
    expect(() => compareCodes(1008, 70000)).toThrow('70000');
  });
});

describe('profiles', () => {
  it.each([
    [4004, 'Bad Response', 'stop'],
    [4005, 'Internal Client Error', 'stop'],
    [4400, 'Bad Request', 'stop'],
    [4401, 'Unauthorized', 'stop'],
    [4403, 'Forbidden', 'policy'],
    [4406, 'Subprotocol Not Acceptable', 'stop'],
    [4408, 'Connection Initialisation Timeout', 'reconnect'],
    [4409, 'Subscriber Already Exists', 'stop'],
    [4429, 'Too Many Initialisation Requests', 'stop'],
    [4499, 'Terminated', 'reconnect'],
    [4500, 'Internal Server Error', 'stop'],
    [4504, 'Connection Acknowledgement Timeout', 'reconnect'],
  ])('graphql-ws %i is %s (%s) with advice in both locales', (code, name, action) => {
    const d = describeClose(code, en, { codes: graphqlWs });
    expect([d.name, d.action, d.source]).toEqual([name, action, 'graphql-ws']);
    expectRealText(d, `graphql-ws ${code}`);
    const t = describeClose(code, tr, { codes: graphqlWs });
    expect(t.locale).toBe('tr');
    expect(t.description).not.toBe(d.description);
  });

  it("graphql-ws: closewise stops on exactly the codes graphql-ws's own client never retries", () => {
    // graphql-ws 6.4.2 src/client.ts, shouldRetryConnectOrThrow.
    const fatal = [4004, 4005, 4400, 4401, 4406, 4409, 4429, 4500];
    for (const code of Object.keys(graphqlWs.codes).map(Number)) {
      const action = describeClose(code, en, { codes: graphqlWs }).action;
      expect(action === 'stop', `${code} is ${action}`).toBe(fatal.includes(code));
    }
  });

  it('graphql-ws 4403 is the auth rejection and 4401 a subscribe before connection_ack', () => {
    expect(graphqlWs.codes[4403]).toMatchObject({ action: 'policy', policyKind: 'auth' });
    expect(graphqlWs.codes[4401]?.policyKind).toBeUndefined();
    const early = describeClose(4401, en, { codes: graphqlWs });
    expect(early.description).toMatch(/subscribe before the server acknowledged/);
    expect(early.howToFix).toMatch(/only after connection_ack/);
    expect(early.howToFix).toMatch(/without calling auth.refresh/);
    expect(describeClose(4403, en, { codes: graphqlWs }).description).toMatch(/authentication failed/);
    const serverError = describeClose(4500, en, { codes: graphqlWs });
    expect(serverError.description).toMatch(/Errors in resolvers and subscription streams do not close/);
    expect(serverError.description).not.toMatch(/when a resolver throws/i);
  });

  it('Centrifugo: 3000-3499 and 4000-4499 reconnect, 3500-3999 and 4500-4999 are terminal', () => {
    const d = (code: number) => describeClose(code, en, { codes: centrifugo });
    expect(d(3001).name).toBe('Shutdown');
    expect(d(3500).name).toBe('Invalid Token');
    expect(d(3504).name).toBe('Connection Limit');
    expect([d(3200).action, d(3012).action, d(4000).action, d(4499).action]).toEqual([
      'reconnect',
      'reconnect',
      'reconnect',
      'reconnect',
    ]);
    expect([d(3777).action, d(3999).action, d(4500).action, d(4999).action]).toEqual(['stop', 'stop', 'stop', 'stop']);
    expect(d(3507).name).toBe('Permission Denied');
    expect(describeClose(3507, tr, { codes: centrifugo }).locale).toBe('tr');
  });

  it('Centrifugo 3014 reconnects with a fresh token: an auth policy close, which auth.refresh answers', () => {
    expect(centrifugo.codes[3014]).toMatchObject({ name: 'State Invalidated', action: 'policy', policyKind: 'auth' });
    expect(describeClose(3014, en, { codes: centrifugo }).howToFix).toMatch(/auth.refresh/);
    // 3500 is terminal for Centrifugo; closewise's one refresh is labelled as its own choice.
    expect(describeClose(3500, en, { codes: centrifugo }).howToFix).toMatch(/closewise's own choice/);
  });

  it('Pusher: 4000 on its own, refused 4001-4099 and 4300-4399, 4100-4199 back off, 4200-4299 reconnect', () => {
    const d = (code: number) => describeClose(code, en, { codes: pusher });
    expect(d(4000)).toMatchObject({ name: 'SSL Only', action: 'stop' });
    expect(d(4000).whenYouSee).toMatch(/ws:\/\//);
    expect(d(4000).howToFix).toMatch(/pusher-js switches to TLS and reconnects; closewise's own choice is to stop/);
    expect([d(4001).action, d(4050).action, d(4099).action]).toEqual(['stop', 'stop', 'stop']);
    expect(d(4005).name).toBe('Path Not Found');
    expect([d(4100).action, d(4150).action, d(4199).action]).toEqual(['slow-down', 'slow-down', 'slow-down']);
    expect(d(4150).howToFix).toMatch(/closewise's own choice: it waits at least 30 s/);
    expect(d(4150).howToFix).toMatch(/pusher-js retries after 1 s/);
    expect([d(4200).action, d(4250).action, d(4299).action]).toEqual(['reconnect', 'reconnect', 'reconnect']);
    expect([d(4300).action, d(4399).action, d(4300).source]).toEqual(['stop', 'stop', 'pusher']);
    expect(d(4400).source).toBe('registry'); // outside Pusher's ranges: the registry default
    // A named code without its own advice borrows its range's.
    expect(d(4201).howToFix).toBe(d(4250).howToFix);
  });

  it.each([
    [4000, true, 'resume'],
    [4001, true, 'resume'],
    [4002, true, 'resume'],
    [4003, true, 'resume'],
    [4004, false, ''],
    [4005, true, 'resume'],
    [4007, true, 'new session'],
    [4008, true, 'resume'],
    [4009, true, 'new session'],
    [4010, false, ''],
    [4011, false, ''],
    [4012, false, ''],
    [4013, false, ''],
    [4014, false, ''],
  ])('Discord %i reconnect: %s (%s)', (code, reconnect, how) => {
    const d = describeClose(code, en, { codes: discord });
    expect(d.action !== 'stop').toBe(reconnect);
    expect(d.source).toBe('discord');
    if (how === 'new session') {
      expect(d.description).toMatch(/cannot be resumed/);
      expect(d.howToFix).toMatch(/send Identify, not Resume/);
    }
    if (how === 'resume') expect(d.howToFix).toMatch(/Resume/);
  });

  it('Discord voice has its own codes 4001-4022: only 4015 reconnects', () => {
    const voice = Object.keys(discordVoice.codes).map(Number);
    expect(voice).toEqual([
      4001, 4002, 4003, 4004, 4005, 4006, 4009, 4011, 4012, 4014, 4015, 4016, 4017, 4020, 4021, 4022,
    ]);
    for (const code of voice) {
      expect(describeClose(code, en, { codes: discordVoice }).action, String(code)).toBe(
        code === 4015 ? 'reconnect' : 'stop',
      );
    }
    // Same number, different meaning on the main gateway.
    expect(describeClose(4014, en, { codes: discordVoice }).name).toBe('Disconnected');
    expect(describeClose(4014, en, { codes: discord }).name).toBe('Disallowed Intents');
    expect(profiles['discord-voice']).toBe(discordVoice);
  });
});

describe('sources', () => {
  const everyRow = (map: CodeMap) => [
    ...Object.keys(map.codes).map((code) => ({ code: Number(code), key: code })),
    ...map.ranges.map((r) => ({ code: r.min, key: `${r.min}-${r.max}` })),
  ];

  it('every registry entry and every profile row cites at least one source', () => {
    const checked: string[] = [];
    const expectCited = (s: CodeSource | undefined, where: string) => {
      expect(s, where).toBeDefined();
      expect(s?.refs.length, where).toBeGreaterThan(0);
      for (const ref of s?.refs ?? []) {
        expect(ref.title.trim().length, where).toBeGreaterThan(5);
        expect(ref.url, where).toMatch(/^https:\/\/[^\s]+$/);
      }
      checked.push(where);
    };
    for (const code of NAMED_CODES) expectCited(sourceOf(code), String(code));
    for (const [range, codes] of RANGE_SAMPLES) {
      for (const code of codes.filter((c) => !NAMED_CODES.includes(c))) {
        const s = sourceOf(code);
        expect(s?.key).toBe(range);
        expectCited(s, `${range} ${code}`);
      }
    }
    for (const map of Object.values(profiles)) {
      for (const { code, key } of everyRow(map)) {
        // A range's first code may be named on its own; the range row itself is checked through allSources.
        const s = sourceOf(code, { codes: map });
        expect(s?.map, `${map.id} ${key}`).toBe(map.id);
        expectCited(s, `${map.id} ${code}`);
      }
      for (const { key } of everyRow(map)) {
        expectCited(
          allSources().find((s) => s.map === map.id && s.key === key),
          `${map.id} ${key}`,
        );
      }
    }
    // No source without a row it belongs to.
    const rows = new Set(Object.values(profiles).flatMap((map) => everyRow(map).map((r) => `${map.id} ${r.key}`)));
    for (const s of allSources().filter((x) => x.map !== 'registry')) expect(rows).toContain(`${s.map} ${s.key}`);
    expect(checked.length).toBeGreaterThan(100);
  });

  it('where closewise departs from its source, the advice says so in both locales', () => {
    const deviations = allSources().filter((s) => s.action === 'deviation');
    expect(deviations.map((s) => `${s.map} ${s.key}`).sort()).toEqual(
      [
        'registry 1013',
        'graphql-ws 4403',
        'centrifugo 3013',
        'centrifugo 3500',
        'pusher 4000',
        'pusher 4009',
        'pusher 4100',
        'pusher 4100-4199',
      ].sort(),
    );
    for (const s of deviations) {
      const map = s.map === 'registry' ? undefined : profiles[s.map];
      const code = Number(s.key.split('-')[0]);
      const options = map ? { codes: map } : {};
      expect(describeClose(code, en, options).howToFix, `${s.map} ${s.key}`).toMatch(/closewise's own choice/);
      expect(describeClose(code, tr, options).howToFix, `${s.map} ${s.key}`).toMatch(/closewise'ın kendi tercihi/);
    }
  });

  it('an app code cites nothing; a protocol code is never taken from a profile', () => {
    const app = defineCodes({ 4001: { name: 'Kicked', action: 'stop' } });
    expect(sourceOf(4001, { codes: app })).toBeUndefined();
    expect(sourceOf(4001, { codes: [app, graphqlWs] })).toBeUndefined();
    expect(sourceOf(4403, { codes: app })?.key).toBe('private');
    expect(sourceOf(4403, { codes: [graphqlWs, app] })?.map).toBe('graphql-ws');
    expect(sourceOf(1014, { codes: graphqlWs })?.refs.map((r) => r.url)).toContain(
      'https://www.ietf.org/mail-archive/web/hybi/current/msg10748.html',
    );
    expect(sourceOf(1012)?.action).toBe('source');
    expect(() => sourceOf(70000)).toThrow(RangeError);
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
