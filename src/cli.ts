/**
 * `npm run score -- <workbook.xlsx> [options]`: scores a workbook's customers into a copy.
 * Bad input prints one sentence on stderr and exits with 1; no stack traces.
 */
import os from 'node:os';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isScoringError, ScoringError } from './engine/errors';
import { serialFromIso, todaySerial } from './engine/parse';
import { analysesSummaryLines, unexpectedError, usage } from './i18n/cli';
import type { OptionProblem } from './i18n/reasons';
import { describeProblem } from './i18n/problems';
import { pickLanguage, type Language } from './i18n/strings';
import { ALL_PRESET_IDS, isAnalysisPresetId, isPresetId } from './presets';
import type { PeriodChoice } from './engine/rfm';
import { scoreFile } from './xlsx/score-file';

/**
 * The language of the terminal's locale: Chinese locales give zh-CN, other named locales
 * en-US; with no locale (or C / POSIX) the product's first language, zh-CN.
 */
export function languageOfLocale(env: NodeJS.ProcessEnv): Language {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  if (!locale || /^(C|POSIX)([._]|$)/i.test(locale)) return 'zh-CN';
  return pickLanguage(locale.replace(/\..*$/, ''));
}

/** Who runs the command, for the run record: the system's user name ('' when it cannot be read). */
function userName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return '';
  }
}

function badOption(option: OptionProblem, value = ''): ScoringError {
  return new ScoringError('bad-option', { option, value });
}

/** The command's options, for node:util parseArgs. */
const OPTIONS = {
  preset: { type: 'string' },
  rules: { type: 'string' },
  'as-of': { type: 'string' },
  out: { type: 'string' },
  json: { type: 'string' },
  lang: { type: 'string' },
  breakdown: { type: 'boolean' },
  by: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  map: { type: 'string', multiple: true },
  without: { type: 'string', multiple: true },
  'no-charts': { type: 'boolean' },
  'group-by': { type: 'string' },
  'period-from': { type: 'string' },
  'period-to': { type: 'string' },
  'period-months': { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

/** A `YYYY-MM-DD` option's serial, or the option's problem. */
function dateOption(text: string, option: 'as-of' | 'period-from' | 'period-to'): number {
  const serial = /^\d{4}-\d{2}-\d{2}$/.test(text) ? serialFromIso(text) : undefined;
  if (serial === undefined) throw badOption(option, text);
  return serial;
}

/**
 * What parseArgs refused, as an option problem of ours: by its error code, naming the option
 * (or argument) as typed, which its English message quotes first ('--foo', '--as-of <value>').
 * A refusal without a known code, or without an option to name, says only that the command
 * line could not be read.
 */
export function parseArgsProblem(e: unknown, argv: readonly string[]): ScoringError {
  const { code, message } = (e ?? {}) as { code?: unknown; message?: unknown };
  const quoted =
    (typeof message === 'string' ? /'([^'\s]+)/.exec(message)?.[1] : undefined) ??
    (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? unknownOptionIn(argv) : undefined);
  if (quoted === undefined) return badOption('syntax');
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return badOption('unknown-option', quoted);
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return badOption('unexpected-argument', quoted);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const name = quoted.replace(/^--?/, '');
    const option = Object.entries(OPTIONS).find(([long, o]) => long === name || ('short' in o && o.short === name));
    if (option) return badOption(option[1].type === 'boolean' ? 'option-takes-no-value' : 'option-needs-value', quoted);
  }
  return badOption('syntax');
}

