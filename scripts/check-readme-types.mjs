// Type-checks every ```ts block of the README as a user's strict project would, against the
// built package (dist/, through package.json's exports), under both `bundler` and `node16`
// module resolution. Each block is its own module; scripts/readme-app.d.ts declares the few app
// functions the examples call (render, refreshToken...), as an app would have them.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
let failed = false;

for (const resolution of ['bundler', 'node16']) {
  const dir = join(tmpdir(), `closewise-readme-${resolution}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  // The project's dependencies, and closewise itself as an installed package.
  for (const name of readdirSync(join(root, 'node_modules'))) {
    if (name.startsWith('.')) continue;
    symlinkSync(join(root, 'node_modules', name), join(dir, 'node_modules', name));
  }
  symlinkSync(root, join(dir, 'node_modules', 'closewise'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'readme-check', type: 'module', private: true }));
  copyFileSync(join(root, 'scripts', 'readme-app.d.ts'), join(dir, 'readme-app.d.ts'));
  // reconnecting-websocket 4.4.0 ships CommonJS types with `export default`, which node16
  // resolution reads as a namespace with no constructor: its problem, so those blocks are
  // checked under bundler resolution only (where rws users are, since Node 20 has no WebSocket).
  const checked = blocks
    .map((code, i) => ({ code, i }))
    .filter(({ code }) => resolution === 'bundler' || !code.includes("from 'reconnecting-websocket'"));
  const files = checked.map(({ code, i }) => {
    const file = `block-${String(i + 1).padStart(2, '0')}.ts`;
    // `export {}` makes every block a module, as each would be a file of its own in an app.
    writeFileSync(join(dir, file), `${code}\nexport {};\n`);
    return file;
  });
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        target: 'ES2022',
        lib: ['ES2022', 'DOM'],
        module: resolution === 'bundler' ? 'ESNext' : 'Node16',
        moduleResolution: resolution === 'bundler' ? 'Bundler' : 'Node16',
        noEmit: true,
        skipLibCheck: false,
        types: ['node'],
      },
      files: ['readme-app.d.ts', ...files],
    }),
  );
  try {
    execFileSync(process.execPath, [tsc, '-p', dir], { encoding: 'utf8', stdio: 'pipe' });
    console.log(
      `README: ${files.length} of ${blocks.length} TypeScript blocks compile under strict (${resolution} resolution).`,
    );
  } catch (error) {
    failed = true;
    console.error(`README TypeScript blocks fail under strict (${resolution} resolution):\n${error.stdout}`);
    const shown = new Set((error.stdout.match(/block-\d+\.ts/g) ?? []).map(String));
    for (const file of shown) console.error(`--- ${file}\n${readFileSync(join(dir, file), 'utf8')}`);
  }
}
process.exit(failed ? 1 : 0);
