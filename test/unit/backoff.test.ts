import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, nextDelay } from '../../src/policy/backoff.js';
import { MAX_HINT_MS } from '../../src/policy/hints.js';
import type { CloseAction } from '../../src/registry/types.js';
import { seededRandom } from '../support/fakes.js';

const at = (r: number) => () => r;

describe('nextDelay', () => {
  it('reconnect: full jitter over a doubling ceiling, capped', () => {
    expect(nextDelay({ action: 'reconnect', attempt: 0, random: at(0.5) })).toBe(500);
    expect(nextDelay({ action: 'reconnect', attempt: 3, random: at(1) })).toBe(8000);
    expect(nextDelay({ action: 'reconnect', attempt: 20, random: at(1) })).toBe(30_000);
    expect(nextDelay({ action: 'reconnect', attempt: 20, random: at(0.25) })).toBe(7500);
  });

  it('fleet scope spreads the first wave over 8 s, then stays in the upper half of an 11 s cap', () => {
    expect(nextDelay({ action: 'reconnect', attempt: 0, random: at(1), scope: 'fleet' })).toBe(8000);
    expect(nextDelay({ action: 'reconnect', attempt: 0, random: at(0), scope: 'fleet' })).toBe(0);
    expect(nextDelay({ action: 'reconnect', attempt: 5, random: at(1), scope: 'fleet' })).toBe(11_000);
    expect(nextDelay({ action: 'reconnect', attempt: 5, random: at(0), scope: 'fleet' })).toBe(5500);
    expect(nextDelay({ action: 'reconnect', attempt: 0, random: at(1), scope: 'client' })).toBe(1000);
  });

  it('the first reconnect is delayed by a random amount', () => {
    const delays = new Set([0.1, 0.4, 0.9].map((r) => nextDelay({ action: 'reconnect', attempt: 0, random: at(r) })));
    expect(delays.size).toBe(3);
  });

  it('reconnect-later (1012) waits 5-30 s', () => {
    expect(nextDelay({ action: 'reconnect-later', attempt: 0, random: at(0) })).toBe(5000);
    expect(nextDelay({ action: 'reconnect-later', attempt: 0, random: at(1) })).toBe(30_000);
  });

  it('slow-down waits at least 30 s and reaches 5-10 min', () => {
    expect(nextDelay({ action: 'slow-down', attempt: 0, random: at(0) })).toBe(30_000);
    expect(nextDelay({ action: 'slow-down', attempt: 1, random: at(0) })).toBe(60_000);
    expect(nextDelay({ action: 'slow-down', attempt: 50, random: at(0) })).toBe(300_000);
    expect(nextDelay({ action: 'slow-down', attempt: 50, random: at(1) })).toBe(600_000);
  });

  it("a retry-after hint is a floor on the code's own delay, never a replacement", () => {
    expect(nextDelay({ action: 'reconnect', attempt: 0, retryAfterMs: 2000, random: at(0) })).toBe(2000);
    expect(nextDelay({ action: 'reconnect', attempt: 0, retryAfterMs: 2000, random: at(1) })).toBe(2400);
    // The code's own delay is longer than the hint: it stands.
    expect(nextDelay({ action: 'reconnect', attempt: 9, retryAfterMs: 2000, random: at(1) })).toBe(30_000);
    expect(nextDelay({ action: 'slow-down', attempt: 0, retryAfterMs: 5000, random: at(0) })).toBe(30_000);
    // retry-after=0 keeps backoff.
    expect(nextDelay({ action: 'reconnect', attempt: 3, retryAfterMs: 0, random: at(0.5) })).toBe(4000);
    expect(nextDelay({ action: 'reconnect', attempt: 0, retryAfterMs: 1e12, random: at(0) })).toBe(MAX_HINT_MS);
  });

  it('maxDelayMs caps fleet delays too; the server-instructed ones (1012, 1013) may exceed it', () => {
    const capped = { ...DEFAULT_BACKOFF, initialDelayMs: 20, maxDelayMs: 100 };
    for (const attempt of [0, 1, 5, 40]) {
      expect(nextDelay({ action: 'reconnect', attempt, random: at(1), scope: 'fleet' }, capped)).toBeLessThanOrEqual(
        100,
      );
    }
    expect(nextDelay({ action: 'reconnect-later', attempt: 0, random: at(0) }, capped)).toBe(5000);
    expect(nextDelay({ action: 'slow-down', attempt: 0, random: at(0) }, capped)).toBe(30_000);
  });

  it('survives a broken random source', () => {
    expect(nextDelay({ action: 'reconnect', attempt: 1, random: at(Number.NaN) })).toBe(1000);
    expect(nextDelay({ action: 'reconnect', attempt: 1, random: at(7) })).toBe(2000);
  });

  it('property: any attempt count gives a finite delay within bounds, still random at the cap', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.nat(), fc.constant(Number.MAX_SAFE_INTEGER), fc.constant(1e6)),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom('reconnect', 'reconnect-later', 'slow-down', 'policy'),
        (attempt, r, action) => {
          const d = nextDelay({ action, attempt, random: at(r) });
          expect(Number.isFinite(d)).toBe(true);
          expect(d).toBeGreaterThanOrEqual(0);
          expect(d).toBeLessThanOrEqual(2 * DEFAULT_BACKOFF.slowDownMaxMs);
          if (action === 'slow-down') expect(d).toBeGreaterThanOrEqual(DEFAULT_BACKOFF.slowDownMinMs);
          if (action === 'reconnect') {
            expect(d).toBeLessThanOrEqual(DEFAULT_BACKOFF.maxDelayMs);
            // No collapse at the cap: the delay still follows the random draw.
            if (attempt > 40) expect(d).toBe(Math.round(r * DEFAULT_BACKOFF.maxDelayMs));
          }
        },
      ),
    );
  });

  it("property: with a hint, the delay is the larger of the code's own and hint * (1 + up to 20 %)", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 10 * MAX_HINT_MS }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom('reconnect', 'reconnect-later', 'slow-down', 'policy') as fc.Arbitrary<CloseAction>,
        fc.nat({ max: 50 }),
        (hint, r, action, attempt) => {
          const own = nextDelay({ action, attempt, random: at(r) });
          const d = nextDelay({ action, attempt, retryAfterMs: hint, random: at(r) });
          const floor = Math.min(hint, MAX_HINT_MS);
          expect(d).toBeGreaterThanOrEqual(Math.max(own, floor));
          expect(d).toBeLessThanOrEqual(Math.max(own, Math.round(floor * 1.2)));
        },
      ),
    );
  });
});

