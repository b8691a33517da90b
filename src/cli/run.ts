import { en } from '../registry/advice/en.js';
import { tr } from '../registry/advice/tr.js';
import { compareCodes } from '../registry/compare.js';
import { type CloseDescription, describeClose } from '../registry/describe.js';
import { profiles } from '../registry/profiles.js';
import { resolveDefinition } from '../registry/resolve.js';
import { type ActionBasis, type CodeSource, sourceOf } from '../registry/sources.js';
import type { CodeMap, Locale } from '../registry/types.js';

const LOCALES: Readonly<Record<string, Locale>> = { en, tr };

/** The CLI's own words, beyond what a locale carries. */
interface CliWords {
  readonly sources: string;
  readonly basis: Readonly<Record<ActionBasis, string>>;
  readonly noSource: string;
  readonly definedBy: string;
}

const WORDS: Readonly<Record<string, CliWords>> = {
  en: {
    sources: 'Sources',
    basis: {
      source: 'The action follows these sources.',
      closewise: "The action is closewise's own policy: the sources define the code, not what a client should do.",
      deviation: "The action is closewise's own choice and departs from these sources on purpose; {howToFix} says why.",
    },
    noSource: 'Defined by your own code map, which cites no source.',
    definedBy: 'Built-in profiles that define {code}: {list}. Add --profile <id> to read it as that server does.',
  },
  tr: {
    sources: 'Kaynaklar',
    basis: {
      source: 'Eylem bu kaynaklara dayanır.',
      closewise:
        "Eylem closewise'ın kendi kararıdır: kaynaklar kodun anlamını tanımlar, istemcinin ne yapması gerektiğini söylemez.",
      deviation:
        "Eylem closewise'ın kendi tercihidir ve bu kaynaklardan bilerek ayrılır; gerekçesi {howToFix} bölümünde açıklanıyor.",
    },
    noSource: 'Kendi kod tablonuzda tanımlı; bu tablo bir kaynak göstermiyor.',
    definedBy:
      '{code} kodunu tanımlayan yerleşik profiller: {list}. Kodu o sunucunun yorumladığı şekilde görmek için --profile <id> ekleyin.',
  },
};

/** What the CLI printed and how it exits. */
export interface CliResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

const PROFILE_IDS = Object.keys(profiles);

export const USAGE = `Usage:
  closewise explain <code> [--locale en|tr] [--profile <id>] [--source]
  closewise compare <code> <code> [--locale en|tr] [--profile <id>] [--source]
  closewise --help | --version

<code> is an integer close code 0-65535, as a WebSocket close event reports it.
--profile reads 3000-4999 as a server defines them: ${PROFILE_IDS.join(', ')}.
--source prints the RFC sections, registrations and server docs behind each entry, and whether
its action is theirs or closewise's own policy.`;

function usage(problem?: string): CliResult {
  return { exitCode: 2, stdout: '', stderr: `${problem ? `closewise: ${problem}\n\n` : ''}${USAGE}\n` };
}

function parseCode(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{1,5}$/.test(text)) return undefined;
  const code = Number(text);
  return code <= 65535 ? code : undefined;
}

/** Why `codes` are not what `command` needs, as a sentence; undefined when they are fine. */
function codeProblem(command: string, codes: readonly string[], wanted: number): string | undefined {
  const what = wanted === 1 ? 'one close code' : `${wanted} close codes`;
  if (codes.length === 0)
    return `${command} needs ${what}, an integer 0-65535 (for example: closewise ${command} ${wanted === 1 ? '1008' : '1008 1014'})`;
  const bad = codes.find((c) => parseCode(c) === undefined);
  if (bad !== undefined) return `a close code is an integer 0-65535, got ${JSON.stringify(bad)}`;
  if (codes.length !== wanted) return `${command} needs ${what}, got ${codes.length}: ${codes.join(' ')}`;
  return undefined;
}

function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** Takes `--name value` or `--name=value` out of `args`; `null` when the flag has no value. */
function takeOption(args: string[], name: string): string | null | undefined {
  const at = args.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (at === -1) return undefined;
  const flag = args[at] as string;
  const inline = flag.includes('=');
  const value = inline ? flag.slice(flag.indexOf('=') + 1) : args[at + 1];
  args.splice(at, inline ? 1 : 2);
  return value === undefined || value === '' ? null : value;
}

function takeFlag(args: string[], name: string): boolean {
  const at = args.indexOf(name);
  if (at !== -1) args.splice(at, 1);
  return at !== -1;
}

function block(d: CloseDescription, locale: Locale, options: { heading: string; whenYouSee: boolean }): string[] {
  const h = locale.labels.headings;
  const suffix = d.source === 'registry' ? '' : ` (${d.source})`;
  return [
    `${options.heading}${d.code} ${d.name}${suffix}`,
    `  ${h.description}: ${d.description}`,
    ...(options.whenYouSee ? ['', `  ${h.whenYouSee}: ${d.whenYouSee}`] : []),
    '',
    `  ${h.howToFix}: ${d.howToFix}`,
  ];
}

