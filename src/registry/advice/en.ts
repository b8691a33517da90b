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
      description: 'The connection finished its purpose and was closed on purpose by one side.',
      whenYouSee:
        'Your app called close(), or the server ended the session normally. Many servers and proxies also send 1000 when they want the client to reconnect, for example during a deploy.',
      howToFix:
        'Nothing to fix when your app closed it. When the server sent it unexpectedly, check the server logs for why it ended the session; closewise reconnects by default because servers often mean "please reconnect".',
    },
    1001: {
      description: 'An endpoint is going away: a server shutting down or a browser tab navigating away.',
      whenYouSee: 'During deploys, rolling restarts and scale-downs, or when a page unloads.',
      howToFix:
        'Usually nothing: reconnecting reaches another instance. If it happens constantly, check that your load balancer drains connections before stopping instances.',
    },
    1002: {
      description: 'An endpoint received a frame that breaks the WebSocket protocol.',
      whenYouSee:
        'With a buggy client or server library, a proxy that rewrites frames, or masking and fragmentation bugs. Rare in browsers.',
      howToFix:
        'Capture the traffic (browser devtools or a proxy) and compare library versions on both sides. closewise retries a few times and then stops, because a protocol bug does not fix itself.',
    },
    1003: {
      description: 'An endpoint received a type of data it cannot accept, for example binary where it expects text.',
      whenYouSee: 'Right after sending a binary frame to a text-only server, or the other way round.',
      howToFix:
        'Send the data type the server expects (check binaryType and what you pass to send()). Reconnecting would only repeat the error, so closewise stops.',
    },
    1004: {
      description: 'Reserved by the protocol; no endpoint should send it.',
      whenYouSee: 'Only from a misbehaving server or library that picked the code by mistake.',
      howToFix:
        'Report it to whoever runs the server: it should use a defined code. closewise treats it as transient but stops after a few repeats.',
    },
    1005: {
      description: 'The close frame carried no status code. It is never sent on the wire; the browser reports it.',
      whenYouSee:
        'When the server closed cleanly without a code, or a proxy dropped the code while relaying the close.',
      howToFix:
        'Make the server send an explicit code, and check that proxies pass close frames through unchanged. closewise reconnects, as most servers that omit a code expect.',
    },
    1006: {
      description:
        'The connection closed without a close frame. It is never sent on the wire; the browser reports it when the connection dropped or the handshake failed.',
      whenYouSee:
        'After a network drop, a server crash, an idle timeout in a proxy, or a rejected handshake: the browser hides HTTP 401, 403, 429 and 502 answers to the upgrade request behind 1006.',
      howToFix:
        'If it happens before the connection ever opened, look at the HTTP response to the upgrade request in the server or proxy logs (auth, origin, routing). If it happens later, check idle timeouts in proxies and consider a heartbeat.',
    },
    1007: {
      description:
        'An endpoint received data that does not match the message type, such as invalid UTF-8 in a text frame.',
      whenYouSee: 'After sending text built from binary data or a string with broken surrogate pairs.',
      howToFix:
        'Validate or encode the payload before sending (send binary as ArrayBuffer, not as a string). Retrying sends the same data, so closewise stops.',
    },
    1008: enPolicy.codes[1008],
    1009: {
      description: 'A message was larger than the other endpoint accepts.',
      whenYouSee: 'After sending a large payload, or when the server pushes a message bigger than the client limit.',
      howToFix:
        "Split or compress large messages, or raise the size limit on the server (for example ws's maxPayload). Reconnecting would send the same message again, so closewise stops.",
    },
    1010: {
      description: 'The client required a WebSocket extension that the server did not agree to during the handshake.',
      whenYouSee: 'Only with non-browser clients that insist on an extension such as permessage-deflate.',
      howToFix: 'Enable the extension on the server, or stop requiring it in the client.',
    },
    1011: {
      description: 'The server hit an unexpected condition and could not continue.',
      whenYouSee: 'When an exception escapes the server handler, or a dependency the server needs fails.',
      howToFix:
        'Check the server error logs around the close time. closewise reconnects with backoff, since the next attempt may reach a healthy instance.',
    },
    1012: {
      description: 'The server is restarting and asks clients to come back shortly.',
      whenYouSee: 'During deploys and planned restarts.',
      howToFix:
        'Nothing to fix. closewise waits a random 5-30 seconds before reconnecting so that all clients do not return at the same instant.',
    },
    1013: {
      description: 'The server is overloaded or temporarily unable to serve; try again later.',
      whenYouSee: 'During traffic peaks, when the server sheds load or hits a connection limit.',
      howToFix:
        'Back off: closewise waits at least 30 seconds and longer on each repeat. If it persists, add capacity or raise connection limits on the server, and tell users the service is busy.',
    },
    1014: {
      description:
        'A gateway or proxy in front of the server got an invalid response, or no response, from the upstream server.',
      whenYouSee:
        'When the upstream WebSocket service is down, restarting or unreachable from the proxy, or when the proxy routes the upgrade to the wrong place.',
      howToFix:
        "Check the upstream service's health, then the proxy: that it forwards the Upgrade and Connection headers, routes the WebSocket path to the right host and port, and that its upstream timeouts fit. closewise reconnects with backoff, since the upstream may recover.",
    },
    1015: {
      description: 'The TLS handshake failed. It is never sent on the wire; the browser reports it.',
      whenYouSee: 'With an expired, self-signed or mismatched certificate on a wss:// endpoint.',
      howToFix:
        'Check the certificate chain and host name of the wss:// endpoint (open the https:// form of the URL in a browser). closewise treats it like 1006.',
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
