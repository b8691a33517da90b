import { en } from '../registry/advice/en.js';
import { tr } from '../registry/advice/tr.js';
import { compareCodes } from '../registry/compare.js';
import { type CloseDescription, describeClose } from '../registry/describe.js';
import type { Locale } from '../registry/types.js';

const LOCALES: Readonly<Record<string, Locale>> = { en, tr };

/** What the CLI printed and how it exits. */
export interface CliResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export const USAGE = `Usage:
  closewise explain <code> [--locale en|tr]
  closewise compare <code> <code> [--locale en|tr]

<code> is an integer close code 0-65535, as a WebSocket close event reports it.`;

function usage(problem?: string): CliResult {
  return { exitCode: 2, stdout: '', stderr: `${problem ? `closewise: ${problem}\n\n` : ''}${USAGE}\n` };
}

function parseCode(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{1,5}$/.test(text)) return undefined;
  const code = Number(text);
  return code <= 65535 ? code : undefined;
}

function block(d: CloseDescription, locale: Locale, heading = ''): string {
  const h = locale.labels.headings;
  return [
    `${heading}${d.code} ${d.name}`,
    `  ${d.description}`,
    '',
    `  ${h.whenYouSee}: ${d.whenYouSee}`,
    '',
    `  ${h.howToFix}: ${d.howToFix}`,
  ].join('\n');
}

/**
 * Runs the CLI on its arguments (without `node` and the script path). Pure: returns what to
 * print and the exit code, so that tests and the bin share one code path.
 *
 * @example
 * ```ts
 * runCli(['explain', '1014', '--locale', 'tr']).stdout;
 * runCli(['compare', '1008', 'x']).exitCode; // 2
 * ```
 */
export function runCli(argv: readonly string[]): CliResult {
  const args = [...argv];
  let locale: Locale = en;
  const at = args.findIndex((a) => a === '--locale' || a.startsWith('--locale='));
  if (at !== -1) {
    const flag = args[at] as string;
    const id = flag.includes('=') ? flag.slice(flag.indexOf('=') + 1) : args[at + 1];
    args.splice(at, flag.includes('=') ? 1 : 2);
    const found = id === undefined ? undefined : LOCALES[id];
    if (!found) return usage(`unknown locale ${JSON.stringify(id ?? '')}; use en or tr`);
    locale = found;
  }
  const unknownFlag = args.find((a) => a.startsWith('-'));
  if (unknownFlag) return usage(`unknown option ${JSON.stringify(unknownFlag)}`);
  const [command, ...rest] = args;
  if (command === 'explain') {
    const code = parseCode(rest[0]);
    if (rest.length !== 1 || code === undefined)
      return usage(`explain needs one code 0-65535, got ${JSON.stringify(rest.join(' '))}`);
    return { exitCode: 0, stdout: `${block(describeClose(code, locale), locale)}\n`, stderr: '' };
  }
  if (command === 'compare') {
    const a = parseCode(rest[0]);
    const b = parseCode(rest[1]);
    if (rest.length !== 2 || a === undefined || b === undefined) {
      return usage(`compare needs two codes 0-65535, got ${JSON.stringify(rest.join(' '))}`);
    }
    const c = compareCodes(a, b, locale);
    const lines = [
      `${c.a.code} ${c.a.name}  vs  ${c.b.code} ${c.b.name}`,
      '',
      ...c.differences.map((d) => `- ${d}`),
      '',
      block(c.a, locale, `${locale.labels.compare.action}: ${c.a.actionLabel} | `),
      '',
      block(c.b, locale, `${locale.labels.compare.action}: ${c.b.actionLabel} | `),
    ];
    return { exitCode: 0, stdout: `${lines.join('\n')}\n`, stderr: '' };
  }
  return usage(command === undefined ? undefined : `unknown command ${JSON.stringify(command)}`);
}