function sourceLines(source: CodeSource | undefined, locale: Locale, words: CliWords): string[] {
  if (!source) return ['', `  ${words.sources}: ${words.noSource}`];
  return [
    '',
    `  ${words.sources}:`,
    ...source.refs.flatMap((ref) => [`    - ${ref.title}`, `      ${ref.url}`]),
    `  ${fill(words.basis[source.action], { howToFix: locale.labels.headings.howToFix })}`,
  ];
}

/** Without `--profile`: the built-in profiles that give this code a meaning, if any. */
function definedBy(code: number, words: CliWords): string[] {
  const found = Object.entries(profiles).flatMap(([id, map]) => {
    const resolved = resolveDefinition(code, [map]);
    return resolved ? [`${id} (${resolved.definition.name})`] : [];
  });
  return found.length === 0 ? [] : ['', fill(words.definedBy, { code, list: found.join(', ') })];
}

/**
 * Runs the CLI on its arguments (without `node` and the script path). Pure: returns what to
 * print and the exit code, so that tests and the bin share one code path.
 *
 * @example
 * ```ts
 * runCli(['explain', '1014', '--locale', 'tr']).stdout;
 * runCli(['explain', '4403', '--profile', 'graphql-ws', '--source']).stdout;
 * runCli(['compare', '1008', 'x']).exitCode; // 2
 * ```
 */
export function runCli(argv: readonly string[], about: { readonly version?: string } = {}): CliResult {
  const args = [...argv];
  if (args.some((a) => a === '--help' || a === '-h')) return { exitCode: 0, stdout: `${USAGE}\n`, stderr: '' };
  if (args.some((a) => a === '--version' || a === '-v')) {
    return { exitCode: 0, stdout: `${about.version ?? 'unknown'}\n`, stderr: '' };
  }
  const localeId = takeOption(args, '--locale');
  let locale: Locale = en;
  if (localeId !== undefined) {
    const found = localeId === null ? undefined : LOCALES[localeId];
    if (!found) return usage(`unknown locale ${JSON.stringify(localeId ?? '')}; use en or tr`);
    locale = found;
  }
  const profileId = takeOption(args, '--profile');
  let codes: CodeMap | undefined;
  if (profileId !== undefined) {
    codes = profileId === null ? undefined : profiles[profileId];
    if (!codes) return usage(`unknown profile ${JSON.stringify(profileId ?? '')}; use ${PROFILE_IDS.join(', ')}`);
  }
  const withSources = takeFlag(args, '--source');
  // A negative number is a bad code, not an option: say so in those words.
  const unknownFlag = args.find((a) => a.startsWith('-') && !/^-\d/.test(a));
  if (unknownFlag) return usage(`unknown option ${JSON.stringify(unknownFlag)}`);
  const words = WORDS[locale.id] ?? (WORDS.en as CliWords);
  const options = codes ? { codes } : {};
  const sources = (code: number) => (withSources ? sourceLines(sourceOf(code, options), locale, words) : []);
  const hint = (code: number) => (codes ? [] : definedBy(code, words));
  const [command, ...rest] = args;
  if (command === 'explain') {
    const problem = codeProblem('explain', rest, 1);
    if (problem) return usage(problem);
    const code = parseCode(rest[0]) as number;
    const d = describeClose(code, locale, options);
    const lines = [
      ...block(d, locale, { heading: '', whenYouSee: true }),
      '',
      `  ${locale.labels.compare.action}: ${locale.labels.actions[d.action]}`,
      ...sources(code),
      ...hint(code),
    ];
    return { exitCode: 0, stdout: `${lines.join('\n')}\n`, stderr: '' };
  }
  if (command === 'compare') {
    const problem = codeProblem('compare', rest, 2);
    if (problem) return usage(problem);
    const a = parseCode(rest[0]) as number;
    const b = parseCode(rest[1]) as number;
    const c = compareCodes(a, b, locale, options);
    const t = locale.labels.compare;
    const lines = [
      `${c.a.code} ${c.a.name}  vs  ${c.b.code} ${c.b.name}`,
      '',
      `${t.keyDifferences}:`,
      ...c.differences.map((d) => `- ${d}`),
      '',
      `${t.whenToUseWhich}:`,
      ...[c.a, c.b].map((side) => `- ${side.code}: ${side.whenToUse}`),
      '',
      ...block(c.a, locale, { heading: `${t.action}: ${c.a.actionLabel} | `, whenYouSee: false }),
      ...sources(a),
      '',
      ...block(c.b, locale, { heading: `${t.action}: ${c.b.actionLabel} | `, whenYouSee: false }),
      ...sources(b),
    ];
    return { exitCode: 0, stdout: `${lines.join('\n')}\n`, stderr: '' };
  }
  return usage(command === undefined ? undefined : `unknown command ${JSON.stringify(command)}`);
}
