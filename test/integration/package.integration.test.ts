// The built package, loaded the way users load it: ESM and CJS in Node 20 with `ws`, by name.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUpstream } from '../../servers/upstream.mjs';

let upstream: Awaited<ReturnType<typeof startUpstream>>;

beforeAll(async () => {
  // `npm test` builds first; a bare `vitest run` builds here so this never tests stale output.
  if (!existsSync('dist/index.cjs')) execFileSync('npx', ['tsdown'], { stdio: 'ignore' });
  upstream = await startUpstream();
});
afterAll(() => upstream.stop());

// Connects through the package's public entry, sends one message, prints the echo and a close.
const script = (load: string) => `
${load}
const socket = new ResilientSocket(process.argv[1], { WebSocket, lifecycle: false });
socket.on('open', () => socket.send('hello'));
socket.on('message', (data) => {
  const c = classifyClose({ code: 1014 });
  console.log(JSON.stringify({ echo: String(data), action: c.action, tr: describeClose(1008, tr).locale }));
  socket.close();
});
setTimeout(() => { console.error('timed out'); process.exit(1); }, 5000).unref();
`;

// Asynchronous: the upstream server lives in this process and must keep answering.
async function run(args: string[]): Promise<{ echo: string; action: string; tr: string }> {
  const { stdout } = await promisify(execFile)(process.execPath, args, { encoding: 'utf8', timeout: 15_000 });
  return JSON.parse(stdout.trim().split('\n').at(-1) as string);
}

describe('the built package', () => {
  it('loads as ESM in Node 20 by its package name and connects with ws', async () => {
    const code = script(`
      import { ResilientSocket, classifyClose, describeClose } from 'closewise';
      import { tr } from 'closewise/locales/tr';
      import { WebSocket } from 'ws';`);
    expect(await run(['--input-type=module', '-e', code, upstream.url])).toEqual({
      echo: 'hello',
      action: 'reconnect',
      tr: 'tr',
    });
  });

  it('loads as CJS in Node 20 by its package name and connects with ws', async () => {
    const code = script(`
      const { ResilientSocket, classifyClose, describeClose } = require('closewise');
      const { tr } = require('closewise/locales/tr');
      const { WebSocket } = require('ws');`);
    expect(await run(['-e', code, upstream.url])).toEqual({ echo: 'hello', action: 'reconnect', tr: 'tr' });
  });

  it('every entry loads in both formats', () => {
    const entries = [
      'closewise',
      'closewise/registry',
      'closewise/locales/tr',
      'closewise/ui',
      'closewise/reconnecting-websocket',
    ];
    const esm = entries.map((e, i) => `import * as m${i} from '${e}';`).join('\n');
    const counts = entries.map((_, i) => `Object.keys(m${i}).length`).join(', ');
    const viaEsm = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', `${esm}\nconsole.log(JSON.stringify([${counts}]))`],
      {
        encoding: 'utf8',
      },
    );
    const viaCjs = execFileSync(
      process.execPath,
      ['-e', `console.log(JSON.stringify(${JSON.stringify(entries)}.map((e) => Object.keys(require(e)).length)))`],
      { encoding: 'utf8' },
    );
    const esmCounts = JSON.parse(viaEsm) as number[];
    expect(esmCounts.every((n) => n > 0)).toBe(true);
    expect(JSON.parse(viaCjs)).toEqual(esmCounts);
  });

  // What a bundler with the `production` condition (Vite and webpack in production mode, esbuild
  // with --conditions=production) gets, loaded here through Node's --conditions flag.
  it.each([
    [
      'the default build',
      [] as string[],
      'TypeError: ResilientSocket: unknown option "maxRetries" (reconnecting-websocket\'s maxRetries: in closewise use backoff.maxAttempts)',
    ],
    ['the production build', ['--conditions=production'], 'no option check'],
  ])('%s: its option checks, and the send() and close() checks that both keep', (_, flags, optionOutcome) => {
    const code = `
      import { ResilientSocket } from 'closewise';
      import { WebSocket } from 'ws';
      const tryIt = (fn) => { try { fn(); return 'no option check'; } catch (e) { return String(e).split('\\n')[0]; } };
      const options = tryIt(() => new ResilientSocket('ws://127.0.0.1:9/x', { WebSocket, lifecycle: false, maxRetries: 3 }).close());
      const socket = new ResilientSocket('ws://127.0.0.1:9/x', { WebSocket, lifecycle: false });
      const send = tryIt(() => socket.send({ a: 1 }));
      const close = tryIt(() => socket.close(999));
      socket.close();
      console.log(JSON.stringify({ options, send, close }));`;
    const out = execFileSync(process.execPath, [...flags, '--input-type=module', '-e', code], { encoding: 'utf8' });
    const result = JSON.parse(out.trim()) as { options: string; send: string; close: string };
    expect(result.options.startsWith(optionOutcome)).toBe(true);
    expect(result.send).toMatch(/^TypeError: ResilientSocket.send: data must be a string/);
    expect(result.close).toMatch(/^RangeError: ResilientSocket.close: code must be 1000 or 3000-4999, got 999/);
  });
});
