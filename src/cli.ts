/**
 * `npm run score -- <workbook.xlsx> [options]`: scores a workbook's customers into a copy.
 * Bad input prints one sentence on stderr and exits with 1; no stack traces.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { isScoringError, ScoringError } from './engine/errors';
import { serialFromIso, todaySerial } from './engine/parse';
import { summaryLines, unexpectedError, usage, type OptionProblem } from './i18n/cli';
import { describeProblem } from './i18n/problems';
import { pickLanguage, type Language } from './i18n/strings';
import { isPresetId, PRESET_IDS } from './presets';
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

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const langArg = argv.indexOf('--lang');
  let lang: Language = langArg >= 0 ? pickLanguage(argv[langArg + 1]) : languageOfLocale(env);
  try {
    const { values, positionals } = (() => {
      try {
        return parseArgs({
          args: argv,
          allowPositionals: true,
          options: {
            preset: { type: 'string' }, rules: { type: 'string' }, 'as-of': { type: 'string' }, out: { type: 'string' },
            json: { type: 'string' }, lang: { type: 'string' }, breakdown: { type: 'boolean' }, by: { type: 'string' }, help: { type: 'boolean', short: 'h' },
            map: { type: 'string', multiple: true }, without: { type: 'string', multiple: true },
          },
        });
      } catch (e) {
        throw badOption('syntax', (e as Error).message);
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
    if (values.preset !== undefined && !isPresetId(values.preset)) {
      throw badOption('preset', PRESET_IDS.join(lang === 'zh-CN' ? '、' : ', '));
    }
    if (values.preset !== undefined && values.rules !== undefined) throw badOption('preset-and-rules');
    let asOf = todaySerial();
    if (values['as-of'] !== undefined) {
      const serial = /^\d{4}-\d{2}-\d{2}$/.test(values['as-of']) ? serialFromIso(values['as-of']) : undefined;
      if (serial === undefined) throw badOption('as-of', values['as-of']);
      asOf = serial;
    }
    const map = (values.map ?? []).map((text) => {
      const at = text.indexOf('=');
      const indicator = at < 0 ? '' : text.slice(0, at).trim();
      const column = at < 0 ? '' : text.slice(at + 1).trim();
      if (!indicator || !column) throw badOption('map-syntax', text);
      return { indicator, column };
    });
    const without = (values.without ?? []).map((w) => w.trim());
    const result = await scoreFile({
      input: positionals[0]!,
      ...(values.preset && isPresetId(values.preset) ? { preset: values.preset } : {}),
      ...(values.rules ? { rulesFile: values.rules } : {}),
      asOf,
      ...(values.out ? { out: values.out } : {}),
      ...(values.json ? { json: values.json } : {}),
      lang,
      breakdown: values.breakdown ?? false,
      by: values.by ?? userName(),
      ...(map.length > 0 ? { map } : {}),
      ...(without.length > 0 ? { without } : {}),
    });
    process.stdout.write(`${[...summaryLines(result.run, result.outPath, result.reportPath, lang, result.rulesSource), ...result.notices].join('\n')}\n`);
    return 0;
  } catch (e) {
    if (isScoringError(e)) process.stderr.write(`${describeProblem(e.problem, lang)}\n`);
    else process.stderr.write(`${unexpectedError(e instanceof Error ? e.message : String(e), lang)}\n`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
