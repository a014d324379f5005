/** What the `score` command prints, in zh-CN and en-US. */
import type { ScoringRun } from '../engine/run';
import { flagName, tierLabel } from './scoring';
import type { Language } from './strings';
import { FLAG_IDS } from '../engine/flags';

export function usage(lang: Language): string {
  return lang === 'zh-CN'
    ? `用法：npm run score -- <工作簿.xlsx> [--preset evaluation|grading|maintenance] [--rules 规则.json]
        [--as-of YYYY-MM-DD] [--out 结果.xlsx] [--json 报告.json] [--lang zh-CN|en-US] [--breakdown]
为评估表中的每位客户计算综合得分、客户等级和预警标记，写入一份新的工作簿（原文件不会被修改）。
未指定 --preset 或 --rules 时，自动选用与表头最匹配的方案。`
    : `Usage: npm run score -- <workbook.xlsx> [--preset evaluation|grading|maintenance] [--rules rules.json]
        [--as-of YYYY-MM-DD] [--out scored.xlsx] [--json report.json] [--lang zh-CN|en-US] [--breakdown]
Scores every customer of the evaluation table (weighted score, tier, flags) into a copy of the
workbook; the input is never modified. Without --preset or --rules, the preset whose indicators
the headers match best is used.`;
}

export function summaryLines(run: ScoringRun, outPath: string, reportPath: string | undefined, lang: Language): string[] {
  const zh = lang === 'zh-CN';
  const sep = zh ? '，' : ', ';
  const tiers = run.rules.tiers.map((t) => `${tierLabel(t, lang)} ${run.summary.tiers[t.id] ?? 0}`).join(sep);
  const flags = FLAG_IDS.filter((id) => run.summary.flags[id] > 0).map((id) => `${flagName(id, lang)} ${run.summary.flags[id]}`).join(sep);
  const where = `${run.evaluation.table.sheet}`;
  const lines = zh
    ? [
        `已按「${run.rules.label.zh}」为「${where}」中的 ${run.customers.length} 位客户评分：${tiers}。`,
        flags ? `预警：${flags}。` : '没有预警。',
        `结果已写入 ${outPath}${reportPath ? `，报告已写入 ${reportPath}` : ''}。`,
      ]
    : [
        `Scored ${run.customers.length} customers on “${where}” with “${run.rules.label.en}”: ${tiers}.`,
        flags ? `Flags: ${flags}.` : 'No flags.',
        `Results written to ${outPath}${reportPath ? `, report to ${reportPath}` : ''}.`,
      ];
  return lines;
}

export function unexpectedError(message: string, lang: Language): string {
  return lang === 'zh-CN' ? `意外错误：${message}（请把这句话告诉开发人员）。` : `Unexpected error: ${message} (please report this sentence).`;
}
