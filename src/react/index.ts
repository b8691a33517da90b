/**
 * `closewise/react`: hooks for a closewise socket, and the status banner as a React component.
 * React (18 or later) is an optional peer dependency; importing this entry has no side effects.
 *
 * @packageDocumentation
 */
export type { StatusBannerProps } from './status-banner.js';
export { StatusBanner } from './status-banner.js';
export { useResilientSocket } from './use-resilient-socket.js';
export type { EventsOf } from './use-socket-event.js';
export { useSocketEvent } from './use-socket-event.js';
export type { StatusSubject } from './use-socket-status.js';
export { SERVER_STATUS, useSocketStatus } from './use-socket-status.js';
