import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Regression tests for issue 11: they fail on the current engine and are kept out of `npm test`
// until the new one lands. Run with `npx vitest run --config test/regressions/vitest.config.ts`.
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    name: 'regressions',
    environment: 'node',
    include: ['test/regressions/**/*.test.ts'],
    // A runaway microtask loop cannot be cut by a timeout (timers never fire); the tests that can
    // loop bound themselves. This catches the rest.
    testTimeout: 10_000,
  },
});
