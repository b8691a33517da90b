import type { SocketStatus } from '../client/events.js';
import type { EngineState } from './state.js';

/** The status a state shows. */
export function statusOf(s: EngineState): SocketStatus {
  const p = s.phase;
  return {
    state: p.name,
    attempt: s.outage.attempts,
    ...(p.name === 'backoff' && { nextRetryAt: p.until }),
    ...(s.lastClose && { lastClose: s.lastClose }),
  };
}
