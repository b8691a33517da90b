import { assertCode, isNamedCode, rangeOf } from './codes.js';
import { profiles } from './profiles.js';
import { asCodeMaps, type CodesOption } from './resolve.js';
import type { CodeRange } from './types.js';

// Where every meaning and every default action in the registry and its profiles comes from. Only
// `sourceOf` (closewise/registry) and the CLI read this module: the socket, the classifier and
// `describeClose` never import it, so no app bundles the citations.

/**
 * One document: an RFC section, an IANA registration, a standard, or a server's own docs or source.
 *
 * @example
 * ```ts
 * const ref: Reference = { title: 'RFC 6455 §7.4.1 Defined Status Codes', url: 'https://www.rfc-editor.org/rfc/rfc6455#section-7.4.1' };
 * ```
 */
export interface Reference {
  readonly title: string;
  readonly url: string;
}

/**
 * Whose default action it is.
 *
 * - `source`: a reference prescribes it (a registration text, a server's reconnect table, the
 *   server's own reference client).
 * - `closewise`: the sources define the meaning but not what a client should do: closewise's
 *   own policy.
 * - `deviation`: closewise deliberately does something other than its source says; the advice
 *   says so ("closewise's own choice") and why.
 *
 * @example
 * ```ts
 * sourceOf(1013)?.action; // 'deviation'
 * ```
 */
export type ActionBasis = 'source' | 'closewise' | 'deviation';

/**
 * The references behind one registry entry or profile row.
 *
 * @example
 * ```ts
 * const s: CodeSource | undefined = sourceOf(4403, { codes: graphqlWs });
 * s?.refs.map((r) => r.url);
 * ```
 */
export interface CodeSource {
  /** `registry`, or the id of the built-in profile that defines the code. */
  readonly map: string;
  /** The entry: a code (`'1008'`, `'4403'`), a range id (`'private'`) or a profile range (`'4100-4199'`). */
  readonly key: string;
  /** The documents that define the code and, where `action` is `'source'`, what a client should do. */
  readonly refs: readonly Reference[];
  readonly action: ActionBasis;
}

type Entry = readonly [action: ActionBasis, ...refs: Reference[]];

const rfc = (section: string, title: string): Reference => ({
  title: `RFC 6455 §${section} ${title}`,
  url: `https://www.rfc-editor.org/rfc/rfc6455#section-${section}`,
});

const DEFINED = rfc('7.4.1', 'Defined Status Codes');
const RANGES = rfc('7.4.2', 'Reserved Status Code Ranges');
const CLOSE_CODE = rfc('7.1.5', 'The WebSocket Connection Close Code');
const ABNORMAL = rfc('7.2.3', 'Recovering from Abnormal Closure');
const IANA: Reference = {
  title: 'IANA WebSocket Close Code Number Registry',
  url: 'https://www.iana.org/assignments/websocket/websocket.xhtml#close-code-number',
};
const RESTART_OVERLOAD: Reference = {
  title: 'Registration text of 1012 Service Restart and 1013 Try Again Later (hybi list, cited by IANA)',
  url: 'https://www.ietf.org/mail-archive/web/hybi/current/msg09670.html',
};
const BAD_GATEWAY: Reference = {
  title: 'Registration text of 1014 Bad Gateway (hybi list, cited by IANA)',
  url: 'https://www.ietf.org/mail-archive/web/hybi/current/msg10748.html',
};
const WHATWG_FEEDBACK: Reference = {
  title: 'WHATWG WebSockets Standard, Feedback from the protocol (every failed connection is 1006; 1015 is not used)',
  url: 'https://websockets.spec.whatwg.org/#feedback-from-the-protocol',
};
const WHATWG_SEND: Reference = {
  title: 'WHATWG WebSockets Standard, send(): text is a USVString, sent as UTF-8',
  url: 'https://websockets.spec.whatwg.org/#dom-websocket-send',
};
const GQL_CLIENT_1000: Reference = {
  title: 'enisdenjo/graphql-ws src/client.ts: after a 1000 the client reconnects only while operations are pending',
  url: 'https://github.com/enisdenjo/graphql-ws/blob/master/src/client.ts',
};