describe('crash profile: a 1006 while open, then a handshake that fails too', () => {
  const { crashDelayMs: a, crashGrowth: b, crashMaxDelayMs: cap, initialDelayMs } = DEFAULT_BACKOFF;
  const crash = (unanswered: number, elapsedMs: number, r: number, config = DEFAULT_BACKOFF) =>
    nextDelay(
      { action: 'reconnect', attempt: unanswered, random: at(r), scope: 'client', unanswered, elapsedMs },
      config,
    );

  it('the first failure waits out the blip window, then spreads the fleet over one period', () => {
    // The first retries were spread over [0, initialDelayMs]: the next ones start where that ends.
    expect(crash(1, 400, 0)).toBe(initialDelayMs - 400);
    expect(crash(1, 400, 1)).toBe(Math.round(initialDelayMs + a + b * initialDelayMs - 400));
    const middle = crash(1, 400, 0.5);
    expect(middle).toBeGreaterThan(crash(1, 400, 0.25));
    expect(middle).toBeLessThan(crash(1, 400, 0.75));
    // A first failure that comes late (a slow handshake) spreads from where it is.
    expect(crash(1, 5000, 0)).toBe(0);
    expect(crash(1, 5000, 1)).toBe(Math.round(a + b * 5000));
  });

  it('later failures wait one period, growing with the time since the outage began, up to the cap', () => {
    expect(crash(2, 2000, 0.3)).toBe(Math.round(a + b * 2000));
    expect(crash(5, 10_000, 0.9)).toBe(Math.round(a + b * 10_000));
    expect(crash(5, 20_000, 0)).toBeGreaterThan(crash(5, 10_000, 0));
    // The period bends into the cap, which it never passes.
    expect(crash(9, 25_000, 0)).toBeLessThan(Math.round(a + b * 25_000));
    expect(crash(9, 600_000, 0)).toBe(cap);
    expect(crash(9, 600_000, 1)).toBe(cap);
  });

  it('a growth too small to matter is none, and a long blip window cannot push a wait past the cap', () => {
    // 1 + 1e-16 === 1: the density inverse would divide rounding noise by it (found by review).
    const tiny = { ...DEFAULT_BACKOFF, crashGrowth: 1e-16 };
    expect(crash(1, 0, 0.7, tiny)).toBe(Math.round(initialDelayMs + 0.7 * a));
    const long = { ...DEFAULT_BACKOFF, initialDelayMs: 20_000 };
    for (const r of [0, 0.5, 0.999]) expect(crash(1, 0, r, long)).toBeLessThanOrEqual(cap);
  });

  it('a fleet-scoped outage keeps its own spread; maxDelayMs caps the crash profile too', () => {
    const fleet = nextDelay({
      action: 'reconnect',
      attempt: 3,
      random: at(1),
      scope: 'fleet',
      unanswered: 3,
      elapsedMs: 9000,
    });
    expect(fleet).toBe(DEFAULT_BACKOFF.fleetMaxDelayMs);
    const fast = { ...DEFAULT_BACKOFF, initialDelayMs: 50, maxDelayMs: 200 };
    for (const [n, s, r] of [
      [1, 0, 1],
      [1, 10, 0],
      [4, 30_000, 1],
      [4, 30_000, 0],
    ] as const) {
      expect(crash(n, s, r, fast)).toBeLessThanOrEqual(200);
    }
  });

  it('property: any failures, elapsed time and random draw give a finite delay within the bounds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        fc.oneof(fc.double({ min: 0, max: 1e13 }), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -5)),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, s, r) => {
          const d = crash(n, s, r);
          expect(Number.isFinite(d)).toBe(true);
          expect(d).toBeGreaterThanOrEqual(0);
          // No client waits longer than the blip window plus one period at the cap.
          expect(d).toBeLessThanOrEqual(initialDelayMs + cap);
          if (n > 1) expect(d).toBeLessThanOrEqual(cap);
        },
      ),
    );
  });

  // The profile alone, as a fleet would run it: N clients drop at t = 0, retry within 1 s, find the
  // server down for D, and come back. The server sees a flat stream of about N / period attempts
  // per second and everyone is back within one period; full jitter doubling to 30 s (the client
  // profile) piles them up early and leaves a tail of up to 30 s.
  it.each([2000, 10_000, 30_000, 120_000])(
    'a fleet that crashed together comes back as a flat stream (down %i ms)',
    (downMs) => {
      const random = seededRandom(downMs);
      const N = 2000;
      const arrivals: number[] = [];
      for (let i = 0; i < N; i++) {
        let t = Math.round(random() * initialDelayMs); // the blip retry
        for (let failures = 1; t < downMs; failures++) {
          t +=
            5 +
            nextDelay({
              action: 'reconnect',
              attempt: failures,
              random,
              scope: 'client',
              unanswered: failures,
              elapsedMs: t + 5,
            });
        }
        arrivals.push(t - downMs);
      }
      arrivals.sort((x, y) => x - y);
      const period = crash(5, downMs, 0); // the profile's period when the server comes back
      let peak = 0;
      for (let i = 0, j = 0; j < N; j++) {
        while ((arrivals[j] as number) - (arrivals[i] as number) >= 1000) i++;
        peak = Math.max(peak, j - i + 1);
      }
      expect(arrivals.at(-1)).toBeLessThanOrEqual(cap + 10);
      expect(arrivals[Math.ceil(0.99 * N) - 1]).toBeLessThanOrEqual(1.05 * period);
      // Even: no second gets much more than its share (the rest is the noise of 2,000 random draws).
      expect(peak).toBeLessThanOrEqual(1.2 * (N / (period / 1000)));
    },
  );
});
