#!/usr/bin/env node
import { createRequire } from 'node:module';
import { runCli } from './cli/run.js';

// package.json sits one level up from both src/cli.ts and dist/cli.js.
const { version } = createRequire(import.meta.url)('../package.json') as { version: string };
const result = runCli(process.argv.slice(2), { version });
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
process.exitCode = result.exitCode;
