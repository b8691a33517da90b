import type { SendResult } from '../client/events.js';
import type { DroppedMessage, DropReason, MessageData } from '../client/outbox.js';
import { ResilientSocket } from '../client/resilient-socket.js';

/**
 * A message one tab sent that another tab's connection carries: `from` is the tab that sent it
 * and `seq` its number there, so that a loss is reported in that tab and a handoff keeps the
 * tab's order.
 *
 * @example
 * ```ts
 * const item: Relayed = { from: 'b7c1…', seq: 3, data: '{"type":"chat","text":"hi"}' };
 * ```
 */
export interface Relayed {
  readonly from: string;
  readonly seq: number;
  readonly data: MessageData;
}

/**
 * The leader's real connection: a `ResilientSocket` that also sends for the other tabs. Such a
 * message carries its tab's name through the engine (its tag), so when it is lost (the connection
 * died before it left, the socket stopped or closed with it queued, the outbox overflowed) it
 * goes to `relayLost`, for the tab that sent it, and never to this tab's own `drop` event.
 */
export class LeaderSocket extends ResilientSocket {
  /** Where lost relayed messages go; a leader that steps down points it at its handoff. */
  relayLost: (message: Relayed, reason: DropReason) => void = () => {};

  /** Sends `data` for tab `from` (checked by that tab's `send`); throws as `send` does. */
  sendFor(message: Relayed): SendResult {
    return this.sendTagged(message.data, message);
  }

  protected override dropped(message: DroppedMessage, tag: unknown): void {
    if (tag === undefined) super.dropped(message, tag);
    else this.relayLost(tag as Relayed, message.reason);
  }
}