/** The first argument before `--` that looks like an option and is none of ours. */
function unknownOptionIn(argv: readonly string[]): string | undefined {
  const shorts = new Set<string>(Object.values(OPTIONS).flatMap((o) => ('short' in o ? [o.short] : [])));
  for (const arg of argv) {
    if (arg === '--') return undefined;
    const long = /^--([^=]+)/.exec(arg)?.[1];
    if (long !== undefined && !(long in OPTIONS)) return `--${long}`;
    if (long === undefined && /^-[^-]/.test(arg)) {
      const unknown = [...arg.slice(1)].find((c) => !shorts.has(c));
      if (unknown !== undefined) return `-${unknown}`;
    }
  }
  return undefined;
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const langArg = argv.indexOf('--lang');
  let lang: Language = langArg >= 0 ? pickLanguage(argv[langArg + 1]) : languageOfLocale(env);
  try {
    const { values, positionals } = (() => {
      try {
        return parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
      } catch (e) {
        throw parseArgsProblem(e, argv);
      }
    })();
    if (values.lang !== undefined) {
      if (values.lang !== 'zh-CN' && values.lang !== 'en-US') throw badOption('lang');
      lang = values.lang;
    }
    if (values.help) {
      process.stdout.write(`${usage(lang)}\n`);
      return 0;
    }
    if (positionals.length !== 1) throw badOption('workbook');
    if (values.preset !== undefined && !isPresetId(values.preset) && !isAnalysisPresetId(values.preset)) {
      throw badOption('preset', ALL_PRESET_IDS.join(lang === 'zh-CN' ? '、' : ', '));
    }
    if (values.preset !== undefined && values.rules !== undefined) throw badOption('preset-and-rules');
    const asOf = values['as-of'] !== undefined ? dateOption(values['as-of'], 'as-of') : todaySerial();
    const period: PeriodChoice = {};
    if (values['period-from'] !== undefined) period.from = dateOption(values['period-from'], 'period-from');
    if (values['period-to'] !== undefined) period.to = dateOption(values['period-to'], 'period-to');
    if (values['period-months'] !== undefined) {
      const text = values['period-months'];
      const months = /^\d{1,3}$/.test(text.trim()) ? Number(text.trim()) : NaN;
      if (!(months >= 1 && months <= 120)) throw badOption('period-months', text);
      period.months = months;
    }
    if (period.from !== undefined && period.to !== undefined && period.from > period.to) {
      throw new ScoringError('bad-option', { option: 'period-order', from: values['period-from']!, to: values['period-to']! });
    }
    const map = (values.map ?? []).map((text) => {
      const at = text.indexOf('=');
      const indicator = at < 0 ? '' : text.slice(0, at).trim();
      const column = at < 0 ? '' : text.slice(at + 1).trim();
      if (!indicator || !column) throw badOption('map-syntax', text);
      return { indicator, column };
    });
    const without = (values.without ?? []).map((w) => w.trim());
    const groupBy = values['group-by']?.trim();
    if (groupBy === '') throw badOption('option-needs-value', '--group-by');
    const result = await scoreFile({
      input: positionals[0]!,
      ...(values.preset && (isPresetId(values.preset) || isAnalysisPresetId(values.preset)) ? { preset: values.preset } : {}),
      ...(values.rules ? { rulesFile: values.rules } : {}),
      asOf,
      ...(values.out ? { out: values.out } : {}),
      ...(values.json ? { json: values.json } : {}),
      lang,
      breakdown: values.breakdown ?? false,
      by: values.by ?? userName(),
      ...(map.length > 0 ? { map } : {}),
      ...(without.length > 0 ? { without } : {}),
      ...(Object.keys(period).length > 0 ? { period } : {}),
      charts: !values['no-charts'],
      ...(groupBy !== undefined ? { groupBy } : {}),
    });
    const lines = analysesSummaryLines(result.analyses, result.outPath, result.reportPath, lang, result.rulesSource);
    process.stdout.write(`${[...lines, ...result.notices].join('\n')}\n`);
    return 0;
  } catch (e) {
    if (isScoringError(e)) process.stderr.write(`${describeProblem(e.problem, lang)}\n`);
    else process.stderr.write(`${unexpectedError(e instanceof Error ? `${e.name}: ${e.message}` : String(e), lang)}\n`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
