import type { Relayed } from './leader-socket.js';

/**
 * What the leader, and the leaders before it, took from each tab: the last seq taken (a tab's
 * messages are taken in order), and the seqs a tab pushed out of its queue (`drop-oldest`) that
 * no leader took though later ones were. It answers whether a message was taken, decides where a
 * tab's order resumes, and travels in every handoff.
 *
 * @example
 * ```ts
 * const ledger = new TakenLedger();
 * ledger.resume('b7c1…', 1); // 0: nothing taken yet, seq 1 is next
 * ledger.took('b7c1…', 1);
 * ledger.wasTaken('b7c1…', 1); // true
 * ```
 */
export class TakenLedger {
  readonly #last = new Map<string, number>();
  readonly #skipped = new Map<string, Set<number>>();

  clear(): void {
    this.#last.clear();
    this.#skipped.clear();
  }

  /** The last seq taken from `tab`, or 0. */
  last(tab: string): number {
    return this.#last.get(tab) ?? 0;
  }

  /** Seq `seq` of `tab` was taken (it is the next one of that tab). */
  took(tab: string, seq: number): void {
    this.#last.set(tab, seq);
  }

  /** Was seq `seq` of `tab` taken, by this leader or one before it? */
  wasTaken(tab: string, seq: number): boolean {
    return seq <= this.last(tab) && !this.#skipped.get(tab)?.has(seq);
  }

  /**
   * Where `tab`'s order resumes, given `first`, the oldest seq it still offers: the last seq
   * taken. A tab new here starts just before `first`; a known one whose `first` moved past what
   * was taken pushed those messages out: they are skipped, not taken. (Below a new tab's `first`
   * nothing was taken as far as this ledger knows; only the newest pushed-out seqs can be asked
   * about, so the last 1,024 are remembered.)
   */
  resume(tab: string, first: number): number {
    const known = this.#last.get(tab);
    if (known === undefined || first - 1 > known) {
      for (let s = Math.max((known ?? 0) + 1, first - 1024); s < first; s++) this.#skip(tab, s);
      this.#last.set(tab, first - 1);
    }
    return this.last(tab);
  }

  /** Takes in what another ledger (a handoff, the storage record) knew; the higher seq wins. */
  merge(last: Iterable<readonly [string, number]>, skipped: Iterable<readonly [string, number]> = []): void {
    for (const [tab, seq] of last) this.#last.set(tab, Math.max(seq, this.last(tab)));
    for (const [tab, seq] of skipped) this.#skip(tab, seq);
  }

  /** The seqs of `tab` that were skipped. */
  skippedOf(tab: string): ReadonlySet<number> | undefined {
    return this.#skipped.get(tab);
  }

  /** For a handoff. */
  entries(): { taken: [string, number][]; skipped: [string, number][] } {
    const skipped = [...this.#skipped].flatMap(([tab, seqs]) => [...seqs].map((seq): [string, number] => [tab, seq]));
    return { taken: [...this.#last], skipped };
  }

  /** How far each tab's messages went out: what was taken, short of what is `unsent` still. */
  sentThrough(unsent: readonly Relayed[]): Map<string, number> {
    const sent = new Map(this.#last);
    for (const r of unsent) {
      const through = sent.get(r.from);
      if (through !== undefined && r.seq <= through) sent.set(r.from, r.seq - 1);
    }
    return sent;
  }

  #skip(tab: string, seq: number): void {
    const seqs = this.#skipped.get(tab) ?? new Set<number>();
    this.#skipped.set(tab, seqs.add(seq));
  }
}
