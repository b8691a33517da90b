import type { DropReason, MessageData } from '../client/outbox.js';

/**
 * A message of tab `tab` that the leader took and then lost: the drop that tab must report.
 *
 * @example
 * ```ts
 * const r: LossReport = { tab: 'b7c1…', seq: 3, data: 'hi', reason: 'unsent' };
 * ```
 */
export interface LossReport {
  readonly tab: string;
  readonly seq: number;
  readonly data: MessageData;
  readonly reason: DropReason;
}

/** At most this many reports wait for their tabs (a tab that closed never answers). */
const MAX_REPORTS = 1000;

/**
 * The leader's losses that their tabs have not confirmed hearing yet. A tab in the back/forward
 * cache has no channel open and cannot hear a report; it gets its reports again when it joins,
 * and a new leader gets them in the handoff. Oldest first; past `MAX_REPORTS` the oldest go.
 */
export class LossReports {
  readonly #reports = new Map<string, LossReport>();

  add(report: LossReport): void {
    this.#reports.set(key(report.tab, report.seq), report);
    if (this.#reports.size > MAX_REPORTS) this.#reports.delete(this.#reports.keys().next().value as string);
  }

  /** Tab `tab` has reported the drop of its message `seq`. */
  heard(tab: string, seq: number): void {
    this.#reports.delete(key(tab, seq));
  }

  /** The reports waiting for `tab`, oldest first. */
  for(tab: string): LossReport[] {
    return [...this.#reports.values()].filter((r) => r.tab === tab);
  }

  /** Every waiting report (for a handoff), oldest first. */
  all(): LossReport[] {
    return [...this.#reports.values()];
  }

  clear(): void {
    this.#reports.clear();
  }
}

function key(tab: string, seq: number): string {
  return `${seq}@${tab}`;
}
