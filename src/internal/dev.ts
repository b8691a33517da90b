/**
 * Is this the development build? `true` in the default build (what Node, tests and any bundler
 * without a `production` export condition get), `false` in the production build that Vite,
 * webpack and esbuild pick with `--conditions=production`. Code under `if (DEV)` is the option
 * validation with its messages: a production build drops it, as React and Vue drop theirs. The
 * checks of `send`, `close` and hook data never sit under it.
 *
 * The builds replace `process.env.NODE_ENV` (tsdown `define`); under Vitest it is 'test'.
 */
export const DEV: boolean = process.env.NODE_ENV !== 'production';
