import type { CloseClassification } from '../policy/classify.js';
import { adviceFor, resolveDefinition } from '../registry/resolve.js';
import type { AdviceCatalog, CodeMap } from '../registry/types.js';
import type { PolicyEvent } from './events.js';

// The `policy` event, built alike by every interpreter of the engine, with the registry's advice.

/** Is this a thenable? Providers and hooks may return a value or a promise. */
export function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
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