const REGISTRY: Readonly<Record<number | CodeRange, Entry>> = {
  1000: ['closewise', DEFINED, IANA, GQL_CLIENT_1000],
  1001: ['closewise', DEFINED, IANA],
  1002: ['closewise', DEFINED, IANA],
  1003: ['closewise', DEFINED, IANA],
  1004: ['closewise', DEFINED, IANA],
  1005: ['closewise', DEFINED, CLOSE_CODE, IANA],
  1006: ['source', DEFINED, CLOSE_CODE, ABNORMAL, WHATWG_FEEDBACK],
  1007: ['closewise', DEFINED, IANA, WHATWG_SEND],
  1008: ['closewise', DEFINED, IANA],
  1009: ['closewise', DEFINED, IANA],
  1010: ['closewise', DEFINED, IANA],
  1011: ['closewise', DEFINED, IANA],
  1012: ['source', IANA, RESTART_OVERLOAD],
  1013: ['deviation', IANA, RESTART_OVERLOAD],
  1014: ['closewise', IANA, BAD_GATEWAY],
  1015: ['closewise', DEFINED, IANA, WHATWG_FEEDBACK],
  3000: ['closewise', IANA],
  3003: ['closewise', IANA],
  3008: ['closewise', IANA],
  'invalid-low': ['closewise', RANGES],
  standard: ['closewise', DEFINED, IANA],
  unassigned: ['closewise', RANGES, IANA],
  registered: ['closewise', RANGES, IANA],
  private: ['closewise', RANGES, IANA],
  'invalid-high': ['closewise', RANGES],
};

const gh = (repo: string, path: string, what: string): Reference => ({
  title: `${repo} ${path}: ${what}`,
  url: `https://github.com/${repo}/blob/${repo.startsWith('discordjs') ? 'main' : 'master'}/${path}`,
});

const GQL_PROTOCOL = gh('enisdenjo/graphql-ws', 'PROTOCOL.md', 'close codes of the protocol');
const GQL_CODES = gh('enisdenjo/graphql-ws', 'src/common.ts', 'the CloseCode enum');
const GQL_FATAL = gh(
  'enisdenjo/graphql-ws',
  'src/client.ts',
  'shouldRetryConnectOrThrow, the codes the client never retries',
);
const GQL_SERVER = gh('enisdenjo/graphql-ws', 'src/server.ts', 'where the server closes');
const GQL_WS = gh('enisdenjo/graphql-ws', 'src/use/ws.ts', '4500 when a hook throws or the socket errors');

const GRAPHQL_WS: Readonly<Record<string, Entry>> = {
  4004: ['source', GQL_CODES, GQL_FATAL],
  4005: ['source', GQL_CODES, GQL_FATAL],
  4400: ['source', GQL_PROTOCOL, GQL_FATAL],
  4401: ['source', GQL_PROTOCOL, GQL_SERVER, GQL_FATAL],
  4403: ['deviation', GQL_PROTOCOL, GQL_SERVER, GQL_FATAL],
  4406: ['source', GQL_SERVER, GQL_FATAL],
  4408: ['source', GQL_PROTOCOL, GQL_SERVER, GQL_FATAL],
  4409: ['source', GQL_PROTOCOL, GQL_FATAL],
  4429: ['source', GQL_PROTOCOL, GQL_FATAL],
  4499: ['source', GQL_CODES, GQL_FATAL],
  4500: ['source', GQL_CODES, GQL_WS, GQL_FATAL],
  4504: ['source', GQL_CODES, GQL_FATAL],
};

const CF_CODES: Reference = {
  title: 'Centrifugo docs, Client protocol codes: disconnect codes',
  url: 'https://centrifugal.dev/docs/server/codes#client-disconnect-codes',
};
const CF_RANGES: Reference = {
  title: 'Centrifugo docs, Client SDK API: clients reconnect after 3000-3499 and 4000-4499 only',
  url: 'https://centrifugal.dev/docs/transports/client_api#disconnect-codes',
};
const CF_APP: Reference = {
  title: 'Centrifugo docs, Proxy: custom disconnect codes 4000-4499 reconnect, 4500-4999 are terminal',
  url: 'https://centrifugal.dev/docs/server/proxy#return-custom-disconnect',
};
const CF_JS = gh('centrifugal/centrifuge-js', 'src/centrifuge.ts', 'no reconnect after 3500-3999 and 4500-4999');
const CF_GO = gh('centrifugal/centrifuge', 'disconnect.go', 'the built-in disconnect codes');

