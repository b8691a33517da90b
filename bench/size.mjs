// Bundle size: each closewise entry and each peer, bundled as an app's production build bundles
// it (`esbuild --bundle --minify --format=esm --define:process.env.NODE_ENV='"production"'`) and
// gzipped (-9), twice: without export conditions (the default, checked build) and with
// `--conditions=production` (closewise's production build, option validation left out). Entries
// import closewise by its package name, so its `exports` map picks the build, as in an app.
import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** The two builds an app can get: what an unknown bundler resolves, and `--conditions=production`. */
export const BUILDS = [
  { id: 'default', conditions: [] },
  { id: 'production', conditions: ['production'] },
];

const CASES = [
  ['closewise: ResilientSocket', "export { ResilientSocket } from 'closewise';"],
  [
    'closewise: ResilientSocket + closewise/ui',
    "export { ResilientSocket } from 'closewise'; export { createStatusBanner, defineStatusElement } from 'closewise/ui';",
  ],
  ['closewise: classifyClose', "export { classifyClose } from 'closewise';"],
  ['closewise: describeClose (English advice)', "export { describeClose } from 'closewise';"],
  ['closewise/registry (everything)', "export * from 'closewise/registry';"],
  ['closewise/locales/tr', "export { tr } from 'closewise/locales/tr';"],
  ['closewise/ui', "export { createStatusBanner, defineStatusElement } from 'closewise/ui';"],
  [
    'closewise/reconnecting-websocket (adapter only)',
    "export { withClosePolicy } from 'closewise/reconnecting-websocket';",
  ],
  ['reconnecting-websocket 4.4.0', "export { default } from 'reconnecting-websocket';"],
  ['partysocket 1.3.0 (ws)', "export { default } from 'partysocket/ws';"],
  ['sockette 2.0.6', "export { default } from 'sockette';"],
  ['websocket-ts 2.3.0', "export { WebsocketBuilder, ExponentialBackoff } from 'websocket-ts';"],
];

/** Goals from issue 11, for the production build (1 KB = 1024 B there). */
export const GOALS = [
  ['closewise: ResilientSocket', 8 * 1024],
  ['closewise: ResilientSocket + closewise/ui', 13 * 1024],
  ['closewise: classifyClose', 2 * 1024],
];

async function bundle(contents, { conditions }, plugins = [], metafile = false) {
  const out = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    platform: 'browser',
    conditions,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
    plugins,
    metafile,
  });
  const code = out.outputFiles[0].contents;
  return { minified: code.length, gzip: gzipSync(code, { level: 9 }).length, metafile: out.metafile };
}

export async function bundleSizes() {
  const rows = [];
  for (const [name, contents] of CASES) {
    const row = { name };
    for (const b of BUILDS) row[b.id] = await bundle(contents, b);
    // The flat fields are the default build's, as before.
    rows.push({ ...row, minified: row.default.minified, gzip: row.default.gzip });
  }
  const rws = rows.find((r) => r.name.startsWith('reconnecting-websocket'))?.gzip ?? 1;
  return rows.map((r) => ({ ...r, ratioToRws: r.gzip / rws, productionRatioToRws: r.production.gzip / rws }));
}

// Where the bytes of `ResilientSocket` go. Each part is measured by bundling the socket with that
// part's modules replaced by stubs exporting the same names: its cost is the difference. Parts
// are taken away one after the other, leaves of the import graph first, so the rows add up to
// the whole; the last row is what is left (the `ResilientSocket` class). Each row lists the
// modules that actually left the bundle (esbuild's metafile): a module that goes with its only
// importer shows up there, and a part that removes nothing fails the run.
const EMPTY_ADVICE = 'export const enPolicy = { id: "en", codes: {}, ranges: {} };';
const NO_OP_EMITTER = 'export class EventEmitter { emit() { return false; } } export default EventEmitter;';
/** closewise's built modules by file name, in whichever folder of `dist/` they are. */
const mod = (names) => new RegExp(`dist[\\\\/](?:[\\w-]+[\\\\/])*(?:${names})\\.js$`);
export const PARTS = [
  ['eventemitter3', [[/eventemitter3[\\/]index\.mjs$/, NO_OP_EMITTER]]],
  ['English policy advice (`enPolicy`)', [[mod('en-policy'), EMPTY_ADVICE]]],
  [
    'helpers: url, browser lifecycle, default clock, errors, data and value checks, emitter guard, policy events',
    [[mod('url|lifecycle|clock|errors|outbox|checks|emitter|policy-actions')]],
  ],
  ['options: defaults and schema (validation)', [[mod('options|schema')]]],
  ['classifier: code table, reason hints, code maps', [[mod('classify|hints|codes|resolve')]]],
  ['backoff and close decisions', [[mod('backoff|decide')]]],
  ['engine values: state, queue, outage, throttle, status', [[mod('state|queue|outage|throttle|status|config')]]],
  ['engine: `step` (every transition)', [[mod('step')]]],
  ['client host (`EngineHost`: the run-to-completion loop)', [[mod('host')]]],
];
const REST = 'the `ResilientSocket` interpreter (native socket, timers, providers, hooks) and what is left';

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

/** Modules whose own code is in the bundle: inputs with output bytes, less the stubbed ones. */
function liveModules(metafile, stubbed) {
  const inputs = Object.values(metafile.outputs)[0].inputs;
  return new Set(
    Object.entries(inputs)
      .filter(([path, input]) => input.bytesInOutput > 0 && path !== '<stdin>' && !stubbed.has(path))
      // eventemitter3's ESM entry only re-exports its CJS file: name the package once.
      .map(([path]) => (path.includes('node_modules/eventemitter3/') ? 'eventemitter3' : path)),
  );
}

async function breakdownOf(build) {
  const entry = "export { ResilientSocket } from 'closewise';";
  const stubs = [];
  const stubbed = new Set();
  const plugin = {
    name: 'stubs',
    setup(b) {
      for (const [filter, contents] of stubs)
        b.onLoad({ filter }, (args) => {
          stubbed.add(relative(process.cwd(), args.path).split(sep).join('/'));
          return { contents: contents ?? stubOf(args.path), loader: 'js' };
        });
    },
  };
  const whole = await bundle(entry, build, [], true);
  let before = whole;
  let live = liveModules(whole.metafile, stubbed);
  const rows = [];
  for (const [name, replaced] of PARTS) {
    stubs.push(...replaced);
    const after = await bundle(entry, build, [plugin], true);
    const left = liveModules(after.metafile, stubbed);
    const modules = [...live].filter((m) => !left.has(m)).sort();
    // A part whose modules moved or were renamed would silently cost 0 bytes: fail instead.
    if (modules.length === 0) throw new Error(`size breakdown (${build.id}): "${name}" took no module away`);
    rows.push({ name, modules, gzip: before.gzip - after.gzip });
    before = after;
    live = left;
  }
  rows.push({ name: REST, modules: [...live].sort(), gzip: before.gzip });
  return { whole: whole.gzip, rows };
}

/** The default build's breakdown (`whole`, `rows`), with the production build's beside it. */
export async function socketBreakdown() {
  const byDefault = await breakdownOf(BUILDS[0]);
  return { ...byDefault, production: await breakdownOf(BUILDS[1]) };
}
