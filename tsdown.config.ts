import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'registry/index': 'src/registry/index.ts',
    'registry/advice/tr': 'src/registry/advice/tr.ts',
    'ui/index': 'src/ui/index.ts',
    'adapters/reconnecting-websocket': 'src/adapters/reconnecting-websocket.ts',
    cli: 'src/cli.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  // One output file per source module, so that `import { classifyClose }` bundles only the
  // classifier and its tables, not the socket or the advice text.
  unbundle: true,
  platform: 'neutral',
  target: 'es2022',
  clean: true,
  external: ['eventemitter3', /^node:/],
});
