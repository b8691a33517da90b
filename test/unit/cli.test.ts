import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';

describe('CLI', () => {
  it('explains a code in English', () => {
    const r = runCli(['explain', '1014']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('1014 Bad Gateway');
    expect(r.stdout).toContain("How to fix: Check the upstream service's health");
  });

  it('explains a code in Turkish, with either flag form', () => {
    for (const args of [
      ['explain', '1008', '--locale', 'tr'],
      ['--locale=tr', 'explain', '1008'],
    ]) {
      const r = runCli(args);
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toContain('Nasıl düzeltilir:');
    }
  });

  it('compares two codes', () => {
    const r = runCli(['compare', '1008', '1014']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('1008 Policy Violation  vs  1014 Bad Gateway');
    expect(r.stdout).toContain('- 1008 means "pause and let the app act", 1014 means "reconnect with backoff".');
  });

  it.each([
    [[]],
    [['explode']],
    [['explain']],
    [['explain', '65536']],
    [['explain', '-1']],
    [['explain', '1e3']],
    [['explain', '10.5']],
    [['explain', '1000', '1001']],
    [['compare', '1008']],
    [['compare', '1008', 'x']],
    [['explain', '1000', '--locale', 'fr']],
    [['explain', '1000', '--locale']],
    [['explain', '1000', '--verbose']],
  ])('%j prints usage and exits 2', (args) => {
    const r = runCli(args);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Usage:');
  });

  it.runIf(existsSync('dist/cli.js'))('the built bin behaves the same', () => {
    expect(execFileSync(process.execPath, ['dist/cli.js', 'explain', '1006'], { encoding: 'utf8' })).toContain(
      '1006 Abnormal Closure',
    );
    const bad = spawnSync(process.execPath, ['dist/cli.js', 'explain', 'nope'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
  });
});
