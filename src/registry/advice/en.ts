import type { Locale } from '../types.js';
import { enPolicy } from './en-policy.js';

/**
 * English advice, built in. Written for the developer reading a log line or a banner: what the
 * code means, where it usually comes from, and what to check.
 *
 * @example
 * ```ts
 * import { en } from 'closewise/registry';
 * en.codes[1014].howToFix;
 * ```
 */
export const en: Locale = {
  id: 'en',
  codes: {
    1000: {
      description: 'Normal closure: the purpose for which the connection was established has been fulfilled.',
      whenYouSee:
        'Your app called close(), or the server ended the session on purpose, say on logout or at the end of a job.',
      howToFix:
        "Nothing to fix when your app closed it; when the server did, find out why. closewise's own choice: it reconnects after a server 1000, since a ResilientSocket stays open until your app calls close(). reconnectOnNormalClose: false turns this off.",
    },
    1001: {
      description: 'An endpoint is going away: a server going down, or a browser navigating away from the page.',
      whenYouSee: 'During deploys, restarts and scale-downs, when a server shuts down with connections open.',
      howToFix:
        'Usually nothing: the next attempt reaches a running server. If it happens constantly, check that your load balancer drains connections before stopping a server. closewise reconnects.',
    },
    1002: {
      description: 'An endpoint received a frame that breaks the WebSocket protocol.',
      whenYouSee: 'With a buggy client or server library, or a proxy that alters frames in transit.',
      howToFix:
        'Capture the traffic (browser devtools or a proxy) and compare the library versions on both sides. closewise retries a few times, then stops, since a protocol bug does not fix itself.',
    },
    1003: {
      description:
        'An endpoint received a type of data it cannot accept, for example binary data at an endpoint that understands only text.',
      whenYouSee: 'Right after sending a binary message to a text-only server, or text to a binary-only one.',
      howToFix:
        'Send the type the server expects: a string goes out as text, an ArrayBuffer, typed array or Blob as binary. Reconnecting would only repeat the error, so closewise stops.',
    },
    1004: {
      description: 'Reserved for a meaning the protocol may define later; endpoints should not send it.',
      whenYouSee: 'Only from a non-conforming server or library that picked the code by mistake.',
      howToFix:
        'Report it to whoever runs the server: it should use a defined code. closewise treats it as transient but stops after a few repeats.',
    },
    1005: {
      description:
        'The close frame carried no status code. It must never be sent in a close frame: the browser reports it itself.',
      whenYouSee: 'When the server closed cleanly without giving a code.',
      howToFix: "Make the server send an explicit code. closewise's own choice: it reconnects, as after a server 1000.",
    },
    1006: {
      description:
        'The connection closed without a close frame. It must never be sent in a close frame: the browser reports it itself when the connection dropped or could not be made.',
      whenYouSee:
        'After a network drop, a server crash or a proxy idle timeout, and for any connection that fails before it opens: an unknown host, a refused port, a failed TLS handshake (an expired, self-signed or mismatched certificate) and a rejected upgrade (HTTP 401, 403, 429, 502) all look like 1006.',
      howToFix:
        'Before open: check the certificate chain and host name (open the URL as https://), then the upgrade response in the server or proxy logs (auth, origin, routing), and that proxies pass the Upgrade and Connection headers to the right host and port. After open: check proxy idle timeouts; consider a heartbeat. closewise reconnects with backoff.',
    },
    1007: {
      description:
        'An endpoint received data inconsistent with the message type, such as invalid UTF-8 in a text message.',
      whenYouSee:
        "Not from text a browser sends: send() takes a USVString, always sent as valid UTF-8. It comes from a non-browser peer that builds text frames from raw bytes, or from a server's own validation.",
      howToFix:
        'Find out which message the server rejected (close reason, server logs) and send it in the form the server expects. Retrying sends the same data, so closewise stops.',
    },
    1008: enPolicy.codes[1008],
    1009: {
      description: 'A message was larger than the endpoint that closed the connection accepts.',
      whenYouSee:
        'After sending a large payload, or when the server sends more than a client with a size limit accepts.',
      howToFix:
        "Split or compress large messages, or raise the size limit on the server (for example ws's maxPayload). Reconnecting would send the same message again, so closewise stops.",
    },
    1010: {
      description:
        'A client closed the connection because the server did not agree to an extension the client requires.',
      whenYouSee:
        'Only clients send it, and browsers never do: you meet it in server logs with non-browser clients, or from a non-conforming server.',
      howToFix:
        'Enable the extension on the server, or stop requiring it in the client. closewise stops: the next handshake would negotiate the same way.',
    },
    1011: {
      description: 'The server hit an unexpected condition that kept it from fulfilling the request.',
      whenYouSee:
        "When an unhandled exception reaches the server's connection handler, or a service the server depends on fails.",
      howToFix:
        'Check the server error logs around the time of the close. closewise reconnects with backoff, since the next attempt may reach a healthy server.',
    },
    1012: {
      description: 'The service is restarting.',
      whenYouSee: 'During deploys and planned restarts.',
      howToFix:
        'Nothing to fix. As its registration asks, closewise waits a random 5-30 seconds before reconnecting, so that clients do not all return at the same instant.',
    },
    1013: {
      description: 'The service is overloaded; try again later.',
      whenYouSee: 'During traffic peaks, when the server sheds load or refuses new sessions for a while.',
      howToFix:
        "Add capacity on the server. The registration says to connect to another IP, or to the same one only upon user action. closewise's own choice deviates: a page waiting for a click never recovers, so it reconnects by itself after at least 30 seconds, longer each time, until its budget is spent. To follow the registration, call close() on a 1013 and offer a retry button.",
    },
    1014: {
      description:
        'A gateway or proxy in front of the server received an invalid response from the upstream server, like HTTP 502.',
      whenYouSee:
        'While your connection to the gateway is open: the upstream service crashed, restarted or sent something the gateway could not use.',
      howToFix:
        "Check the upstream service's health and logs, then the gateway's upstream host, port and timeouts. closewise reconnects with backoff, since the upstream may recover.",
    },
    1015: {
      description: 'Reserved for reporting a failed TLS handshake; it must never be sent in a close frame.',
      whenYouSee:
        'Not from a browser: it reports a failed TLS handshake as 1006 and never uses 1015, so a page sees it only from a non-conforming server.',
      howToFix:
        "Report it to whoever runs the server. For certificate problems, see 1006. closewise's own choice: it treats 1015 like 1006 and reconnects.",
    },
    3000: enPolicy.codes[3000],
    3003: {
      description: 'Forbidden: the credentials are valid but not allowed to use this resource (registered with IANA).',
      whenYouSee: 'When the user lacks a role or permission the server requires.',
      howToFix:
        'Check the permissions of the user or service account on the server. Retrying will not change them, so closewise stops.',
    },
    3008: {
      description: 'Timeout: the server closed the connection after a time limit (registered with IANA).',
      whenYouSee: 'After a period without activity, or when a request took too long.',
      howToFix:
        'Send heartbeats if the connection is idle for long periods, or raise the server timeout. closewise reconnects.',
    },
  },
  ranges: enPolicy.ranges,
  labels: {
    headings: { description: 'What it means', whenYouSee: 'When you see it', howToFix: 'How to fix' },
    actions: {
      none: 'nothing to do',
      reconnect: 'reconnect with backoff',
      'reconnect-later': 'reconnect after a random 5-30 s',
      'slow-down': 'back off hard (30 s or more)',
      policy: 'pause and let the app act',
      stop: 'stop reconnecting',
    },
    ranges: {
      'invalid-low': 'invalid (0-999)',
      standard: 'standard (1000-1015)',
      unassigned: 'unassigned (1016-2999)',
      registered: 'libraries and frameworks (3000-3999)',
      private: 'private use (4000-4999)',
      'invalid-high': 'invalid (5000 and above)',
    },
    policyKinds: {
      auth: 'authentication',
      'rate-limit': 'rate limit',
      other: 'policy',
    },
    ui: {
      connecting: 'Connecting…',
      open: 'Connected',
      backoff: 'Connection lost. Retrying in {seconds} s.',
      retryingNow: 'Connection lost. Retrying now…',
      paused: 'Connection paused: action needed.',
      policyAuth: 'Your session expired. Sign in again to reconnect.',
      policyRateLimit: 'Too many requests. Resuming in {seconds} s.',
      offline: 'You are offline. We will reconnect when the network is back.',
      stopped: 'Connection stopped.',
      closed: 'Disconnected.',
      retryNow: 'Retry now',
      dismiss: 'Dismiss',
      lastClose: 'Last close',
    },
    compare: {
      sameAction: 'Both lead to the same action: {action}.',
      differentAction: '{a} means "{actionA}", {b} means "{actionB}".',
      sameRange: 'Both are in the same range: {range}.',
      differentRange: '{a} is {rangeA}; {b} is {rangeB}.',
      mayBeSent: '{code} may be sent in a close frame.',
      reportedLocally: '{code} is never sent in a close frame: the browser reports it itself.',
      mustNotBeSent: '{code} must not be sent in a close frame, but may arrive from a non-conforming peer.',
      identical: 'These are the same code.',
      notSendable: 'must not be sent in a close frame',
      sendable: 'may be sent in a close frame',
      action: 'Action',
      range: 'Range',
      keyDifferences: 'Key differences',
      whenToUseWhich: 'When to use which',
    },
  },
};
