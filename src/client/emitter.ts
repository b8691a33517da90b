import { EventEmitter } from 'eventemitter3';
import type { Clock } from './clock.js';

/**
 * eventemitter3, with one difference: a listener that throws cannot derail the emitter.
 *
 * The socket emits from inside its own state changes (a `close` listener runs before the retry is
 * scheduled). An exception escaping there would leave it half-way, open with no connection and no
 * timer, for good. Instead the error is rethrown from a zero-delay timer on the socket's clock,
 * where the page reports it as it would a DOM event listener's error, and `emit` returns normally.
 * As with eventemitter3, the listeners after the one that threw do not see that event.
 *
 * @example
 * ```ts
 * socket.on('close', () => { throw new Error('bug in the app'); }); // reported; the socket still reconnects
 * ```
 */
export class GuardedEmitter<Events extends EventEmitter.ValidEventTypes> extends EventEmitter<Events> {
  readonly #clock: Clock;

  constructor(clock: Clock) {
    super();
    this.#clock = clock;
  }

  override emit<T extends EventEmitter.EventNames<Events>>(
    event: T,
    ...args: EventEmitter.EventArgs<Events, T>
  ): boolean {
    try {
      return super.emit(event, ...args);
    } catch (error) {
      this.#clock.setTimeout(() => {
        throw error;
      }, 0);
      return true;
    }
  }
}
