// The benchmark harness, run small so it cannot rot. It asserts that every scenario ran and
// produced sane results; it asserts no timings (those live in docs/benchmarks.md).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

describe('npm run bench -- --smoke', () => {
  it('runs every section and every library', async () => {
    if (!existsSync('dist/index.js')) await promisify(execFile)('npx', ['tsdown']);
    const { stdout } = await promisify(execFile)(process.execPath, ['bench/run.mjs', '--smoke'], {
      encoding: 'utf8',
      timeout: 170_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    const r = JSON.parse(stdout.trim().split('\n').at(-1) as string);
    const libraries = ['closewise', 'reconnecting-websocket', 'partysocket', 'sockette', 'websocket-ts'];

    expect(r.size.map((row: { name: string }) => row.name)).toContain('reconnecting-websocket 4.4.0');
    for (const row of r.size) expect(row.gzip).toBeGreaterThan(0);
    // Every part of the socket breakdown matched its modules (a moved file would cost 0 bytes).
    const parts: Array<{ name: string; gzip: number }> = r.breakdown.rows;
    for (const row of parts) expect(row.gzip, row.name).toBeGreaterThan(100);
    expect(parts.reduce((sum, row) => sum + row.gzip, 0)).toBe(r.breakdown.whole);

    for (const row of r.send) expect(Number.isFinite(row.ratio) && row.ratio > 0).toBe(true);

    expect(r.storm.fleet.map((row: { library: string }) => row.library)).toEqual(libraries);
    for (const row of r.storm.fleet) {
      expect(row.connectedBefore, row.library).toBe(row.clients);
      expect(row.recovered, row.library).toBe(row.clients);
      expect(row.attemptsDuringOutage, row.library).toBeGreaterThan(0);
    }
    for (const row of r.storm.blip) expect(Number.isFinite(row.medianMs), row.library).toBe(true);
    // The crash scenario ran for every library and every crash length, and everyone came back.
    expect(new Set(r.storm.crash.map((row: { library: string }) => row.library))).toEqual(new Set(libraries));
    type CrashRow = {
      library: string;
      downMs: number;
      clients: number;
      connectedBefore: number;
      recovered: number;
      attemptsWhileDown: number;
      peak: number;
      p99: number;
    };
    for (const row of r.storm.crash as CrashRow[]) {
      expect(row.connectedBefore, row.library).toBe(row.clients);
      expect(row.recovered, `${row.library} ${row.downMs}`).toBe(row.clients);
      expect(row.peak * row.p99, row.library).toBeGreaterThan(0);
    }
    // The server really was down: every library tried while it was (partysocket's first retry
    // may come after a 2 s crash, so over all the lengths).
    for (const library of libraries) {
      const rows = (r.storm.crash as CrashRow[]).filter((row) => row.library === library);
      expect(Math.max(...rows.map((row) => row.attemptsWhileDown)), library).toBeGreaterThan(0);
    }
    for (const row of r.storm.acceptThenClose) expect(row.attemptsPerSecondPerClient, row.library).toBeGreaterThan(0);

    for (const row of r.real) {
      expect(row.connectedBefore, `${row.library} ${row.restart}`).toBe(row.clients);
      expect(row.allBackMs, `${row.library} ${row.restart}`).not.toBeNull();
    }

    // No leaks: nothing left subscribed or alive after the churn.
    for (const row of r.memory.churn.fresh) expect([row.lifecycleListeners, row.liveSockets]).toEqual([0, 0]);
    for (const row of r.memory.churn.reconnect) expect(row.listeners).toBe(0);
  }, 180_000);
});
