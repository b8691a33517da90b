/**
 * `closewise/tabs`: one connection and one token refresh per browser, not per tab.
 *
 * @packageDocumentation
 */
export type { TabChannel, TabLocks, TabStorage, TabsPlatform } from './platform.js';
export { browserPlatform } from './platform.js';
export type { RefreshOutcome } from './protocol.js';
export type { SharedSocketEvents, SharedSocketOptions, TabRole } from './shared-socket.js';
export { SharedSocket } from './shared-socket.js';
export type { SingleFlightContext, SingleFlightOptions } from './single-flight.js';
export { singleFlightRefresh } from './single-flight.js';
