// Bundle size: each closewise entry and each peer, bundled with esbuild (--bundle --minify
// --format=esm) and gzipped, as an app would ship them.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const CASES = [
  ['closewise: ResilientSocket', "export { ResilientSocket } from './dist/index.js';"],
  ['closewise: classifyClose', "export { classifyClose } from './dist/index.js';"],
  ['closewise: describeClose (English advice)', "export { describeClose } from './dist/index.js';"],
  ['closewise/registry (everything)', "export * from './dist/registry/index.js';"],
  ['closewise/locales/tr', "export { tr } from './dist/registry/advice/tr.js';"],
  ['closewise/ui', "export { createStatusBanner, defineStatusElement } from './dist/ui/index.js';"],
  [
    'closewise/reconnecting-websocket (adapter only)',
    "export { withClosePolicy } from './dist/adapters/reconnecting-websocket.js';",
  ],
  ['reconnecting-websocket 4.4.0', "export { default } from 'reconnecting-websocket';"],
  ['partysocket 1.3.0 (ws)', "export { default } from 'partysocket/ws';"],
  ['sockette 2.0.6', "export { default } from 'sockette';"],
  ['websocket-ts 2.3.0', "export { WebsocketBuilder, ExponentialBackoff } from 'websocket-ts';"],
];

async function bundle(contents, plugins = []) {
  const out = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    platform: 'browser',
    logLevel: 'silent',
    plugins,
  });
  const code = out.outputFiles[0].contents;
  return { minified: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

export async function bundleSizes() {
  const rows = [];
  for (const [name, contents] of CASES) rows.push({ name, ...(await bundle(contents)) });
  const rws = rows.find((r) => r.name.startsWith('reconnecting-websocket'))?.gzip ?? 1;
  return rows.map((r) => ({ ...r, ratioToRws: r.gzip / rws }));
}

// Where the bytes of `ResilientSocket` go. Each part is measured by bundling the socket with that
// part's modules replaced by stubs exporting the same names: its cost is the difference. Parts
// are taken away one after the other, so the rows add up to the whole.
const EMPTY_ADVICE = 'export const enPolicy = { id: "en", codes: {}, ranges: {} };';
const NO_OP_EMITTER = 'export class EventEmitter { emit() { return false; } } export default EventEmitter;';
const PARTS = [
  ['eventemitter3', [[/eventemitter3[\\/]index\.mjs$/, NO_OP_EMITTER]]],
  ['English policy advice (`enPolicy`)', [[/registry[\\/]advice[\\/]en-policy\.js$/, EMPTY_ADVICE]]],
  ['options: validation and defaults (with the default clock and browser lifecycle)', [[/client[\\/]options\.js$/]]],
  [
    'classifier: code table, reason hints, code maps',
    [[/(policy[\\/](classify|hints)|registry[\\/](codes|resolve))\.js$/]],
  ],
  ['backoff and close decisions', [[/policy[\\/](backoff|decide)\.js$/]]],
  ['outbox', [[/client[\\/]outbox\.js$/]]],
];

/** Replaces a module by one exporting the same names, read from an unknown global. */
function stubOf(path) {
  const names = [...readFileSync(path, 'utf8').matchAll(/export\s*\{([^}]*)\}/g)].flatMap((m) =>
    m[1]
      .split(',')
      .map((n) =>
        n
          .trim()
          .split(/\s+as\s+/)
          .pop(),
      )
      .filter(Boolean),
  );
  return names.map((n) => `export const ${n} = globalThis.__stub_${n};`).join('\n');
}

export async function socketBreakdown() {
  const entry = "export { ResilientSocket } from './dist/index.js';";
  const stubs = [];
  const plugin = () => ({
    name: 'stubs',
    setup(b) {
      for (const [filter, contents] of stubs)
        b.onLoad({ filter }, (args) => ({ contents: contents ?? stubOf(args.path), loader: 'js' }));
    },
  });
  const whole = await bundle(entry);
  let before = whole.gzip;
  const rows = [];
  for (const [name, replaced] of PARTS) {
    stubs.push(...replaced);
    const after = (await bundle(entry, [plugin()])).gzip;
    rows.push({ name, gzip: before - after });
    before = after;
  }
  rows.push({
    name: 'the ResilientSocket class and its helpers (url, state, errors, policy events, emitter guard)',
    gzip: before,
  });
  return { whole: whole.gzip, rows };
}
