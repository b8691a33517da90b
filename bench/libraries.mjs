// How each library is constructed in the simulations: its defaults, as its README shows them.

import PartySocketWebSocket from 'partysocket/ws';
import ReconnectingWebSocket from 'reconnecting-websocket';
import sockette from 'sockette';
import { ExponentialBackoff, WebsocketBuilder } from 'websocket-ts';
import { ResilientSocket } from '../dist/index.js';

/**
 * Each entry builds one client for `url` in a world. `needsGlobals`: the library reads the global
 * WebSocket / setTimeout, so the simulation installs its own while it runs.
 */
export const LIBRARIES = {
  closewise: {
    label: 'closewise (defaults)',
    flush: false,
    create: (url, { world, clock, random, options }) =>
      new ResilientSocket(url, {
        ...options,
        WebSocket: world.WebSocket,
        clock: { now: () => clock.now, setTimeout: clock.setTimeout, clearTimeout: clock.clearTimeout },
        random,
        lifecycle: false,
      }),
  },
  'reconnecting-websocket': {
    label: 'reconnecting-websocket 4.4.0 (defaults)',
    flush: true,
    // rws computes minReconnectionDelay = 1000 + Math.random() * 4000 once per page load; every
    // simulated client is its own page, so each gets its own draw of that default.
    create: (url, { world, random }) =>
      new ReconnectingWebSocket(url, [], { WebSocket: world.WebSocket, minReconnectionDelay: 1000 + random() * 4000 }),
  },
  partysocket: {
    label: 'partysocket 1.3.0 (defaults)',
    flush: true,
    create: (url, { world }) => new PartySocketWebSocket(url, [], { WebSocket: world.WebSocket }),
  },
  sockette: {
    label: 'sockette 2.0.6 (defaults)',
    flush: false,
    needsGlobalWebSocket: true,
    create: (url) => sockette(url, {}),
  },
  'websocket-ts': {
    label: 'websocket-ts 2.3.0 (ExponentialBackoff(100, 7) from its README)',
    flush: false,
    needsGlobalWebSocket: true,
    create: (url) => new WebsocketBuilder(url).withBackoff(new ExponentialBackoff(100, 7)).build(),
  },
};
