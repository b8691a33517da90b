import { defineConfig, type UserConfig } from 'tsdown';

const entry = {
  index: 'src/index.ts',
  'registry/index': 'src/registry/index.ts',
  'registry/advice/tr': 'src/registry/advice/tr.ts',
  'ui/index': 'src/ui/index.ts',
  'adapters/reconnecting-websocket': 'src/adapters/reconnecting-websocket.ts',
  'react/index': 'src/react/index.ts',
  'tabs/index': 'src/tabs/index.ts',
  cli: 'src/cli.ts',
};

const shared: UserConfig = {
  // One output file per source module, so that `import { classifyClose }` bundles only the
  // classifier and its tables, not the socket or the advice text.
  unbundle: true,
  platform: 'neutral',
  target: 'es2022',
  // react (an optional peer) and react/jsx-runtime stay imports of the app's own React.
  external: ['eventemitter3', /^node:/, /^react($|\/)/],
};

export default defineConfig([
  // The checked build: every entry, ESM and CJS, with types. `process.env.NODE_ENV` is replaced,
  // so nothing in it reads `process` at run time.
  {
    ...shared,
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    define: { 'process.env.NODE_ENV': JSON.stringify('development') },
  },
  // The production build (the `production` export condition): option validation left out.
  {
    ...shared,
    entry: {
      index: entry.index,
      'ui/index': entry['ui/index'],
      'adapters/reconnecting-websocket': entry['adapters/reconnecting-websocket'],
      'react/index': entry['react/index'],
      'tabs/index': entry['tabs/index'],
    },
    outDir: 'dist/production',
    format: ['esm'],
    dts: false,
    clean: false,
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  },
]);