const CENTRIFUGO: Readonly<Record<string, Entry>> = {
  '3000-3499': ['source', CF_CODES, CF_RANGES, CF_JS],
  '3500-3999': ['source', CF_CODES, CF_RANGES, CF_JS],
  '4000-4499': ['source', CF_APP, CF_RANGES, CF_JS],
  '4500-4999': ['source', CF_APP, CF_RANGES, CF_JS],
  3000: ['source', CF_CODES, CF_GO],
  3001: ['source', CF_CODES, CF_GO],
  3004: ['source', CF_CODES, CF_GO],
  3005: ['source', CF_CODES, CF_GO],
  3006: ['source', CF_CODES, CF_GO],
  3008: ['source', CF_CODES, CF_GO],
  3009: ['source', CF_CODES, CF_GO],
  3010: ['source', CF_CODES, CF_GO],
  3011: ['source', CF_CODES, CF_GO],
  3012: ['source', CF_CODES, CF_GO],
  3013: ['deviation', CF_CODES, CF_RANGES, CF_GO],
  3014: [
    'source',
    CF_CODES,
    CF_GO,
    gh('centrifugal/centrifuge-js', 'src/centrifuge.ts', 'on 3014 the client drops its token and reconnects'),
  ],
  3500: ['deviation', CF_CODES, CF_GO, CF_JS],
  3501: ['source', CF_CODES, CF_GO],
  3502: ['source', CF_CODES, CF_GO],
  3503: ['source', CF_CODES, CF_GO],
  3504: ['source', CF_CODES, CF_GO],
  3505: ['source', CF_CODES, CF_GO],
  3506: ['source', CF_CODES, CF_GO],
  3507: ['source', CF_CODES, CF_GO],
  3508: ['source', CF_CODES, CF_GO],
  3509: ['source', CF_CODES, CF_GO],
};

const PUSHER_PROTOCOL: Reference = {
  title: 'Pusher Channels Protocol: error codes and connection closure',
  url: 'https://pusher.com/docs/channels/library_auth_reference/pusher-websockets-protocol#error-codes',
};
const PUSHER_ACTION = gh('pusher/pusher-js', 'src/core/connection/protocol/protocol.ts', 'getCloseAction');
const PUSHER_MANAGER = gh(
  'pusher/pusher-js',
  'src/core/connection/connection_manager.ts',
  'what each close action does',
);

const PUSHER: Readonly<Record<string, Entry>> = {
  '4000-4099': ['source', PUSHER_PROTOCOL, PUSHER_ACTION, PUSHER_MANAGER],
  '4100-4199': ['deviation', PUSHER_PROTOCOL, PUSHER_ACTION, PUSHER_MANAGER],
  '4200-4299': ['source', PUSHER_PROTOCOL, PUSHER_ACTION, PUSHER_MANAGER],
  '4300-4399': ['source', PUSHER_PROTOCOL, PUSHER_ACTION, PUSHER_MANAGER],
  4000: ['deviation', PUSHER_PROTOCOL, PUSHER_ACTION, PUSHER_MANAGER],
  4001: ['source', PUSHER_PROTOCOL, PUSHER_ACTION],
  4003: ['source', PUSHER_PROTOCOL, PUSHER_ACTION],
  4004: ['source', PUSHER_PROTOCOL, PUSHER_ACTION],
  4005: ['source', PUSHER_PROTOCOL, PUSHER_ACTION],
  4006: ['source', PUSHER_PROTOCOL, PUSHER_ACTION],
  4007: ['source', PUSHER_PROTOCOL, PUSHER_ACTION],
  4008: ['source', PUSHER_PROTOCOL, PUSHER_ACTION],
  4009: ['deviation', PUSHER_PROTOCOL, PUSHER_ACTION],
  4100: ['deviation', PUSHER_PROTOCOL, PUSHER_ACTION, PUSHER_MANAGER],
  4200: ['source', PUSHER_PROTOCOL, PUSHER_ACTION],
  4201: ['source', PUSHER_PROTOCOL, PUSHER_ACTION],
  4202: ['source', PUSHER_PROTOCOL, PUSHER_ACTION],
};

const DISCORD_TABLE: Reference = {
  title: 'Discord docs, Gateway Close Event Codes (with its Reconnect column)',
  url: 'https://discord.com/developers/docs/topics/opcodes-and-status-codes#gateway-gateway-close-event-codes',
};
const DISCORD_RESUME: Reference = {
  title: 'Discord docs, Gateway: Disconnecting and Resuming',
  url: 'https://discord.com/developers/docs/events/gateway#resuming',
};

