import type { CloseClassification } from '../policy/classify.js';
import { adviceFor, resolveDefinition } from '../registry/resolve.js';
import type { AdviceCatalog, CodeMap } from '../registry/types.js';
import type { PolicyEvent } from './events.js';
import type { RefreshContext } from './options.js';

// What ResilientSocket and the reconnecting-websocket adapter do alike when a policy close
// arrives: run the app's auth refresh, and build the `policy` event with the registry's advice.

/** Is this a thenable? Providers and hooks may return a value or a promise. */
export function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/**
 * Calls `auth.refresh` for a close and reports the outcome once: `done` when it returned or
 * resolved, `failed` when it threw or rejected.
 */
export function runRefresh(
  refresh: (ctx: RefreshContext) => void | Promise<void>,
  c: CloseClassification,
  done: () => void,
  failed: (error: unknown) => void,
): void {
  try {
    const result = refresh({ trigger: c.code === 1006 ? 'handshake' : 'policy', classification: c });
    if (isPromise(result)) result.then(done, failed);
    else done();
  } catch (error) {
    failed(error);
  }
}

/** The `policy` event for a close, with the registry's advice in `locale`. */
export function policyEvent(
  c: CloseClassification,
  kind: PolicyEvent['kind'],
  locale: AdviceCatalog,
  codes: readonly CodeMap[],
  actions: { retry(): void; stop(): void },
  resumeAt?: number,
): PolicyEvent {
  return {
    classification: c,
    kind,
    advice: { ...adviceFor(c.code, locale, resolveDefinition(c.code, codes)).text },
    ...(resumeAt !== undefined && { resumeAt }),
    retry: actions.retry,
    stop: actions.stop,
  };
}
