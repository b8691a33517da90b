import { NODE22_BIN, NODE22_VERSION, node22Installed } from '../../scripts/node22.mjs';

/**
 * The Node 22 binary that `npm test` fetches (scripts/node22.mjs), or undefined. Under CI=true a
 * missing binary is a failure; elsewhere we say so loudly and the Node 22 tests do not run.
 */
export function node22(): string | undefined {
  if (node22Installed()) return NODE22_BIN;
  const message = `\n!!! Node ${NODE22_VERSION} is missing at ${NODE22_BIN}: run \`node scripts/node22.mjs\` (npm test does)\n`;
  if (process.env.CI === 'true') throw new Error(message);
  console.warn(`${message}!!! The Node 22 (built-in WebSocket) tests are NOT being run on this machine.\n`);
  return undefined;
}
