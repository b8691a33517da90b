// Bundle size: each closewise entry and each peer, bundled with esbuild (--bundle --minify
// --format=esm) and gzipped, as an app would ship them.
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

export async function bundleSizes() {
  const rows = [];
  for (const [name, contents] of CASES) {
    const out = await build({
      stdin: { contents, resolveDir: process.cwd(), loader: 'js' },
      bundle: true,
      minify: true,
      format: 'esm',
      write: false,
      platform: 'browser',
      logLevel: 'silent',
    });
    const code = out.outputFiles[0].contents;
    rows.push({ name, minified: code.length, gzip: gzipSync(code, { level: 9 }).length });
  }
  const rws = rows.find((r) => r.name.startsWith('reconnecting-websocket'))?.gzip ?? 1;
  return rows.map((r) => ({ ...r, ratioToRws: r.gzip / rws }));
}
