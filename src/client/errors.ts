/**
 * What went wrong, for `error` events.
 *
 * - `url`: the URL or protocols provider threw, rejected, gave an invalid URL, or had not settled
 *   within `connectTimeoutMs`.
 * - `connect`: the WebSocket constructor threw.
 * - `socket`: the native socket reported an error (browsers give no detail; a close follows).
 * - `auth-refresh`: `auth.refresh` threw or rejected; the socket stays paused.
 * - `open-hook`: `onOpen` threw or rejected; the attempt counts as failed and is retried.
 * - `heartbeat`: `heartbeat.ping` threw (no ping and no pong deadline this round; the connection
 *   stays up) or `heartbeat.isPong` threw (the message is delivered as an ordinary message).
 *
 * @example
 * ```ts
 * socket.on('error', (e) => { if (e.kind === 'auth-refresh') showLogin(); });
 * ```
 */
export type ClosewiseErrorKind = 'url' | 'connect' | 'socket' | 'auth-refresh' | 'open-hook' | 'heartbeat';

/**
 * The error type of every `error` event.
 *
 * @example
 * ```ts
 * socket.on('error', (err) => {
 *   if (err.kind === 'auth-refresh') showLogin();
 *   console.warn(err.message, err.cause);
 * });
 * ```
 */
export class ClosewiseError extends Error {
  override readonly name = 'ClosewiseError';
  readonly kind: ClosewiseErrorKind;

  constructor(kind: ClosewiseErrorKind, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.kind = kind;
  }
}

/**
 * Thrown by `send()` when the outbox is full and `outbox.overflow` is `'reject'` (the default):
 * nothing was queued and nothing was dropped.
 *
 * @example
 * ```ts
 * try { socket.send(msg); } catch (err) { if (err instanceof OutboxFullError) retryLater(msg); }
 * ```
 */
export class OutboxFullError extends Error {
  override readonly name = 'OutboxFullError';
  readonly limit: 'messages' | 'bytes';

  constructor(limit: 'messages' | 'bytes', max: number) {
    super(`closewise: outbox full (max ${max} ${limit}); message not queued`);
    this.limit = limit;
  }
}
