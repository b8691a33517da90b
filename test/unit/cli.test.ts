import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
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
      expect(r.stdout).toContain('  Açıklama: ');
      expect(r.stdout).toContain('  Gördüğünüzde: ');
      expect(r.stdout).toContain('  Nasıl Düzeltilir: ');
    }
  });

  it('explains a profile code as that server defines it, with its sources (--profile, --source)', () => {
    const r = runCli(['explain', '4403', '--profile', 'graphql-ws', '--source']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('4403 Forbidden (graphql-ws)');
    expect(r.stdout).toContain('  Action: pause and let the app act');
    expect(r.stdout).toContain('  Sources:\n    - enisdenjo/graphql-ws PROTOCOL.md');
    expect(r.stdout).toContain('      https://github.com/enisdenjo/graphql-ws/blob/master/PROTOCOL.md');
    expect(r.stdout).toContain("The action is closewise's own choice and departs from these sources on purpose");
    // Without --source, no citations.
    expect(runCli(['explain', '4403', '--profile=graphql-ws']).stdout).not.toContain('Sources:');
  });

  it('says whose action it is: the sources', () => {
    const restart = runCli(['explain', '1012', '--source']).stdout;
    expect(restart).toContain('https://www.ietf.org/mail-archive/web/hybi/current/msg09670.html');
    expect(restart).toContain('The action follows these sources.');
    const normal = runCli(['explain', '1003', '--source']).stdout;
    expect(normal).toContain('https://www.rfc-editor.org/rfc/rfc6455#section-7.4.1');
    expect(normal).toContain("The action is closewise's own policy");
    const overload = runCli(['explain', '1013', '--source', '--locale', 'tr']).stdout;
    expect(overload).toContain('  Kaynaklar:');
    expect(overload).toContain(
      "Eylem closewise'ın kendi tercihidir ve bu kaynaklardan bilerek ayrılır; gerekçesi Nasıl Düzeltilir bölümünde açıklanıyor.",
    );
  });

  it('without --profile, names the built-in profiles that define an application code', () => {
    const r = runCli(['explain', '4403']);
    expect(r.stdout).toContain('4403 Private-use application code');
    expect(r.stdout).toContain('Built-in profiles that define 4403: graphql-ws (Forbidden)');
    expect(r.stdout).toContain('Add --profile <id>');
    expect(runCli(['explain', '1014']).stdout).not.toContain('Built-in profiles');
    expect(runCli(['explain', '4403', '--profile', 'pusher']).stdout).not.toContain('Built-in profiles');
  });

  it('compares two codes', () => {
    const r = runCli(['compare', '1008', '1014']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('1008 Policy Violation  vs  1014 Bad Gateway');
    expect(r.stdout).toContain(
      'Key differences:\n- 1008 means "pause and let the app act", 1014 means "reconnect with backoff".',
    );
    expect(r.stdout).toContain('When to use which:\n- 1008: When you exceed a rate limit');
  });

  it('compares in Turkish under the Turkish headings, with sources for both codes', () => {
    const r = runCli(['compare', '1000', '2000', '--locale', 'tr', '--source']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Temel Farklar:\n- ');
    expect(r.stdout).toContain('Hangisini Ne Zaman Kullanmalı:\n- 1000: ');
    expect(r.stdout).toContain(
      '- 1000 bir kapanış çerçevesinde gönderilebilir. 2000 kapanış çerçevesinde gönderilmemelidir, ama standarda uymayan bir karşı taraftan yine de gelebilir.',
    );
    expect(r.stdout.match(/ {2}Kaynaklar:/g)).toHaveLength(2);
    expect(r.stdout).toContain('https://www.rfc-editor.org/rfc/rfc6455#section-7.4.2');
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
    [['explain', '4403', '--profile', 'apollo']],
    [['explain', '4403', '--profile']],
    [['explain', '4403', '--profile=']],
  ])('%j prints usage and exits 2', (args) => {
    const r = runCli(args);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Usage:');
  });

  it.each([['--help'], ['-h'], ['explain', '--help']])('%j prints usage to stdout and exits 0', (...args) => {
    const r = runCli(args);
    expect(r).toEqual({
      exitCode: 0,
      stdout: expect.stringContaining('Usage:\n  closewise explain <code>'),
      stderr: '',
    });
  });

  it('--version prints the version it is given', () => {
    expect(runCli(['--version'], { version: '1.2.3' })).toEqual({ exitCode: 0, stdout: '1.2.3\n', stderr: '' });
  });

  it.each([
    [['explain'], 'explain needs one close code, an integer 0-65535 (for example: closewise explain 1008)'],
    [['explain', '-1'], 'a close code is an integer 0-65535, got "-1"'],
    [['explain', '65536'], 'a close code is an integer 0-65535, got "65536"'],
    [['compare', '1008'], 'compare needs 2 close codes, got 1: 1008'],
    [['compare'], 'compare needs 2 close codes, an integer 0-65535 (for example: closewise compare 1008 1014)'],
  ])('%j says what is wrong in a sentence', (args, message) => {
    const r = runCli(args);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`closewise: ${message}`);
  });

  it.runIf(existsSync('dist/cli.js'))('the built bin behaves the same', () => {
    const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
    expect(execFileSync(process.execPath, ['dist/cli.js', '--version'], { encoding: 'utf8' })).toBe(`${version}\n`);
    expect(execFileSync(process.execPath, ['dist/cli.js', 'explain', '1006'], { encoding: 'utf8' })).toContain(
      '1006 Abnormal Closure',
    );
    expect(
      execFileSync(process.execPath, ['dist/cli.js', 'explain', '4403', '--profile', 'graphql-ws', '--source'], {
        encoding: 'utf8',
      }),
    ).toContain('https://github.com/enisdenjo/graphql-ws/blob/master/PROTOCOL.md');
    const bad = spawnSync(process.execPath, ['dist/cli.js', 'explain', 'nope'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
  });
});
