/**
 * The crash profile: the retry schedule once the server looks down for everyone.
 *
 * A 1006 while open looks the same for a lone client's network blip and for a server crash; what
 * differs is whether the first retry fails. When it fails in the handshake too, every client that
 * was connected is retrying at once, and the load on the server when it comes back is what
 * matters. This profile spreads the fleet evenly over one retry period and keeps it even while the
 * period grows, so the recovering server sees a flat stream of about N / period attempts per
 * second, and every client is back within about one period. Measured in docs/benchmarks.md.
 */

/** The crash profile's numbers, all in milliseconds except the growth. */
export interface CrashConfig {
  /** The retry period when the outage begins. */
  readonly crashDelayMs: number;
  /** How fast the period grows with the time since the outage began (0.22: 1.1 s per 5 s down). */
  readonly crashGrowth: number;
  /** The largest period. */
  readonly crashMaxDelayMs: number;
  /** The client profile's first ceiling: the blip retries were spread over [0, this]. */
  readonly initialDelayMs: number;
  /** The cap on every reconnect delay. */
  readonly maxDelayMs: number;
}

// The period bends into the cap over this share of it instead of meeting it at a corner: a
// corner would make the retries just before it and just after it stretch differently, and once
// the period stops growing that unevenness repeats in every later period (measured: 1.7x the
// even rate for a 30 s crash). A smooth bend keeps the stream within a few per cent of even.
const KNEE = 0.2;
// No jitter at the cap: with every client on the same period the stream stays as even as it was
// when the period stopped growing; one-sided jitter (measured at 10 % and 20 %) shortened the
// period on average and made the stream less even, not more.

/** min(x, cap), with the corner rounded off over [cap - h, cap + h] (a quadratic, C1-smooth). */
function bend(x: number, cap: number): number {
  const h = KNEE * cap;
  if (x <= cap - h) return x;
  if (x >= cap + h) return cap;
  return x - (x - cap + h) ** 2 / (4 * h);
}

/**
 * The delay before the next attempt, given the unanswered attempts in a row (>= 1), the time since
 * the outage began and a random number in [0, 1].
 *
 * The period is T(s) = crashDelayMs + crashGrowth * s at s ms into the outage, bent smoothly into
 * `min(crashMaxDelayMs, maxDelayMs)`. The first
 * failure picks the next attempt in the window [w, w + T(w)], w = max(s, initialDelayMs), with a
 * density proportional to 1 / T: that is what the fleet's attempts look like when spread evenly
 * over a growing period. Every later failure waits exactly T(s), which keeps that spread (a
 * linear T maps an even spread onto an even spread), until the cap.
 *
 * @example
 * ```ts
 * crashDelay(1, 500, 0, config); // the first failure: wait out the blip window, then spread
 * crashDelay(4, 10_000, 0.3, config); // later: one period, 2480 + 0.22 * 10000 = 4680
 * ```
 */
export function crashDelay(failures: number, elapsedMs: number, r: number, config: CrashConfig): number {
  const cap = Math.max(0, Math.min(config.crashMaxDelayMs, config.maxDelayMs));
  const a = config.crashDelayMs;
  // A growth this small is none: the inverse below would lose every digit to rounding.
  const b = Number.isFinite(config.crashGrowth) && config.crashGrowth >= 1e-9 ? config.crashGrowth : 0;
  const s = Number.isFinite(elapsedMs) ? Math.max(elapsedMs, 0) : 0;
  const period = (at: number) => bend(a + b * at, cap);
  let delay: number;
  if (failures <= 1) {
    const w = Math.max(s, Math.min(config.initialDelayMs, cap));
    const start = period(w);
    // Inverse of the 1 / T density over one period; uniform where T no longer grows.
    const grows = b > 0 && a + b * (w + start) <= (1 - KNEE) * cap;
    const target = grows ? Math.min(w + start, (start * (1 + b) ** r - a) / b) : w + r * start;
    delay = target - s;
  } else delay = period(s);
  // Never beyond the cap, even when a long blip window (initialDelayMs) pushes the window out.
  return Math.round(Math.min(Math.max(delay, 0), cap));
}
