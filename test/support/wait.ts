import type { ResilientSocketEvents } from '../../src/client/events.js';
import type { ResilientSocket } from '../../src/client/resilient-socket.js';

/** Polls until the predicate holds; fails after `timeoutMs` (bounded, never hangs a run). */
export async function waitFor(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Resolves with the next payload of an event; fails after `timeoutMs`. */
export function nextEvent<K extends keyof ResilientSocketEvents>(
  socket: ResilientSocket,
  event: K,
  timeoutMs = 10_000,
): Promise<Parameters<ResilientSocketEvents[K]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, handler as never);
      reject(new Error(`timed out after ${timeoutMs} ms waiting for '${String(event)}'`));
    }, timeoutMs);
    const handler = (payload: Parameters<ResilientSocketEvents[K]>[0]) => {
      clearTimeout(timer);
      socket.off(event, handler as never);
      resolve(payload);
    };
    socket.on(event, handler as never);
  });
}