const DISCORD: Readonly<Record<string, Entry>> = {
  4000: ['source', DISCORD_TABLE, DISCORD_RESUME],
  4001: ['source', DISCORD_TABLE, DISCORD_RESUME],
  4002: ['source', DISCORD_TABLE, DISCORD_RESUME],
  4003: ['source', DISCORD_TABLE, DISCORD_RESUME],
  4004: ['source', DISCORD_TABLE],
  4005: ['source', DISCORD_TABLE, DISCORD_RESUME],
  4007: ['source', DISCORD_TABLE],
  4008: ['closewise', DISCORD_TABLE],
  4009: ['source', DISCORD_TABLE],
  4010: ['source', DISCORD_TABLE],
  4011: ['source', DISCORD_TABLE],
  4012: ['source', DISCORD_TABLE],
  4013: ['source', DISCORD_TABLE],
  4014: ['source', DISCORD_TABLE],
};

const VOICE_TABLE: Reference = {
  title: 'Discord docs, Voice Close Event Codes',
  url: 'https://discord.com/developers/docs/topics/opcodes-and-status-codes#voice-voice-close-event-codes',
};
const VOICE_JS = gh(
  'discordjs/discord.js',
  'packages/voice/src/networking/Networking.ts',
  'resumes only after 4015 (and codes below 4000)',
);

const DISCORD_VOICE: Readonly<Record<string, Entry>> = {
  4001: ['closewise', VOICE_TABLE],
  4002: ['closewise', VOICE_TABLE],
  4003: ['closewise', VOICE_TABLE],
  4004: ['closewise', VOICE_TABLE],
  4005: ['closewise', VOICE_TABLE],
  4006: ['closewise', VOICE_TABLE, VOICE_JS],
  4009: ['closewise', VOICE_TABLE, VOICE_JS],
  4011: ['closewise', VOICE_TABLE],
  4012: ['closewise', VOICE_TABLE],
  4014: ['source', VOICE_TABLE],
  4015: ['source', VOICE_TABLE, VOICE_JS],
  4016: ['closewise', VOICE_TABLE],
  4017: ['closewise', VOICE_TABLE],
  4020: ['closewise', VOICE_TABLE],
  4021: ['source', VOICE_TABLE],
  4022: ['source', VOICE_TABLE],
};

const PROFILES: Readonly<Record<string, Readonly<Record<string, Entry>>>> = {
  'graphql-ws': GRAPHQL_WS,
  centrifugo: CENTRIFUGO,
  pusher: PUSHER,
  discord: DISCORD,
  'discord-voice': DISCORD_VOICE,
};

function source(map: string, key: string, entry: Entry | undefined): CodeSource | undefined {
  if (!entry) return undefined;
  const [action, ...refs] = entry;
  return { map, key, refs, action };
}

/**
 * Where the meaning and the default action of a code come from: the RFC section, IANA registration,
 * standard, or server docs and source behind the entry that describes it (with `codes`, the entry of
 * a built-in profile that defines it), and whether the action is prescribed by them or is
 * closewise's own policy. `undefined` for a code that an app's own `defineCodes` map defines.
 * Throws a `RangeError` naming anything that is not an integer 0-65535.
 *
 * @example
 * ```ts
 * import { graphqlWs, sourceOf } from 'closewise/registry';
 * sourceOf(1013)?.action;                      // 'deviation'
 * sourceOf(4403, { codes: graphqlWs })?.key;   // '4403'
 * sourceOf(4444)?.key;                         // 'private'
 * ```
 */
export function sourceOf(code: number, options: { readonly codes?: CodesOption } = {}): CodeSource | undefined {
  assertCode(code);
  const maps = asCodeMaps(options.codes);
  if (code < 1000 || code > 2999) {
    for (let i = maps.length - 1; i >= 0; i--) {
      const map = maps[i];
      if (!map) continue;
      const builtIn = profiles[map.id] === map ? PROFILES[map.id] : undefined;
      if (map.codes[code]) return builtIn && source(map.id, String(code), builtIn[code]);
      const range = map.ranges.find((r) => code >= r.min && code <= r.max);
      if (range) return builtIn && source(map.id, `${range.min}-${range.max}`, builtIn[`${range.min}-${range.max}`]);
    }
  }
  const key = isNamedCode(code) ? code : rangeOf(code);
  return source('registry', String(key), REGISTRY[key]);
}

/**
 * The source of every registry entry and built-in profile row, for tests and docs.
 *
 * @example
 * ```ts
 * for (const s of allSources()) console.log(s.map, s.key, s.refs.length);
 * ```
 */
export function allSources(): CodeSource[] {
  const out: CodeSource[] = [];
  for (const [key, entry] of Object.entries(REGISTRY)) out.push(source('registry', key, entry) as CodeSource);
  for (const [map, rows] of Object.entries(PROFILES)) {
    for (const [key, entry] of Object.entries(rows)) out.push(source(map, key, entry) as CodeSource);
  }
  return out;
}
