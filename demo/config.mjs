// The demo's Vite configuration, shared by `npm run demo` (vite.config.ts) and the browser tests.
import { fileURLToPath } from 'node:url';
import { closewiseDemoServers } from './servers-plugin.mjs';

const src = (/** @type {string} */ path) => fileURLToPath(new URL(`../src/${path}`, import.meta.url));

/**
 * @param {{ quiet?: boolean }} [options]
 * @returns {import('vite').UserConfig}
 */
export function demoConfig(options = {}) {
  return {
    root: fileURLToPath(new URL('.', import.meta.url)),
    // The demo imports closewise as an app would; these map the package names to the sources.
    resolve: {
      alias: [
        { find: /^closewise$/, replacement: src('index.ts') },
        { find: /^closewise\/ui$/, replacement: src('ui/index.ts') },
        { find: /^closewise\/react$/, replacement: src('react/index.ts') },
        { find: /^closewise\/tabs$/, replacement: src('tabs/index.ts') },
        { find: /^closewise\/registry$/, replacement: src('registry/index.ts') },
        { find: /^closewise\/locales\/tr$/, replacement: src('registry/advice/tr.ts') },
      ],
    },
    // demo/react.tsx: React's automatic JSX runtime (Vite's own oxc transform, no React plugin).
    oxc: { jsx: { runtime: 'automatic' } },
    server: { host: '127.0.0.1' },
    clearScreen: false,
    plugins: [closewiseDemoServers(options)],
  };
}
