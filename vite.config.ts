import { defineConfig } from 'vitest/config';
import { demoConfig } from './demo/config.mjs';

// One file, two uses: `npm run demo` serves demo/ (the plugin starts the upstream service and the
// gateway), and Vitest runs the test projects below.
export default defineConfig({
  ...(process.env.VITEST ? {} : demoConfig()),
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', environment: 'node', include: ['test/unit/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'dom', environment: 'jsdom', include: ['test/dom/**/*.test.{ts,tsx}'] },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          environment: 'node',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          environment: 'node',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One browser at a time, one test file at a time, on a 2-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
});
