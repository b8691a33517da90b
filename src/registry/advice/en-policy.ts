import type { AdviceCatalog, AdviceText } from '../types.js';

/**
 * The English advice that `ResilientSocket` and the reconnecting-websocket adapter attach to
 * `policy` events by default: the codes whose registry action is `policy` (1008, 3000) and every
 * range, which serves any code that an app or a profile maps to `policy` without advice of its
 * own. Protocol codes 1000-2999 cannot be remapped, so no other code's text can ever be asked for.
 * It is part of `en`; keeping it apart keeps the rest of the English text out of a socket bundle.
 *
 * @example
 * ```ts
 * import { enPolicy } from 'closewise/registry';
 * enPolicy.codes[1008].howToFix;
 * ```
 */
export const enPolicy: AdviceCatalog & { readonly codes: Readonly<Record<1008 | 3000, AdviceText>> } = {
  id: 'en',
  codes: {
    1008: {
      description:
        'The server closed the connection because a message violated its policy: the generic code when no more specific one fits, or when the server hides the details.',
      whenYouSee:
        'When you exceed a rate limit, when your auth token expires after the handshake, when you send forbidden content or subscribe to something you may not see, or when the origin is not allowed.',
      howToFix:
        "Check the server's policy and the close reason. For an expired token, refresh it and reconnect once; for a rate limit, wait for the retry-after hint and send less; for forbidden content, fix what the app sends. Blindly reconnecting repeats the violation.",
    },
    3000: {
      description: 'Unauthorized: the server needs valid credentials for this connection (registered with IANA).',
      whenYouSee: 'When the token is missing, invalid or expired, often shortly after connecting.',
      howToFix:
        'Refresh or re-issue the credentials and reconnect once. With auth.refresh configured, closewise does this for you.',
    },
  },
  ranges: {
    'invalid-low': {
      description: 'Codes below 1000 are not valid close codes; the protocol never uses them.',
      whenYouSee: 'From a non-conforming server or library, passed through unchanged by the browser.',
      howToFix:
        'Fix the server to send 1000-1003, 1007-1014 or 3000-4999. closewise treats it as transient but stops after a few repeats.',
    },
    standard: {
      description: 'A close code defined by the WebSocket protocol itself.',
      whenYouSee: 'From any conforming server, proxy or browser.',
      howToFix: 'Look up the individual code for its meaning.',
    },
    unassigned: {
      description: 'Codes 1016-2999 are reserved for future versions of the protocol and are not assigned yet.',
      whenYouSee: 'Only from a non-conforming server or library.',
      howToFix:
        'Fix the server to use a defined code, or 4000-4999 for its own meanings. closewise treats it as transient but stops after a few repeats.',
    },
    registered: {
      description: 'Codes 3000-3999 are for IANA registrations; many libraries use them without registering.',
      whenYouSee: "From a server library with its own codes; Centrifugo's 3000 and 3008 clash with IANA's.",
      howToFix:
        "Look the code up in the server library's documentation, or load its closewise profile so the code gets a name and the right action.",
    },
    private: {
      description: 'Codes 4000-4999 are for private use: each application decides what they mean.',
      whenYouSee: 'From your own server, or a service that defines them such as graphql-ws, Pusher or Discord.',
      howToFix:
        'Check the server documentation for the code, then teach closewise its meaning with defineCodes() or a built-in profile. Until then closewise treats it as transient but stops after a few repeats.',
    },
    'invalid-high': {
      description: 'Codes of 5000 and above are not valid close codes.',
      whenYouSee: 'From a non-conforming server or library, passed through unchanged by the browser.',
      howToFix: 'Fix the server to send a valid code. closewise treats it as transient but stops after a few repeats.',
    },
  },
};
