import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, nextDelay } from '../../src/policy/backoff.js';
import { MAX_HINT_MS } from '../../src/policy/hints.js';
import type { CloseAction } from '../../src/registry/types.js';

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
